#!/usr/bin/env bash
# MikoPBX benchmark (make bench BENCH=miko) on a throwaway database with 50,000 partners:
# 10,000 ModuleHttpAlert events over HTTP (then the same again) with the time from the
# call to an extension until the caller card is on that user's bus (p50/p99), Odoo's lightest JSON
# route as the baseline on the same server, and a 10,000-call CDR page set pulled from
# an emulated exchange. See tools/bench_miko.py and tools/bench_miko_http.py.
source "$(dirname "$0")/env.sh"
ODOO_ADDONS_PATH=$(odoo_addons_path) || exit 1
ensure_postgres
DB="industrial_bench_miko_$$"
PORT="${BENCH_HTTP_PORT:-18112}"
SERVER_PID=""
cleanup() {
    [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null
    dropdb --if-exists --force "$DB" >/dev/null 2>&1
}
trap cleanup EXIT
shell() { BENCH_PHASE="$1" odoo_cmd shell -d "$DB" --no-http --log-level=warn < "$ROOT/tools/bench_miko.py"; }

echo "Installing industrial_miko into $DB (no demo data)"
odoo_cmd -d "$DB" -i industrial_miko --without-demo=all --stop-after-init --log-level=warn \
    || die "the installation into $DB failed."
shell setup || die "the benchmark data could not be created."
mkdir -p "$ROOT/.test-logs"
curl -s -o /dev/null "http://127.0.0.1:$PORT/web/login" && die "port $PORT is already in use: set BENCH_HTTP_PORT."
# started directly (not through the odoo_cmd function) so that $! is the server itself
"$PYTHON" -m odoo -c "$ROOT/odoo.conf" --addons-path="$ODOO_ADDONS_PATH" -d "$DB" --db-filter="^$DB\$" \
    --db_host="$PGHOST" --db_port="$PGPORT" --db_user="$PGUSER" --db_password="$PGPASSWORD" \
    --http-port="$PORT" --workers=0 --max-cron-threads=0 --log-level=warn \
    >"$ROOT/.test-logs/bench-miko-server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 60); do
    kill -0 "$SERVER_PID" 2>/dev/null || die "the Odoo server did not start (see .test-logs/bench-miko-server.log)."
    curl -s -o /dev/null "http://127.0.0.1:$PORT/web/login" && break
    sleep 1
done
"$PYTHON" "$ROOT/tools/bench_miko_http.py" "http://127.0.0.1:$PORT" first "$DB" || exit 1
shell count
"$PYTHON" "$ROOT/tools/bench_miko_http.py" "http://127.0.0.1:$PORT" replay "$DB" || exit 1
shell count
kill "$SERVER_PID" 2>/dev/null; wait "$SERVER_PID" 2>/dev/null; SERVER_PID=""
shell cdr
