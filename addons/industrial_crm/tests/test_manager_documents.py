from lxml import etree

from odoo.tests import tagged

from .common import IndustrialCrmCommon


@tagged("post_install", "-at_install")
class TestManagerSeesDealDocuments(IndustrialCrmCommon):
    """A sales manager follows his deal's deliveries and invoices from the deal,
    reading them without the Inventory or Invoicing apps."""

    def test_manager_opens_deliveries_and_invoices_of_his_deal(self):
        deal = self._create_deal(stage_id=self.stages["negotiation"].id)
        invoice = self._invoice_deal(deal)
        Deal = deal.with_user(self.user_manager)
        arch = etree.fromstring(Deal.get_view(view_type="form")["arch"])
        for method in ("action_view_deliveries", "action_view_invoices"):
            with self.subTest(button=method):
                self.assertTrue(arch.xpath(f"//button[@name='{method}']"), "the smart button is shown to him")
                action = getattr(Deal, method)()
                self.assertFalse(action["context"].get("create"))
                Model = self.env[action["res_model"]].with_user(self.user_manager)
                records = Model.search(action["domain"])
                expected = invoice if method == "action_view_invoices" else invoice.invoice_line_ids.sale_line_ids.order_id.picking_ids
                self.assertTrue(expected)
                self.assertEqual(records, expected)
                for view_id, view_type in action["views"]:
                    view = Model.get_views([(view_id, view_type)])
                    fields = list(view["models"][action["res_model"]]["fields"])
                    self.assertTrue(records.read(fields), f"{view_type} view of {action['res_model']} readable")

    def test_other_direction_manager_sees_no_document(self):
        deal = self._create_deal(stage_id=self.stages["negotiation"].id)
        self._invoice_deal(deal)
        self.assertFalse(self.env["crm.lead"].with_user(self.user_manager_other).search([("id", "=", deal.id)]))
