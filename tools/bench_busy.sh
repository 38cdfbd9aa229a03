#!/usr/bin/env bash
# Busy-day benchmark (make bench BENCH=busy): a throwaway database seeded in bulk
# (BUSY_CONTACTS=200000, BUSY_DEALS=100000, BUSY_REQUESTS=1000000 by default,
# tools/bench_busy_seed.py), the MikoPBX and 1C emulators as a process
# (tools/bench_busy_emulators.py), Odoo with --workers=4 --max-cron-threads=2 and a
# second Odoo server on the same database (its own port, crons on too), then
# BUSY_MINUTES (10) of emails, PBX events and 30 web users on both at once
# (tools/bench_busy_load.py); the database is checked afterwards (tools/bench_busy.py)
# and the targets are printed with PASS/MISS. The benchmark reports, it asserts nothing.
# BUSY_DB=<name> reuses a database seeded by an earlier run (kept with BUSY_KEEP_DB=1).
source "$(dirname "$0")/env.sh"
ODOO_ADDONS_PATH=$(odoo_addons_path) || exit 1
ensure_postgres
DB="${BUSY_DB:-industrial_bench_busy_$$}"
PORT_A="${BUSY_PORT_A:-18243}"; GEVENT_A="${BUSY_GEVENT_A:-18244}"
PORT_B="${BUSY_PORT_B:-18245}"; GEVENT_B="${BUSY_GEVENT_B:-18246}"
WORKERS_B="${BUSY_WORKERS_B:-2}"
LOGDIR="$ROOT/.test-logs/bench-busy"
mkdir -p "$LOGDIR"
PID_A=""; PID_B=""; PID_EMU=""
cleanup() {
    for pid in $PID_A $PID_B $PID_EMU; do kill "$pid" 2>/dev/null; done
    for pid in $PID_A $PID_B $PID_EMU; do wait "$pid" 2>/dev/null; done
    if [ -z "${BUSY_DB:-}" ] && [ -z "${BUSY_KEEP_DB:-}" ]; then
        dropdb --if-exists --force "$DB" >/dev/null 2>&1
    fi
}
trap cleanup EXIT
shell() { BENCH_PHASE="$1" odoo_cmd shell -d "$DB" --no-http --log-level=warn < "$ROOT/tools/$2"; }

for port in $PORT_A $PORT_B; do
    curl -s -o /dev/null "http://127.0.0.1:$port/web/login" && die "port $port is already in use: set BUSY_PORT_A/BUSY_PORT_B."
done
if [ -z "${BUSY_DB:-}" ]; then
    echo "Installing industrial_crm, industrial_miko, industrial_1c_sync into $DB (no demo data)"
    odoo_cmd -d "$DB" -i industrial_crm,industrial_miko,industrial_1c_sync --without-demo=all --stop-after-init \
        --log-level=warn --workers=0 --max-cron-threads=0 || die "the installation into $DB failed."
    echo "Seeding ${BUSY_CONTACTS:-200000} contacts, ${BUSY_DEALS:-100000} deals, ${BUSY_REQUESTS:-1000000} requests"
    BENCH_FLAVOUR=suite shell seed bench_busy_seed.py || die "the seeding failed."
fi

"$PYTHON" "$ROOT/tools/bench_busy_emulators.py" "$LOGDIR/emulators.json" >"$LOGDIR/emulators.log" 2>&1 &
PID_EMU=$!
for _ in $(seq 1 20); do [ -s "$LOGDIR/emulators.json" ] && break; sleep 0.5; done
[ -s "$LOGDIR/emulators.json" ] || die "the emulators did not start (see $LOGDIR/emulators.log)."
BUSY_EMULATORS="$LOGDIR/emulators.json" shell configure bench_busy.py || die "the connections could not be set up."

echo "PostgreSQL settings of this run:"
psql -d "$DB" -Atc "SELECT '  ' || name || ' = ' || setting || coalesce(' ' || unit, '') FROM pg_settings
    WHERE name IN ('max_connections', 'shared_buffers', 'effective_cache_size', 'work_mem', 'maintenance_work_mem',
                   'random_page_cost', 'default_transaction_isolation', 'synchronous_commit', 'max_wal_size')"

# started directly (not through the odoo_cmd function) so that $! is the prefork server itself; through
# odoo-bin, as the prefork server starts its gevent process by running its own command line again
ODOO_BIN="$(dirname "$(cd / && "$PYTHON" -c "import odoo, os; print(os.path.dirname(odoo.__file__))")")/odoo-bin"
[ -f "$ODOO_BIN" ] || die "odoo-bin not found next to the odoo package ($ODOO_BIN)."
start_server() {  # port gevent-port workers log
    "$PYTHON" "$ODOO_BIN" -c "$ROOT/odoo.conf" --addons-path="$ODOO_ADDONS_PATH" -d "$DB" --db-filter="^$DB\$" \
        --db_host="$PGHOST" --db_port="$PGPORT" --db_user="$PGUSER" --db_password="$PGPASSWORD" \
        --http-port="$1" --gevent-port="$2" --workers="$3" --max-cron-threads=2 --log-level=info \
        --limit-time-real=300 >"$4" 2>&1 &
}
start_server "$PORT_A" "$GEVENT_A" 4 "$LOGDIR/server-a.log"; PID_A=$!
start_server "$PORT_B" "$GEVENT_B" "$WORKERS_B" "$LOGDIR/server-b.log"; PID_B=$!
for port in $PORT_A $PORT_B; do
    for _ in $(seq 1 120); do
        kill -0 "$PID_A" 2>/dev/null && kill -0 "$PID_B" 2>/dev/null \
            || die "an Odoo server did not start (see $LOGDIR/server-*.log)."
        curl -sf -o /dev/null "http://127.0.0.1:$port/web/health" && break
        sleep 1
    done
done
echo "Server A: --workers=4 --max-cron-threads=2 on $PORT_A (pid $PID_A); server B: --workers=$WORKERS_B" \
     "--max-cron-threads=2 on $PORT_B (pid $PID_B); logs in $LOGDIR"

"$PYTHON" "$ROOT/tools/bench_busy_load.py" drive "http://127.0.0.1:$PORT_A" "http://127.0.0.1:$PORT_B" "$DB" \
    "$LOGDIR/sent.json" "$PID_A" "$PID_B" || exit 1
settle="${BUSY_SETTLE:-90}"
echo "Letting the crons of both servers land the last calls and acknowledgements (${settle} s)"
sleep "$settle"
kill "$PID_A" "$PID_B" 2>/dev/null; wait "$PID_A" "$PID_B" 2>/dev/null; PID_A=""; PID_B=""
BUSY_OUT="$LOGDIR/sent.json" BUSY_CHECK="$LOGDIR/check.json" shell check bench_busy.py || exit 1
"$PYTHON" "$ROOT/tools/bench_busy_load.py" report "$LOGDIR/sent.json" "$LOGDIR/check.json" \
    "$LOGDIR/server-a.log" "$LOGDIR/server-b.log"
