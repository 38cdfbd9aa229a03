from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from .common import ProductionLinkCommon


@tagged("post_install", "-at_install")
class TestAccess(ProductionLinkCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.deal = cls._create_deal()

    def setUp(self):
        super().setUp()
        self.order = self._order(self.deal, [(self.product_made, 1), (self.product_stock, 1)])
        self.production = self.order.order_line.industrial_production_ids

    def test_sales_roles_read_production(self):
        for user in (self.user_manager, self.user_head, self.user_director, self.user_dispatcher,
                     self.user_marketer):
            with self.subTest(user=user.login):
                action = self.env["ir.actions.act_window"].with_user(user)._for_xml_id(
                    "industrial_production_link.action_industrial_sale_production"
                )
                found = self.env["mrp.production"].with_user(user).search(safe_eval(action["domain"]))
                self.assertIn(self.production, found)
                production = self.production.with_user(user)
                self.assertEqual(production.industrial_readiness, 0)
                self.assertEqual(production.industrial_lead_id, self.deal)

    def test_sales_do_not_edit_production(self):
        for user in (self.user_manager, self.user_director):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.production.with_user(user).write({"industrial_date_expected": False})

    def test_manager_of_other_direction_sees_no_production(self):
        productions = self.env["mrp.production"].with_user(self.user_manager_other).search(
            [("industrial_sale_line_id", "!=", False)]
        )
        self.assertFalse(productions)

    def test_production_reads_sales_but_does_not_edit_them(self):
        order = self.order.with_user(self.user_production)
        self.assertEqual(order.read(["name"])[0]["name"], self.order.name)
        with self.assertRaises(AccessError):
            order.write({"client_order_ref": "changed by production"})
        with self.assertRaises(AccessError):
            order.order_line[:1].write({"product_uom_qty": 9})
        production = self.production.with_user(self.user_production)
        production.industrial_date_expected = production.industrial_date_planned
        self.assertEqual(production.industrial_sale_order_id, self.order)
        self._produce(production)
        self.assertEqual(production.state, "done")
        self.assertEqual(self.deal.industrial_readiness, 100, "production's progress reaches the deal")

    def test_documents_reachable_from_deal(self):
        deal = self.deal.with_user(self.user_manager)
        self.assertEqual(deal.industrial_production_count, 1)
        action = deal.action_view_industrial_productions()
        self.assertEqual(self.env["mrp.production"].search(action["domain"]), self.production)
        action = deal.action_view_sale_order()
        self.assertEqual(action.get("res_id"), self.order.id)
        self.assertEqual(deal.delivery_count, 1)
        action = deal.action_view_deliveries()
        self.assertEqual(self.env["stock.picking"].search(action["domain"]), self.order.picking_ids)
        self.order._create_invoices()
        self.assertEqual(deal.invoice_count, 1)
        self.assertEqual(
            self.env["account.move"].search(deal.action_view_invoices()["domain"]), self.order.invoice_ids
        )
        production_action = self.production.with_user(self.user_manager).action_view_industrial_deal()
        self.assertEqual(production_action["res_id"], self.deal.id)
