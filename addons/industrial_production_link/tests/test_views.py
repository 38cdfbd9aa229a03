from odoo.tests import Form, tagged

from .common import ProductionLinkCommon


@tagged("post_install", "-at_install")
class TestViews(ProductionLinkCommon):
    def test_views_open_for_each_role(self):
        """The Production view, the deal and the order forms load for sales and production users."""
        for user in (self.user_manager, self.user_head, self.user_director, self.user_marketer,
                     self.user_production):
            with self.subTest(user=user.login):
                views = self.env["mrp.production"].with_user(user).get_views(
                    [(self.env.ref("industrial_production_link.view_mrp_production_list_sale").id, "list"),
                     (self.env.ref("industrial_production_link.view_mrp_production_kanban_sale").id, "kanban"),
                     (False, "form")],
                    {"search_view_id": self.env.ref("industrial_production_link.view_mrp_production_search_sale").id},
                )
                self.assertIn("industrial_readiness", views["models"]["mrp.production"]["fields"])
        for user in (self.user_manager, self.user_director):
            with self.subTest(user=user.login):
                views = self.env["crm.lead"].with_user(user).get_views([(False, "form"), (False, "list")])
                self.assertIn("industrial_readiness", views["models"]["crm.lead"]["fields"])
                views = self.env["sale.order"].with_user(user).get_views([(False, "form")])
                self.assertIn("industrial_coverage", views["models"]["sale.order.line"]["fields"])

    def test_deal_form_shows_readiness(self):
        deal = self._create_deal()
        self._order(deal, [(self.product_made, 1), (self.product_stock, 3)])
        form = Form(deal.with_user(self.user_manager))
        self.assertEqual(form.industrial_coverage, "mixed")
        self.assertAlmostEqual(form.industrial_readiness, 5.66)
        self.assertEqual(form.industrial_readiness_qty, 75)
        self.assertEqual(form.industrial_production_count, 1)
        self.assertFalse(form.industrial_goods_available)

    def test_sales_open_the_production_form(self):
        deal = self._create_deal()
        order = self._order(deal, [(self.product_routed, 1)])
        production = order.order_line.industrial_production_ids
        for user in (self.user_manager, self.user_marketer):
            with self.subTest(user=user.login):
                form = Form(
                    production.with_user(user),
                    view="industrial_production_link.view_mrp_production_form_sale",
                )
                self.assertEqual(form.industrial_readiness, 0)
                self.assertEqual(form.industrial_lead_id, deal)
