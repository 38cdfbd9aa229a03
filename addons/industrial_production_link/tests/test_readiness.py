from datetime import timedelta

from freezegun import freeze_time

from odoo import Command, fields
from odoo.tests import Form, tagged

from .common import ProductionLinkCommon


@tagged("post_install", "-at_install")
class TestReadiness(ProductionLinkCommon):
    def _late_activities(self, deal):
        return deal.activity_ids.filtered(
            lambda a: a.activity_type_id == self.env.ref("industrial_production_link.mail_act_production_late")
        )

    def _late_notifications(self, deal):
        """Messages telling the deal's manager that a production is late (new or renewed warning)."""
        return self.env["mail.message"].search([
            ("model", "=", "crm.lead"),
            ("res_id", "=", deal.id),
            ("message_type", "=", "user_notification"),
            ("partner_ids", "in", self.user_manager.partner_id.ids),
            ("subject", "ilike", "Production is late"),
        ])

    def test_readiness_from_work_orders(self):
        deal = self._create_deal(equipment_type_ids=[(6, 0, self.eq_certified.ids)])
        order = self._order(deal, [(self.product_routed, 1)])
        production = order.order_line.industrial_production_ids
        self.assertEqual(len(production.workorder_ids), 2)
        self.assertEqual(production.industrial_readiness, 0)
        welding = production.workorder_ids.filtered(lambda w: w.name == "Welding")
        welding.button_start()
        welding.button_finish()
        self.assertAlmostEqual(production.industrial_readiness, 66.67, msg="60 of 90 expected minutes done")
        self.assertAlmostEqual(order.order_line.industrial_readiness, 66.67)
        self.assertAlmostEqual(deal.industrial_readiness, 66.67)
        self.assertEqual(
            production.industrial_date_expected,
            max([d for d in production.workorder_ids.mapped("date_finished") if d] + [production.date_finished]),
        )

    def test_late_production_warns_manager_once_per_slip(self):
        deal = self._create_deal()
        order = self._order(deal, [(self.product_made, 1)])
        production = order.order_line.industrial_production_ids
        self.assertFalse(production.industrial_is_late)
        self.assertFalse(self._late_activities(deal))
        planned = production.industrial_date_planned
        production.with_user(self.user_production).industrial_date_expected = planned + timedelta(days=2)
        self.assertTrue(production.industrial_is_late)
        self.assertTrue(order.order_line.industrial_is_late)
        self.assertTrue(deal.industrial_is_late)
        activity = self._late_activities(deal)
        self.assertEqual(activity.user_id, self.user_manager)
        self.assertIn(production.name, activity.note)
        self.assertEqual(len(self._late_notifications(deal)), 1)
        production.industrial_date_expected = planned + timedelta(days=1)
        self.assertEqual(len(self._late_notifications(deal)), 1, "an earlier date is no new slip")
        production.industrial_date_expected = planned + timedelta(days=5)
        self.assertEqual(len(self._late_notifications(deal)), 2, "a further slip warns again")
        self.assertEqual(self._late_activities(deal), activity, "in the open warning, not a second one")
        self._produce(production)
        self.assertFalse(production.industrial_is_late)
        self.assertFalse(deal.industrial_is_late)
        production_list = self.env["mrp.production"].search(
            [("industrial_lead_id", "=", deal.id), ("industrial_is_late", "=", True)]
        )
        self.assertFalse(production_list)

    def test_overdue_production_flagged_by_cron(self):
        deal = self._create_deal()
        order = self._order(deal, [(self.product_made, 1)])
        production = order.order_line.industrial_production_ids
        later = fields.Datetime.now() + timedelta(days=30)
        with freeze_time(later):
            self.env["mrp.production"]._cron_industrial_check_late()
        self.assertEqual(production.industrial_date_expected, later)
        self.assertTrue(production.industrial_is_late)
        self.assertTrue(self._late_activities(deal))
        due = self.env["mrp.production"].search(
            [("industrial_sale_line_id", "!=", False), ("industrial_is_late", "=", True)]
        )
        self.assertIn(production, due)

    def test_hourly_check_warns_once_per_slip(self):
        """The check moving an overdue date each hour is no news: one warning until a person
        moves the expected date later or the planned date changes."""
        deal = self._create_deal()
        order = self._order(deal, [(self.product_made, 1)])
        production = order.order_line.industrial_production_ids
        start = fields.Datetime.now() + timedelta(days=30)
        for hour in range(4):
            with freeze_time(start + timedelta(hours=hour)):
                self.env["mrp.production"]._cron_industrial_check_late()
        self.assertEqual(production.industrial_date_expected, start + timedelta(hours=3))
        self.assertTrue(production.industrial_is_late)
        self.assertEqual(len(self._late_activities(deal)), 1, "four runs of the check, one warning")
        self.assertEqual(len(self._late_notifications(deal)), 1)
        # a person moves the expected date later: news, renewed in the open activity
        later = start + timedelta(days=10)
        production.with_user(self.user_production).industrial_date_expected = later
        activity = self._late_activities(deal)
        self.assertEqual(len(activity), 1, "the open warning is renewed, not doubled")
        self.assertEqual(str(activity.note).count("is now expected on"), 2, "the new slip above the old one")
        self.assertEqual(len(self._late_notifications(deal)), 2)
        # the manager has told the customer; the check keeps moving the date, silently
        activity.action_feedback(feedback="Customer informed")
        for hour in range(1, 3):
            with freeze_time(later + timedelta(hours=hour)):
                self.env["mrp.production"]._cron_industrial_check_late()
        self.assertEqual(production.industrial_date_expected, later + timedelta(hours=2))
        self.assertFalse(self._late_activities(deal))
        self.assertEqual(len(self._late_notifications(deal)), 2)
        # the planned date moves: news again
        planned = production.industrial_date_planned + timedelta(days=3)
        production.with_user(self.user_production).date_deadline = planned
        self.assertEqual(production.industrial_date_planned, planned)
        self.assertTrue(production.industrial_is_late)
        self.assertEqual(len(self._late_activities(deal)), 1)
        self.assertEqual(len(self._late_notifications(deal)), 3)

    def test_readiness_weighted_by_value(self):
        """A 3.6 M furnace not yet started outweighs ten pumps in stock."""
        deal = self._create_deal()
        order = self._order(deal, [], order_line=[
            Command.create({"product_id": self.product_made.id, "product_uom_qty": 1, "price_unit": 3600000}),
            Command.create({"product_id": self.product_stock.id, "product_uom_qty": 10, "price_unit": 1000}),
        ])
        self.assertEqual(self._line(order, self.product_made).industrial_readiness, 0)
        self.assertEqual(self._line(order, self.product_stock).industrial_readiness, 100)
        self.assertAlmostEqual(order.industrial_readiness, 0.28, msg="10,000 of 3,610,000 ready")
        self.assertAlmostEqual(deal.industrial_readiness, 0.28)
        self.assertAlmostEqual(order.industrial_readiness_qty, 90.91, msg="10 of 11 units ready")
        self.assertAlmostEqual(deal.industrial_readiness_qty, 90.91)

    def test_readiness_by_quantity_without_prices(self):
        deal = self._create_deal()
        order = self._order(deal, [], order_line=[
            Command.create({"product_id": self.product_made.id, "product_uom_qty": 1, "price_unit": 0}),
            Command.create({"product_id": self.product_stock.id, "product_uom_qty": 3, "price_unit": 0}),
        ])
        self.assertEqual(order.industrial_readiness, 75, "no value to weigh: every unit counts alike")
        self.assertEqual(deal.industrial_readiness, 75)
        self.assertEqual(deal.industrial_readiness_qty, 75)

    def test_cancelled_production(self):
        deal = self._create_deal()
        order = self._order(deal, [(self.product_made, 2)])
        line = order.order_line
        line.industrial_production_ids.action_cancel()
        self.assertEqual(
            (line.industrial_coverage, line.industrial_qty_stock), ("stock", 2),
            "Odoo now takes the goods from stock",
        )
        self.assertIn("was cancelled", line.industrial_coverage_note)
        self.assertFalse(deal.industrial_goods_available)
        self.assertEqual(deal.industrial_readiness, 0)

    def test_split_production(self):
        deal = self._create_deal()
        order = self._order(deal, [(self.product_made, 3)])
        line = order.order_line
        productions = line.industrial_production_ids._split_productions(
            {line.industrial_production_ids: [1, 2]}
        )
        self.assertEqual(len(productions), 2)
        self.assertEqual(line.industrial_production_ids, productions, "both halves stay with the line")
        self.assertEqual((line.industrial_coverage, line.industrial_qty_production), ("production", 3))
        self._produce(productions[0])
        self.assertAlmostEqual(line.industrial_readiness, 33.33)
        self.assertFalse(deal.industrial_goods_available)
        self._produce(productions[1])
        self.assertEqual(line.industrial_readiness, 100)
        self.assertTrue(deal.industrial_goods_available)

    def test_quantity_changes_after_confirmation(self):
        deal = self._create_deal()
        order = self._order(deal, [(self.product_made, 3)])
        line = order.order_line
        line.with_user(self.user_manager).product_uom_qty = 5
        self.assertEqual(line.industrial_qty_production, 5, "the extra quantity is produced too")
        self.assertEqual(line.industrial_coverage, "production")
        self.assertFalse(line.industrial_coverage_note)
        line.with_user(self.user_manager).product_uom_qty = 4
        self.assertIn("More is being made or bought", line.industrial_coverage_note)

    def test_return_lowers_readiness(self):
        deal = self._create_deal()
        order = self._order(deal, [(self.product_stock, 2)])
        picking = order.picking_ids
        self._ship(picking, {self.product_stock: 2})
        self.assertTrue(deal.industrial_goods_available)
        wizard = Form(self.env["stock.return.picking"].with_context(
            active_ids=picking.ids, active_id=picking.id, active_model="stock.picking",
        )).save()
        wizard.product_return_moves.quantity = 1
        returned = self.env["stock.picking"].browse(wizard.action_create_returns()["res_id"])
        self._ship(returned, {self.product_stock: 1})
        line = order.order_line
        self.assertEqual(line.qty_delivered, 1)
        self.assertEqual(line.industrial_readiness, 50)
        self.assertFalse(deal.industrial_goods_available)

    def test_readiness_recompute_queries_bounded(self):
        """One deal's readiness is recomputed with the same queries however many deals exist."""
        for index in range(3):
            other = self._create_deal(name=f"Other deal {index}")
            self._order(other, [(self.product_made, 1), (self.product_stock, 1)])
        deal = self._create_deal()
        order = self._order(deal, [(self.product_made, 2), (self.product_stock, 1)])
        production = order.order_line.industrial_production_ids
        self.env.invalidate_all()
        with self.assertQueryCount(46):
            production.qty_producing = 1
            self.env.flush_all()
        self.assertAlmostEqual(deal.industrial_readiness, 50.5)
        self.assertAlmostEqual(deal.industrial_readiness_qty, 66.67)
