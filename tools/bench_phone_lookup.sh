#!/usr/bin/env bash
# Contact lookup by phone: our E.164 columns against Odoo's phone_sanitized (make bench BENCH=phone_lookup).
# BENCH_DB=<db> runs it on an existing database with the suite installed (rolled back afterwards);
# otherwise on a throwaway database.
source "$(dirname "$0")/env.sh"
ODOO_ADDONS_PATH=$(odoo_addons_path) || exit 1
ensure_postgres
DB="${BENCH_DB:-}"
if [ -z "$DB" ]; then
    DB="industrial_bench_$$"
    trap 'dropdb --if-exists --force "$DB" >/dev/null 2>&1' EXIT
    echo "Installing industrial_crm into $DB (no demo data)"
    odoo_cmd -d "$DB" -i industrial_crm --without-demo=all --stop-after-init --log-level=warn \
        || die "the installation into $DB failed."
fi
odoo_cmd shell -d "$DB" --no-http --log-level=warn < "$ROOT/tools/bench_phone_lookup.py"
