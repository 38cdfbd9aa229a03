#!/usr/bin/env bash
# Intake benchmark (make bench BENCH=intake) on a throwaway database (see tools/bench_intake.py).
source "$(dirname "$0")/env.sh"
ODOO_ADDONS_PATH=$(odoo_addons_path) || exit 1
ensure_postgres
DB="industrial_bench_$$"
trap 'dropdb --if-exists --force "$DB" >/dev/null 2>&1' EXIT
echo "Installing industrial_crm into $DB (no demo data)"
odoo_cmd -d "$DB" -i industrial_crm --without-demo=all --stop-after-init --log-level=warn \
    || die "the installation into $DB failed."
odoo_cmd shell -d "$DB" --no-http --log-level=warn \
    < "$ROOT/tools/bench_intake.py"
