#!/usr/bin/env bash
# make test: a throwaway database with the suite and demo data, every test of
# the suite's modules (Odoo's runner, browser tours included), the suite-level
# XML-RPC tests against a live server, then the database is dropped.
# Ends with "N passed, N failed"; any skipped test of ours fails the run.
source "$(dirname "$0")/env.sh"
ODOO_ADDONS_PATH=$(odoo_addons_path) || exit 1
ensure_postgres

MODULES="${MODULES:-industrial_crm,industrial_production_link,industrial_1c_sync,industrial_miko,industrial_ru,industrial_approval,industrial_engineering,industrial_marketing}"
TEST_TAGS="${TEST_TAGS:-$(echo "$MODULES" | sed 's/\([^,]*\)/\/\1/g')}"
DB="industrial_test_$(date +%Y%m%d%H%M%S)_$$"
LOGDIR="$ROOT/.test-logs"
mkdir -p "$LOGDIR"
LOG="$LOGDIR/odoo-tests.log"
SERVER_LOG="$LOGDIR/odoo-server.log"
SERVER_PID=""

cleanup() {
    if [ -n "$SERVER_PID" ]; then
        kill "$SERVER_PID" 2>/dev/null
        wait "$SERVER_PID" 2>/dev/null
    fi
    dropdb --if-exists --force "$DB" >/dev/null 2>&1 || true
    rm -rf "$ROOT/.test-logs/filestore-$DB"
}
trap cleanup EXIT

command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 \
    || die "chromium is not installed: browser tours would be skipped (apt-get install chromium)."
"$PYTHON" -c "import websocket" 2>/dev/null \
    || die "websocket-client is not installed: browser tours would be skipped (pip install -r requirements.txt)."

echo "Installing $MODULES with demo data into $DB and running their tests (log: $LOG)"
odoo_cmd -d "$DB" -i "$MODULES" --test-enable --test-tags="$TEST_TAGS" \
    --data-dir="$LOGDIR/data" --http-port="${TEST_HTTP_PORT:-18069}" \
    --stop-after-init --log-level=info --workers=0 --max-cron-threads=0 >"$LOG" 2>&1
odoo_rc=$?

# Odoo's own summary and skip lines
summary=$(grep -E "odoo\.tests\.result: [0-9]+ failed, [0-9]+ error\(s\) of [0-9]+ tests" "$LOG" | tail -1)
failed=$(echo "$summary" | sed -nE 's/.* ([0-9]+) failed, ([0-9]+) error\(s\) of ([0-9]+) tests.*/\1/p')
errors=$(echo "$summary" | sed -nE 's/.* ([0-9]+) failed, ([0-9]+) error\(s\) of ([0-9]+) tests.*/\2/p')
total=$(echo "$summary" | sed -nE 's/.* ([0-9]+) failed, ([0-9]+) error\(s\) of ([0-9]+) tests.*/\3/p')
failed=${failed:-0}; errors=${errors:-0}; total=${total:-0}
skipped=$(grep -cE " INFO \S+ odoo\.addons\.industrial_[a-z0-9_]+\.tests\.\S+: skipped " "$LOG")
odoo_failed=$((failed + errors))
if [ "$odoo_rc" != 0 ] && [ "$odoo_failed" = 0 ]; then
    echo "Odoo exited with $odoo_rc before its tests finished:"
    grep -E " (ERROR|CRITICAL) " "$LOG" | head -20
    odoo_failed=1
fi
# Odoo installs a module "without demo data" when its demo fails, and goes on: that is a failure here
if grep -q "demo data failed to install" "$LOG"; then
    echo "Demo data failed to install:"
    grep -A3 "demo data failed to install" "$LOG" | head -8
    odoo_failed=$((odoo_failed + 1))
fi
if [ "$odoo_failed" != 0 ]; then
    echo "Failures (see $LOG):"
    grep -E " (ERROR|CRITICAL) .*(FAIL|ERROR): " "$LOG" | sed -E 's/^.* (FAIL|ERROR): /  \1: /' | head -40
fi
if [ "$skipped" != 0 ]; then
    echo "Skipped tests of the suite (a skip hides a missing browser or library):"
    grep -E " INFO \S+ odoo\.addons\.industrial_[a-z0-9_]+\.tests\.\S+: skipped " "$LOG" | sed -E 's/^.*: skipped /  /' | head -20
fi
odoo_passed=$((total - failed - errors - skipped))
echo "Odoo tests: $odoo_passed passed, $odoo_failed failed, $skipped skipped of $total"

# Suite-level tests: XML-RPC against a live server on the same database, README checks
suite_passed=0; suite_failed=0
if [ "$odoo_rc" = 0 ] || [ "$total" != 0 ]; then
    port="${SUITE_HTTP_PORT:-18070}"
    "$PYTHON" -m odoo -c "$ROOT/odoo.conf" --addons-path="$ODOO_ADDONS_PATH" -d "$DB" \
        --db_host="$PGHOST" --db_port="$PGPORT" --db_user="$PGUSER" --db_password="$PGPASSWORD" \
        --http-port="$port" --data-dir="$LOGDIR/data" --workers=0 --max-cron-threads=0 \
        --log-level=warn >"$SERVER_LOG" 2>&1 &
    SERVER_PID=$!
    for _ in $(seq 1 60); do
        curl -sf "http://127.0.0.1:$port/web/health" >/dev/null 2>&1 && break
        sleep 1
    done
    suite_out=$(ODOO_URL="http://127.0.0.1:$port" ODOO_DB="$DB" "$PYTHON" -m unittest discover -s "$ROOT/tests" -t "$ROOT" -v 2>&1)
    echo "$suite_out" | grep -E "^(FAIL|ERROR):|\.\.\. (FAIL|ERROR|skipped)" | head -20
    ran=$(echo "$suite_out" | sed -nE 's/^Ran ([0-9]+) tests?.*/\1/p')
    bad=$(echo "$suite_out" | grep -cE "\.\.\. (FAIL|ERROR)$")
    suite_skipped=$(echo "$suite_out" | grep -cE "\.\.\. skipped")
    ran=${ran:-0}
    suite_failed=$bad
    suite_passed=$((ran - bad - suite_skipped))
    if [ "$ran" = 0 ]; then
        echo "$suite_out" | tail -20
        suite_failed=1
    fi
    skipped=$((skipped + suite_skipped))
    echo "Suite tests: $suite_passed passed, $suite_failed failed of $ran"
fi

passed=$((odoo_passed + suite_passed))
failed_all=$((odoo_failed + suite_failed))
echo "$passed passed, $failed_all failed, $skipped skipped"
[ "$failed_all" = 0 ] && [ "$skipped" = 0 ]
