from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import ProductionLinkCommon


@tagged("post_install", "-at_install")
class TestCoverage(ProductionLinkCommon):
    def test_mixed_order_end_to_end(self):
        """Stock part ships first, production part after completion; readiness at each step."""
        deal = self._create_deal(stage_id=self.stages["reservation"].id)
        order = self._order(deal, [(self.product_stock, 2), (self.product_made, 3)], picking_policy="direct")
        line_stock = self._line(order, self.product_stock)
        line_made = self._line(order, self.product_made)
        production = line_made.industrial_production_ids
        self.assertEqual(len(production), 1, "the production order is generated from the customer order")
        self.assertEqual(production.product_qty, 3)
        self.assertEqual(order.mrp_production_count, 1)
        self.assertEqual(len(order.picking_ids), 1, "one delivery for both goods")
        self.assertEqual(
            (production.industrial_sale_order_id, production.industrial_lead_id,
             production.industrial_partner_id, production.industrial_salesman_id),
            (order, deal, self.customer, self.user_manager),
        )
        self.assertEqual((line_stock.industrial_coverage, line_stock.industrial_qty_stock), ("stock", 2))
        self.assertEqual((line_made.industrial_coverage, line_made.industrial_qty_production), ("production", 3))
        self.assertEqual(order.industrial_coverage, "mixed")
        self.assertEqual(deal.industrial_coverage, "mixed")
        # step 1: stock part reserved, production not started
        self.assertEqual(line_stock.industrial_readiness, 100)
        self.assertEqual(line_made.industrial_readiness, 0)
        self.assertAlmostEqual(deal.industrial_readiness, 1.32, msg="2,000 of 152,000 ready")
        self.assertEqual(deal.industrial_readiness_qty, 40, "2 of 5 units ready")
        self.assertEqual(deal.industrial_date_expected, production.industrial_date_expected)
        self.assertFalse(deal.industrial_goods_available)
        with self.assertRaisesRegex(UserError, "not all goods are in stock yet"):
            deal.with_user(self.user_manager).action_next_stage()
        # step 2: the stock part ships first; the made goods cannot leave yet
        picking = order.picking_ids
        move_made = picking.move_ids.filtered(lambda m: m.product_id == self.product_made)
        move_made.quantity = 3
        with self.assertRaisesRegex(UserError, "still in production"):
            picking.with_context(skip_backorder=True, picking_ids_not_to_backorder=[]).button_validate()
        self._ship(picking, {self.product_stock: 2})
        self.assertEqual(picking.state, "done")
        backorder = order.picking_ids - picking
        self.assertEqual(backorder.move_ids.product_id, self.product_made)
        self.assertNotEqual(backorder.state, "assigned", "nothing to ship before production ends")
        self.assertEqual(line_stock.qty_delivered, 2)
        self.assertEqual(line_stock.industrial_readiness, 100)
        # step 3: production under way
        production = self._produce(production, 1, done=False)
        self.assertAlmostEqual(production.industrial_readiness, 33.33)
        self.assertAlmostEqual(line_made.industrial_readiness, 33.33)
        self.assertAlmostEqual(deal.industrial_readiness, 34.21)
        self.assertAlmostEqual(deal.industrial_readiness_qty, 60)
        # step 4: production done, goods stocked and reserved for the delivery
        self._produce(production)
        self.assertEqual(production.state, "done")
        self.assertEqual(production.industrial_readiness, 100)
        self.assertEqual(backorder.state, "assigned")
        self.assertEqual(line_made.industrial_readiness, 100)
        self.assertEqual(deal.industrial_readiness, 100)
        self.assertTrue(deal.industrial_goods_available)
        deal.with_user(self.user_manager).action_next_stage()
        self.assertEqual(deal.stage_code, "shipment")
        self._ship(backorder, {self.product_made: 3})
        self.assertEqual(line_made.qty_delivered, 3)
        self.assertEqual(deal.industrial_readiness, 100)

    def test_shipment_needs_confirmed_order(self):
        """No confirmed order, nothing to ship: the deal stays before Shipment."""
        deal = self._create_deal(stage_id=self.stages["reservation"].id)
        with self.assertRaisesRegex(UserError, "there is no confirmed order to ship"):
            deal.with_user(self.user_manager).action_next_stage()
        quotation = self.env["sale.order"].with_user(self.user_manager).create({
            "partner_id": self.customer.id,
            "opportunity_id": deal.id,
            "warehouse_id": self.warehouse.id,
            "order_line": [Command.create({"product_id": self.product_stock.id, "product_uom_qty": 1})],
        })
        with self.assertRaisesRegex(UserError, "there is no confirmed order to ship"):
            deal.with_user(self.user_manager).write({"stage_id": self.stages["commissioning"].id})
        self.assertEqual(deal.stage_code, "reservation")
        quotation.action_confirm()
        self.assertTrue(deal.industrial_goods_available)
        deal.with_user(self.user_manager).action_next_stage()
        self.assertEqual(deal.stage_code, "shipment")

    def test_whole_delivery_waits_for_production(self):
        """A customer who wants everything at once gets one delivery once production is done."""
        deal = self._create_deal()
        order = self._order(deal, [(self.product_stock, 1), (self.product_made, 1)], picking_policy="one")
        picking = order.picking_ids
        self.assertNotEqual(picking.state, "assigned")
        self.assertAlmostEqual(deal.industrial_readiness, 1.96, msg="the pump is 1,000 of 51,000")
        self.assertEqual(deal.industrial_readiness_qty, 50)
        self._produce(order.order_line.industrial_production_ids)
        self.assertEqual(picking.state, "assigned")
        self.assertTrue(deal.industrial_goods_available)

    def test_supplier_coverage(self):
        deal = self._create_deal()
        order = self._order(deal, [(self.product_bought, 2)])
        line = order.order_line
        self.assertEqual((line.industrial_coverage, line.industrial_qty_supplier), ("supplier", 2))
        purchase = line.industrial_purchase_line_ids.order_id
        self.assertEqual(purchase.partner_id, self.supplier, "the supplier order is generated")
        self.assertEqual(deal.industrial_purchase_count, 1)
        action = deal.action_view_industrial_purchases()
        self.assertEqual(self.env["purchase.order"].search(action["domain"]), purchase)
        self.assertEqual(deal.industrial_readiness, 0)
        purchase.button_confirm()
        receipt = purchase.picking_ids
        self._ship(receipt, {self.product_bought: 2})
        self.assertTrue(deal.industrial_goods_available)
        self.assertEqual(deal.industrial_readiness, 100)

    def test_stock_without_route_is_short(self):
        """A product without route or stock: still 'from stock', but not available,
        and the deal says what is missing."""
        product = self.env["product.product"].create({"name": "Gauge G-1", "is_storable": True})
        deal = self._create_deal(stage_id=self.stages["reservation"].id)
        order = self._order(deal, [(product, 4)])
        self._stock(product, 1)
        order.picking_ids.action_assign()
        line = order.order_line
        self.assertEqual(line.industrial_coverage, "stock")
        self.assertEqual(line.industrial_qty_ready, 1)
        self.assertEqual(line.industrial_readiness, 25)
        with self.assertRaisesRegex(UserError, r"readiness 25.0%\): the deal ships once they are reserved"):
            deal.with_user(self.user_manager).action_next_stage()

    def test_product_without_bom_tells_the_truth(self):
        deal = self._create_deal(stage_id=self.stages["reservation"].id)
        order = self._order(deal, [(self.product_no_bom, 1), (self.product_stock, 1)])
        line = self._line(order, self.product_no_bom)
        self.assertEqual(line.industrial_coverage, "production")
        self.assertFalse(line.industrial_production_ids.bom_id)
        self.assertIn("has no bill of materials", line.industrial_coverage_note)
        with self.assertRaisesRegex(UserError, "not all goods are in stock yet"):
            deal.with_user(self.user_manager).action_next_stage()

    def test_product_without_vendor_refused(self):
        product = self.env["product.product"].create({
            "name": "Ion pump IP-10", "is_storable": True,
            "route_ids": [(6, 0, self.product_bought.route_ids.ids)],
        })
        deal = self._create_deal()
        order = self.env["sale.order"].with_user(self.user_manager).create({
            "partner_id": self.customer.id,
            "opportunity_id": deal.id,
            "order_line": [(0, 0, {"product_id": product.id, "product_uom_qty": 2}),
                           (0, 0, {"product_id": self.product_made.id, "product_uom_qty": 1})],
        })
        with self.assertRaisesRegex(UserError, "no matching vendor price"), self.env.cr.savepoint():
            order.action_confirm()
        self.env.invalidate_all()
        self.assertEqual(order.state, "draft", "nothing half-written")
        self.assertFalse(order.picking_ids)
        self.assertFalse(self.env["mrp.production"].search([("origin", "=", order.name)]))

    def test_production_finished_short_is_not_covered(self):
        deal = self._create_deal(stage_id=self.stages["reservation"].id)
        order = self._order(deal, [(self.product_made, 3)])
        line = order.order_line
        production = self._produce(line.industrial_production_ids, 2, done=False)
        production.with_context(skip_backorder=True).button_mark_done()
        self.assertEqual(production.state, "done")
        self.assertEqual((line.industrial_coverage, line.industrial_qty_uncovered), ("uncovered", 1))
        self.assertIn("neither in stock nor on order", line.industrial_coverage_note)
        self.assertAlmostEqual(line.industrial_readiness, 66.67)
        self.assertEqual(deal.industrial_coverage, "uncovered")
        with self.assertRaisesRegex(UserError, "neither in stock nor ordered"):
            deal.with_user(self.user_manager).action_next_stage()

    def test_services_are_not_covered(self):
        service = self.env["product.product"].create({"name": "Commissioning", "type": "service"})
        deal = self._create_deal()
        order = self._order(deal, [(service, 1)])
        self.assertFalse(order.order_line.industrial_coverage)
        self.assertFalse(deal.industrial_coverage)
        deal.with_user(self.user_manager).write({"stage_id": self.stages["shipment"].id})
        self.assertEqual(deal.stage_code, "shipment", "nothing to produce, nothing to wait for")
