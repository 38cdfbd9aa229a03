from odoo.tests import Form, tagged

from .common import IndustrialCrmCommon


@tagged("post_install", "-at_install")
class TestCertificationFollowsProducts(IndustrialCrmCommon):
    """The product's equipment type decides certification once the customer orders it."""

    def test_ordered_product_of_a_certified_type_needs_certification(self):
        deal = self._create_deal()
        self.assertFalse(deal.needs_certification, "a rotary vane pump needs none")
        product = self.env["product.product"].create({
            "name": "HV test bench VT-400", "type": "consu",
            "equipment_type_id": self.eq_certified.id,
        })
        order = self.env["sale.order"].create({
            "partner_id": deal.partner_id.id, "opportunity_id": deal.id,
            "order_line": [(0, 0, {"product_id": product.id, "product_uom_qty": 1, "price_unit": 10})],
        })
        self.assertTrue(deal.needs_certification, "the bench ordered must be certified")
        order._action_cancel()
        self.assertFalse(deal.needs_certification, "a cancelled order certifies nothing")

    def test_product_form_offers_the_equipment_type(self):
        with Form(self.env["product.template"]) as form:
            form.name = "Diffusion pump"
            form.equipment_type_id = self.eq_certified
        self.assertEqual(form.record.equipment_type_id, self.eq_certified)
