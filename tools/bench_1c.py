# 1C exchange benchmark, run inside `odoo shell` by `make bench` (env is given).
# A local 1C OData emulator holds 20,000 counterparties, 5,000 customer orders
# and 5,000 payments; the first exchange imports them, the second finds nothing
# changed. The baseline is a plain batched res.partner.create() of the same
# partners in the same run (rolled back). Then 1,000 confirmed sale orders go
# out as customer orders (Document_ЗаказКлиента); a second run sends nothing.
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
N_OUT = int(os.environ.get("BENCH_ORDERS_OUT", 1000))
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
    results.append((elapsed, run["done"], run["timings"].get("counterparties_in", 0)))
    print(f"  {label:<30} {elapsed:7.1f} s  {records / elapsed:8.0f} records/s  {queries / records:5.2f} queries/record  "
          f"{http:5d} HTTP requests  {run['done']:6d} written  {run['failed']} failed  "
          f"peak RSS {rss_mb():.0f} MB (+{rss_mb() - rss_before:.0f})", flush=True)

# orders out ------------------------------------------------------------------
organization = server.add("Catalog_Организации", Description="ООО Бенч")
warehouse = server.add("Catalog_Склады", Description="Склад")
currency = server.add("Catalog_Валюты", Description="RUB")
server.add("Catalog_СтавкиНДС", Description="Без НДС", Ставка=0)
piece = server.add("Catalog_УпаковкиЕдиницыИзмерения", Description="шт")
server.add("Catalog_Номенклатура", Description="Услуга пусконаладки", Артикул="BENCH-1",
           ЕдиницаИзмерения_Key=piece["Ref_Key"])
product = env["product.product"].create({"name": "Commissioning", "default_code": "BENCH-1", "type": "service"})
connection.write({"organization_key": organization["Ref_Key"], "warehouse_key": warehouse["Ref_Key"],
                  "currency_key": currency["Ref_Key"], "orders_since": "2000-01-01 00:00:00"})
connection._run_sync(steps=["products_in"])
customers = env["res.partner"].search([("onec_counterparty_key", "!=", False)], limit=N_OUT)
sale_orders = env["sale.order"].with_context(tracking_disable=True).create([{
    "partner_id": customers[i % len(customers)].id,
    "order_line": [(0, 0, {"product_id": product.id, "product_uom_qty": 1 + i % 3, "price_unit": 1000, "tax_id": []})],
} for i in range(N_OUT)])
sale_orders.action_confirm()
env.cr.commit()
print(f"Orders out: {N_OUT} confirmed sale orders to Document_ЗаказКлиента")
out = []
for label in ("first run", "second run (nothing changed)"):
    http_before, writes_before = len(server.requests), len(server.bodies)
    start, queries = time.perf_counter(), odoo.sql_db.sql_counter
    run = connection._run_sync(steps=["orders_out"])
    env.flush_all()
    env.cr.commit()
    elapsed = time.perf_counter() - start
    http = len(server.requests) - http_before
    writes = len(server.bodies) - writes_before
    out.append((elapsed, http, writes))
    print(f"  {label:<30} {elapsed:7.1f} s  {N_OUT / elapsed:8.0f} orders/s  {http / N_OUT:5.2f} HTTP requests/order  "
          f"{writes:5d} POST/PATCH  {(odoo.sql_db.sql_counter - queries) / N_OUT:6.1f} queries/order  "
          f"{run['failed']} failed", flush=True)
sent = len(server.data["Document_ЗаказКлиента"]) - N_DOC
server.stop()
print(f"  customer orders created in 1C  {sent} of {N_OUT}")
print(f"  baseline res.partner.create()  {t_base:7.1f} s  {N_CP / t_base:8.0f} partners/s  {q_base / N_CP:5.2f} queries/partner")
print("Ratios")
print(f"  second / first run time        {results[1][0] / results[0][0]:6.3f}   (target < 0.05, writes {results[1][1]}, target 0)")
print(f"  orders out: second / first run time  {out[1][0] / out[0][0]:6.3f}   (second run writes {out[1][2]}, "
      f"target 0; first run {out[0][1] / N_OUT:.2f} HTTP requests per order, target <= 1.05)")
print(f"  counterparty import rate / create() rate  {t_base / results[0][2]:6.2f}x  (target >= 0.5; "
      f"counterparty step {results[0][2]:.1f} s of the first run)")
