#!/usr/bin/env bash
# 1C exchange benchmark (make bench BENCH=1c) on a throwaway database (see tools/bench_1c.py).
source "$(dirname "$0")/env.sh"
ODOO_ADDONS_PATH=$(odoo_addons_path) || exit 1
ensure_postgres
DB="industrial_bench_1c_$$"
trap 'dropdb --if-exists --force "$DB" >/dev/null 2>&1' EXIT
echo "Installing industrial_1c_sync into $DB (no demo data)"
odoo_cmd -d "$DB" -i industrial_1c_sync --without-demo=all --stop-after-init --log-level=warn \
    || die "the installation into $DB failed."
odoo_cmd shell -d "$DB" --no-http --log-level=warn \
    < "$ROOT/tools/bench_1c.py"
