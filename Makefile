# Two commands: `make run` serves the suite with demo data, `make test` runs every test.
.PHONY: run test bench check

run:
	@bash tools/run.sh

test:
	@bash tools/test.sh

bench:
	@BENCH="$(BENCH)" bash tools/bench.sh

check:
	@bash -c 'source tools/env.sh && odoo_addons_path >/dev/null && ensure_postgres && echo "Odoo 18 and PostgreSQL are ready."'
