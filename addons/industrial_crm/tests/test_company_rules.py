from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestCompanyRules(TransactionCase):
    """Every stored model of the suite that carries a company keeps its records within the
    companies the user works in: Odoo's multi-company record rule (``company_ids``)."""

    def test_every_company_model_has_a_company_rule(self):
        suite = self.env["ir.module.module"].search([
            ("name", "=like", "industrial\\_%"), ("state", "=", "installed"),
        ])
        self.assertIn("industrial_crm", suite.mapped("name"))
        models = self.env["ir.model.data"].search([
            ("module", "in", suite.mapped("name")), ("model", "=", "ir.model"),
        ])
        names = set(self.env["ir.model"].browse(models.mapped("res_id")).mapped("model"))
        checked = []
        for name in sorted(names):
            model = self.env.get(name)
            if model is None or model._abstract or model._transient:
                continue
            field = model._fields.get("company_id")
            if not field or not field.store:
                continue
            checked.append(name)
            rules = self.env["ir.rule"].sudo().search([("model_id.model", "=", name), ("global", "=", True)])
            with self.subTest(model=name):
                self.assertTrue(
                    rules.filtered(lambda r: "company_ids" in (r.domain_force or "")),
                    f"{name} has a company but no multi-company record rule",
                )
        for name in ("industrial.request", "industrial.direction", "crm.lead"):
            self.assertIn(name, checked)
