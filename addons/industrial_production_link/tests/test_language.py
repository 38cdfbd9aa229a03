from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import ProductionLinkCommon


@tagged("post_install", "-at_install")
class TestNumbersInUserLanguage(ProductionLinkCommon):
    """Numbers inside the messages follow the reader's language: "25,0" in Russian, not "25.0"."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("ru_RU")

    def test_shipment_blocker_readiness(self):
        product = self.env["product.product"].create({"name": "Gauge G-1", "is_storable": True})
        deal = self._create_deal(stage_id=self.stages["reservation"].id)
        order = self._order(deal, [(product, 4)])
        self._stock(product, 1)
        order.picking_ids.action_assign()
        self.assertEqual(deal.industrial_readiness, 25)
        with self.assertRaises(UserError) as refused:
            deal.with_user(self.user_manager).with_context(lang="ru_RU").action_next_stage()
        self.assertIn("25,0", str(refused.exception))
        self.assertNotIn("25.0", str(refused.exception))

    def test_coverage_note_quantities(self):
        deal = self._create_deal(stage_id=self.stages["reservation"].id)
        order = self._order(deal, [(self.product_made, 3)])
        line = order.order_line
        line.with_user(self.user_manager).product_uom_qty = 2.5
        note = line.with_context(lang="ru_RU")._industrial_get_coverage()["industrial_coverage_note"]
        self.assertIn("3,00", note)
        self.assertIn("2,50", note)
        self.assertNotIn("2.5", note)
