#!/usr/bin/env bash
# Screens benchmark (make bench BENCH=screens): the calls of the users' screens on a big
# history, against stock Odoo `crm` with the same number of deals, in the same run.
# Two throwaway databases seeded the same way by tools/bench_busy_seed.py (sizes from
# BUSY_CONTACTS, BUSY_DEALS, BUSY_REQUESTS as the busy-day benchmark): one with the suite,
# one with only `crm`; tools/bench_screens.py times each screen's calls with the user of
# its role and counts their queries. Target: each screen <= 1.2x stock.
# BENCH_EXPLAIN=1 prints the plans of the queries slower than 20 ms.
source "$(dirname "$0")/env.sh"
ODOO_ADDONS_PATH=$(odoo_addons_path) || exit 1
ensure_postgres
DB="industrial_bench_screens_$$"
STOCK="industrial_bench_screens_crm_$$"
OUT="$ROOT/.test-logs/bench-screens"
mkdir -p "$OUT"
cleanup() { dropdb --if-exists --force "$DB" >/dev/null 2>&1; dropdb --if-exists --force "$STOCK" >/dev/null 2>&1; }
trap cleanup EXIT
run() {  # db flavour script [round]
    BENCH_FLAVOUR="$2" BENCH_OUT="$OUT/$2${4:-}.json" odoo_cmd shell -d "$1" --no-http --log-level=warn < "$ROOT/tools/$3"
}

echo "Installing the suite into $DB and stock crm into $STOCK (no demo data)"
odoo_cmd -d "$DB" -i industrial_crm,industrial_miko --without-demo=all --stop-after-init --log-level=warn \
    --workers=0 --max-cron-threads=0 || die "the installation into $DB failed."
odoo_cmd -d "$STOCK" -i crm --without-demo=all --stop-after-init --log-level=warn \
    --workers=0 --max-cron-threads=0 || die "the installation into $STOCK failed."
echo "Seeding the suite's database"
run "$DB" suite bench_busy_seed.py || die "the seeding of $DB failed."
echo "Seeding stock crm with the same contacts and deals"
run "$STOCK" stock bench_busy_seed.py || die "the seeding of $STOCK failed."
# two rounds, alternating, each screen's best round kept: the machine's other load hits both sides alike
for round in 1 2; do
    run "$STOCK" stock bench_screens.py "$round" || exit 1
    run "$DB" suite bench_screens.py "$round" || exit 1
done
"$PYTHON" - "$OUT" <<'EOF'
import json
import sys


def best(flavour):
    rounds = [json.load(open(f"{sys.argv[1]}/{flavour}{n}.json")) for n in (1, 2)]
    return {name: min((r[name] for r in rounds), key=lambda m: m["ms"]) for name in rounds[0]}


suite, stock = best("suite"), best("stock")
print("\nscreen                            suite ms  queries   stock ms  queries   ratio  target <= 1.2x")
for name, ours in suite.items():
    base = stock[name]
    ratio = ours["ms"] / base["ms"] if base["ms"] else 0
    print(f"{name:32s} {ours['ms']:9.1f} {ours['queries']:8.0f} {base['ms']:10.1f} {base['queries']:8.0f} "
          f"{ratio:7.2f}x  {'PASS' if ratio <= 1.2 else 'MISS'}")
EOF
