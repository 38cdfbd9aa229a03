# Production link benchmark, run inside `odoo shell` by tools/bench_production.sh
# (env is given) once on a database with industrial_production_link and once on
# one with stock Odoo's sale_mrp / sale_purchase_stock only. Confirms orders of
# 10 lines (5 from stock, 4 made to order, 1 bought to order) on deals, then, with
# the module, recomputes readiness through 5,000 production updates and counts
# the queries of one deal's recompute with few and with many deals.
import os
import time

import odoo.sql_db
from odoo import Command

ORDERS = int(os.environ.get("BENCH_ORDERS", 500))
RECOMPUTES = int(os.environ.get("BENCH_RECOMPUTES", 5000))
env = env(context={"tracking_disable": True, "mail_create_nolog": True, "mail_notrack": True})  # noqa: F821
with_module = "industrial_readiness" in env["mrp.production"]._fields
warehouse = env["stock.warehouse"].search([("company_id", "=", env.company.id)], limit=1)
route_mto = warehouse.mto_pull_id.route_id
route_mto.active = True
route_make = warehouse.manufacture_pull_id.route_id
route_buy = env.ref("purchase_stock.route_warehouse0_buy")
Product = env["product.product"]
vendor = env["res.partner"].create({"name": "Bench vendor", "is_company": True})
component = Product.create({"name": "Bench component", "is_storable": True})
stocked = Product.create([{"name": f"Bench stocked {i}", "is_storable": True} for i in range(5)])
made = Product.create([
    {"name": f"Bench made {i}", "is_storable": True, "route_ids": [Command.set((route_mto | route_make).ids)]}
    for i in range(4)
])
bought = Product.create({
    "name": "Bench bought", "is_storable": True, "route_ids": [Command.set((route_mto | route_buy).ids)],
    "seller_ids": [Command.create({"partner_id": vendor.id, "price": 10.0})],
})
env["mrp.bom"].create([
    {"product_tmpl_id": p.product_tmpl_id.id, "bom_line_ids": [Command.create({"product_id": component.id})]}
    for p in made
])
Quant = env["stock.quant"]
for product in stocked | component:
    Quant._update_available_quantity(product, warehouse.lot_stock_id, 1000000)
team = env["crm.team"].create({"name": "Bench team"})
direction = env["industrial.direction"].create({"name": "Bench", "code": "BENCH", "team_id": team.id})
eq_type = env["industrial.equipment.type"].create({"name": "Bench equipment"})
customers = env["res.partner"].create([{"name": f"Bench customer {i}", "is_company": True} for i in range(ORDERS)])
deals = env["crm.lead"].create([{
    "name": f"Bench deal {i}", "type": "opportunity", "partner_id": customers[i].id,
    "direction_id": direction.id, "equipment_type_ids": [Command.set(eq_type.ids)],
    "expected_revenue": 1000.0,
} for i in range(ORDERS)])
orders = env["sale.order"].create([{
    "partner_id": customers[i].id, "opportunity_id": deals[i].id, "warehouse_id": warehouse.id,
    "order_line": [Command.create({"product_id": p.id, "product_uom_qty": 2}) for p in stocked | made | bought],
} for i in range(ORDERS)])
env.flush_all()
env.cr.commit()
env.invalidate_all()


def one_deal_queries(order):
    """Queries to bring one deal's readiness up to date after one production step."""
    production = order.order_line.industrial_production_ids[:1]
    env.invalidate_all()
    count = odoo.sql_db.sql_counter
    production.qty_producing = production.qty_producing + 0.5
    env.flush_all()
    count = odoo.sql_db.sql_counter - count
    assert order.opportunity_id.industrial_readiness > 0
    return count


queries_few = None
start_queries, start = odoo.sql_db.sql_counter, time.perf_counter()
for index, order in enumerate(orders):
    order.action_confirm()
    if index % 50 == 49:
        env.flush_all()
        env.cr.commit()
        env.invalidate_all()
    if with_module and index == 9:
        env.flush_all()
        elapsed_before = time.perf_counter()
        queries_before = odoo.sql_db.sql_counter
        queries_few = one_deal_queries(orders[1])
        start += time.perf_counter() - elapsed_before
        start_queries += odoo.sql_db.sql_counter - queries_before
env.flush_all()
elapsed = time.perf_counter() - start
queries = odoo.sql_db.sql_counter - start_queries
env.cr.commit()
productions = env["mrp.production"].search([("origin", "in", orders.mapped("name"))])
print(f"RESULT confirm {ORDERS / elapsed:.2f} orders/s {queries / ORDERS:.1f} queries/order "
      f"{len(productions)} productions", flush=True)

if with_module:
    queries_many = one_deal_queries(orders[2])
    env.cr.commit()
    productions = productions.filtered(lambda p: p.state in ("confirmed", "progress"))
    done, step = 0, 0
    start_queries, start = odoo.sql_db.sql_counter, time.perf_counter()
    while done < RECOMPUTES:
        step += 1
        for offset in range(0, len(productions), 500):
            batch = productions[offset:offset + 500][: RECOMPUTES - done]
            if not batch:
                break
            for production in batch:
                production.qty_producing = min(step * 0.1, production.product_qty * 0.9)
            env.flush_all()
            done += len(batch)
            if done >= RECOMPUTES:
                break
        env.invalidate_all()
    elapsed = time.perf_counter() - start
    queries = odoo.sql_db.sql_counter - start_queries
    print(f"RESULT readiness {done} production updates {done / elapsed:.1f} productions/s "
          f"{queries / done:.1f} queries/production", flush=True)
    print(f"RESULT one-deal {queries_few} queries with 10 confirmed deals, "
          f"{queries_many} with {ORDERS}", flush=True)
env.cr.rollback()
