#!/usr/bin/env bash
# Production link benchmark (make bench BENCH=production): confirms BENCH_ORDERS
# (500) customer orders of 10 mixed lines with industrial_production_link and,
# in the same run, with stock Odoo's sale_mrp / sale_purchase_stock only, then
# prints both rates, their ratio (target >= 0.7) and the readiness recompute figures.
source "$(dirname "$0")/env.sh"
ODOO_ADDONS_PATH=$(odoo_addons_path) || exit 1
ensure_postgres
DB_STOCK="industrial_bench_stock_$$"
DB_LINK="industrial_bench_link_$$"
trap 'dropdb --if-exists --force "$DB_STOCK" >/dev/null 2>&1; dropdb --if-exists --force "$DB_LINK" >/dev/null 2>&1' EXIT
echo "Installing stock Odoo (industrial_crm, sale_mrp, sale_purchase_stock) into $DB_STOCK and the module into $DB_LINK (no demo data)"
odoo_cmd -d "$DB_STOCK" -i industrial_crm,sale_mrp,sale_purchase_stock --without-demo=all --stop-after-init --log-level=warn \
    || die "the installation into $DB_STOCK failed."
odoo_cmd -d "$DB_LINK" -i industrial_production_link --without-demo=all --stop-after-init --log-level=warn \
    || die "the installation into $DB_LINK failed."
run() {
    odoo_cmd shell -d "$1" --no-http --log-level=warn < "$ROOT/tools/bench_production.py" | grep '^RESULT'
}
stock=$(run "$DB_STOCK") || die "the benchmark failed on $DB_STOCK."
link=$(run "$DB_LINK") || die "the benchmark failed on $DB_LINK."
echo "stock Odoo:  ${stock#RESULT }"
echo "$link" | sed 's/^RESULT /with module: /'
rate_stock=$(echo "$stock" | sed -nE 's/^RESULT confirm ([0-9.]+) orders.*/\1/p')
rate_link=$(echo "$link" | sed -nE 's/^RESULT confirm ([0-9.]+) orders.*/\1/p')
awk -v a="$rate_link" -v b="$rate_stock" 'BEGIN { r = a / b; printf "ratio to stock Odoo: %.2fx (target >= 0.70x) %s\n", r, (r >= 0.7 ? "OK" : "BELOW TARGET") }'
