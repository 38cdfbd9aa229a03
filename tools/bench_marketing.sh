#!/usr/bin/env bash
# Mailchimp sync benchmark (make bench BENCH=marketing) on a throwaway database
# (see tools/bench_marketing.py); the Mailchimp emulator runs in its own process.
source "$(dirname "$0")/env.sh"
ODOO_ADDONS_PATH=$(odoo_addons_path) || exit 1
ensure_postgres
DB="industrial_bench_marketing_$$"
EMULATOR_OUT=$(mktemp)
"$PYTHON" "$ROOT/addons/industrial_marketing/tests/mailchimp_server.py" > "$EMULATOR_OUT" &
EMULATOR_PID=$!
trap 'kill $EMULATOR_PID 2>/dev/null; rm -f "$EMULATOR_OUT"; dropdb --if-exists --force "$DB" >/dev/null 2>&1' EXIT
echo "Installing industrial_marketing into $DB (no demo data)"
odoo_cmd -d "$DB" -i industrial_marketing --without-demo=all --stop-after-init --log-level=warn \
    || die "the installation into $DB failed."
for _ in $(seq 50); do [ -s "$EMULATOR_OUT" ] && break; sleep 0.1; done
MAILCHIMP_URL=$(head -1 "$EMULATOR_OUT") odoo_cmd shell -d "$DB" --no-http --log-level=warn \
    < "$ROOT/tools/bench_marketing.py"
