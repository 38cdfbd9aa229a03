from odoo import Command
from odoo.tests import Form

from odoo.addons.industrial_crm.tests.common import IndustrialCrmCommon
from odoo.addons.mail.tests.common import mail_new_test_user


class ProductionLinkCommon(IndustrialCrmCommon):
    """Products covered from stock, by production (with and without work
    orders) and by a supplier; a production user besides the sales roles."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_production = mail_new_test_user(
            cls.env, login="t_production", groups="mrp.group_mrp_user,stock.group_stock_user",
            name="Petr Production", email="t_production@vacuum.example.com",
            company_id=cls.company_admin.id,
        )
        cls.warehouse = cls.env["stock.warehouse"].search([("company_id", "=", cls.company_admin.id)], limit=1)
        cls.stock_location = cls.warehouse.lot_stock_id
        route_mto = cls.warehouse.mto_pull_id.route_id
        route_mto.active = True
        route_manufacture = cls.warehouse.manufacture_pull_id.route_id
        route_buy = cls.env.ref("purchase_stock.route_warehouse0_buy")
        Product = cls.env["product.product"]
        cls.supplier = cls.env["res.partner"].create({"name": "Vacuum Parts Ltd", "is_company": True})
        cls.component = Product.create({"name": "Steel chamber", "is_storable": True})
        cls.product_stock = Product.create({
            "name": "Rotary pump RV-5", "is_storable": True, "list_price": 1000.0,
        })
        cls.product_made = Product.create({
            "name": "Vacuum furnace VF-1", "is_storable": True, "list_price": 50000.0,
            "route_ids": [Command.set((route_mto | route_manufacture).ids)],
        })
        cls.product_routed = Product.create({
            "name": "HV test bench TB-2", "is_storable": True, "list_price": 80000.0,
            "route_ids": [Command.set((route_mto | route_manufacture).ids)],
        })
        cls.product_bought = Product.create({
            "name": "Turbo pump TP-300", "is_storable": True, "list_price": 7000.0,
            "route_ids": [Command.set((route_mto | route_buy).ids)],
            "seller_ids": [Command.create({"partner_id": cls.supplier.id, "price": 5000.0})],
        })
        cls.product_no_bom = Product.create({
            "name": "Prototype chamber", "is_storable": True,
            "route_ids": [Command.set((route_mto | route_manufacture).ids)],
        })
        Bom = cls.env["mrp.bom"]
        Bom.create({
            "product_tmpl_id": cls.product_made.product_tmpl_id.id,
            "product_qty": 1.0,
            "bom_line_ids": [Command.create({"product_id": cls.component.id, "product_qty": 1.0})],
        })
        cls.workcenter = cls.env["mrp.workcenter"].create({"name": "Assembly line", "time_start": 0, "time_stop": 0})
        Bom.create({
            "product_tmpl_id": cls.product_routed.product_tmpl_id.id,
            "product_qty": 1.0,
            "bom_line_ids": [Command.create({"product_id": cls.component.id, "product_qty": 1.0})],
            "operation_ids": [
                Command.create({"name": "Welding", "workcenter_id": cls.workcenter.id, "time_cycle_manual": 60.0}),
                Command.create({"name": "Leak test", "workcenter_id": cls.workcenter.id, "time_cycle_manual": 30.0}),
            ],
        })
        cls._stock(cls.product_stock, 10)
        cls._stock(cls.component, 100)

    @classmethod
    def _stock(cls, product, qty):
        cls.env["stock.quant"]._update_available_quantity(product, cls.stock_location, qty)

    def _order(self, deal, lines, user=None, **values):
        """A customer order of the deal, confirmed by ``user`` (the deal's manager)."""
        vals = {
            "partner_id": deal.partner_id.id,
            "opportunity_id": deal.id,
            "user_id": deal.user_id.id,
            "team_id": deal.team_id.id,
            "warehouse_id": self.warehouse.id,
            "order_line": [
                Command.create({"product_id": product.id, "product_uom_qty": qty}) for product, qty in lines
            ],
        }
        vals.update(values)
        order = self.env["sale.order"].with_user(user or self.user_manager).create(vals)
        order.action_confirm()
        return order.with_user(self.env.user)

    def _line(self, order, product):
        return order.order_line.filtered(lambda l: l.product_id == product)

    def _produce(self, production, qty=None, done=True):
        form = Form(production)
        form.qty_producing = qty if qty is not None else production.product_qty
        production = form.save()
        if done:
            production.button_mark_done()
        return production

    def _ship(self, picking, quantities):
        """Validate ``picking`` with ``quantities`` per product, without backorder questions."""
        for move in picking.move_ids:
            move.quantity = quantities.get(move.product_id, 0.0)
            move.picked = bool(move.quantity)
        return picking.with_context(skip_backorder=True, picking_ids_not_to_backorder=[]).button_validate()
