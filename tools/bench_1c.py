# 1C exchange benchmark, run inside `odoo shell` by `make bench` (env is given).
# A local 1C OData emulator holds 20,000 counterparties, 5,000 customer orders
# and 5,000 payments; the first exchange imports them, the second finds nothing
# changed. The baseline is a plain batched res.partner.create() of the same
# partners in the same run (rolled back).
import os
import resource
import time

import importlib.util
import odoo.sql_db
from odoo.modules.module import get_module_path

# the emulator is loaded by its path: importing the tests package would load Odoo's test framework
spec = importlib.util.spec_from_file_location(
    "onec_server", os.path.join(get_module_path("industrial_1c_sync"), "tests", "onec_server.py"))
onec_server = importlib.util.module_from_spec(spec)
spec.loader.exec_module(onec_server)
OneCServer = onec_server.OneCServer

N_CP = int(os.environ.get("BENCH_COUNTERPARTIES", 20000))
N_DOC = int(os.environ.get("BENCH_DOCUMENTS", 5000))
env = env  # noqa: F821 - odoo shell's env
server = OneCServer().start()
cps = [server.add("Catalog_Контрагенты", Description=f"ООО Бенч {i}", НаименованиеПолное=f"ООО Бенч {i}",
                  ИНН=f"{7700000000 + i}", КПП="770101001") for i in range(N_CP)]
orders = [server.add("Document_ЗаказКлиента", Number=f"УТ-{i}", Date="2026-11-%02dT10:%02d:00" % (1 + i % 20, i % 60),
                     Posted=True, Контрагент_Key=cps[i % N_CP]["Ref_Key"], СуммаДокумента=1000) for i in range(N_DOC)]
for i in range(N_DOC):
    server.add("Document_ПоступлениеБезналичныхДенежныхСредств", Number=f"ПБ-{i}",
               Date="2026-11-%02dT12:%02d:00" % (1 + i % 20, i % 60), Posted=True, СуммаДокумента=1000,
               РасшифровкаПлатежа=[{"LineNumber": "1", "Заказ": orders[i]["Ref_Key"], "Сумма": 1000}])
records = N_CP + 2 * N_DOC


def rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


env.cr.execute("SAVEPOINT bench")
start, queries = time.perf_counter(), odoo.sql_db.sql_counter
env["res.partner"].with_context(tracking_disable=True).create([
    {"name": row["Description"], "vat": row["ИНН"], "is_company": True} for row in cps
])
env.flush_all()
t_base = time.perf_counter() - start
q_base = odoo.sql_db.sql_counter - queries
env.cr.execute("ROLLBACK TO SAVEPOINT bench")
env.invalidate_all()

connection = env["industrial.1c.connection"].create({
    "name": "bench", "base_url": server.base_url, "user": "odata", "password": "secret", "page_size": 1000,
})
env.cr.commit()
print(f"1C exchange benchmark: {N_CP} counterparties, {N_DOC} orders, {N_DOC} payments")
results = []
for label in ("first run", "second run (nothing changed)"):
    http_before = len(server.requests)
    rss_before = rss_mb()
    start, queries = time.perf_counter(), odoo.sql_db.sql_counter
    run = connection._run_sync()
    env.flush_all()
    env.cr.commit()
    elapsed = time.perf_counter() - start
    queries = odoo.sql_db.sql_counter - queries
    http = len(server.requests) - http_before
    results.append((elapsed, run["done"], run["timings"].get("_sync_in_counterparties", 0)))
    print(f"  {label:<30} {elapsed:7.1f} s  {records / elapsed:8.0f} records/s  {queries / records:5.2f} queries/record  "
          f"{http:5d} HTTP requests  {run['done']:6d} written  {run['failed']} failed  "
          f"peak RSS {rss_mb():.0f} MB (+{rss_mb() - rss_before:.0f})", flush=True)
server.stop()
print(f"  baseline res.partner.create()  {t_base:7.1f} s  {N_CP / t_base:8.0f} partners/s  {q_base / N_CP:5.2f} queries/partner")
print("Ratios")
print(f"  second / first run time        {results[1][0] / results[0][0]:6.3f}   (target < 0.05, writes {results[1][1]}, target 0)")
print(f"  counterparty import rate / create() rate  {t_base / results[0][2]:6.2f}x  (target >= 0.5; "
      f"counterparty step {results[0][2]:.1f} s of the first run)")
