from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestDemoIsTheClient(TransactionCase):
    """The demo shows one Russian company: Odoo's own demo (furniture shop, its staff,
    customers, projects, orders, mailings) is archived or deleted once ours is loaded."""

    def test_odoo_demo_off_the_screens(self):
        self.assertTrue(self.env.ref("base.module_industrial_crm").demo, "this check runs on the demo database")
        odoo_demo = self.env["ir.model.data"]._industrial_demo_odoo_records()
        self.assertIn("crm.lead", odoo_demo.mapped("model"), "Odoo's own demo records are recognised")
        for model in ("crm.lead", "res.partner", "product.template", "product.product", "hr.employee",
                      "project.project", "project.task", "calendar.event", "mailing.mailing"):
            if model not in self.env:
                continue
            ids = odoo_demo.filtered(lambda d, m=model: d.model == m).mapped("res_id")
            left = self.env[model].browse(ids).exists().filtered("active")
            if model == "res.partner":
                left = left.filtered(lambda p: not p.user_ids.filtered("active") and not p.ref_company_ids)
            self.assertFalse(left, f"Odoo's demo {model} still active: {left.mapped('display_name')}")
        for model in ("sale.order", "purchase.order", "stock.picking", "mrp.production", "account.analytic.line"):
            if model not in self.env:
                continue
            ids = odoo_demo.filtered(lambda d, m=model: d.model == m).mapped("res_id")
            self.assertFalse(self.env[model].browse(ids).exists(), f"Odoo's demo {model} left")

    def test_our_demo_kept(self):
        """What staff see is ours: Russian products, customers and orders."""
        self.assertFalse(self.env["product.template"].search([("name", "=ilike", "%desk%")]))
        orders = self.env["sale.order"].search([])
        self.assertTrue(orders)
        self.assertEqual(orders.currency_id, self.env.ref("base.RUB"))
        self.assertTrue(self.env.ref("industrial_crm.direction_hv").active)
        self.assertTrue(self.env.ref("base.user_admin").active)
        self.assertTrue(self.env.ref("base.main_partner").active)
