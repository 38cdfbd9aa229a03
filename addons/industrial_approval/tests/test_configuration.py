from odoo.exceptions import ValidationError
from odoo.tests import Form, TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestApprovalConfiguration(TransactionCase):
    """Bands that do not grow, and invoice amounts out of order, are refused
    with a clear message in the user's language; nothing is written."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("ru_RU")
        cls.env.ref("base.module_industrial_approval")._update_translations("ru_RU")
        cls.brand = cls.env["industrial.product.brand"].create({
            "name": "Test Config Brand", "manager_discount": 5, "head_discount": 10,
        })

    def test_brand_bands_must_grow(self):
        for manager, head in ((10, 5), (10, 10), (-1, 5), (5, 101)):
            with self.subTest(manager=manager, head=head):
                with self.assertRaisesRegex(ValidationError, "discount bands must grow"):
                    with self.env.cr.savepoint():
                        self.brand.write({"manager_discount": manager, "head_discount": head})
                self.assertRecordValues(self.brand, [{"manager_discount": 5, "head_discount": 10}])
        with self.assertRaisesRegex(ValidationError, "Test Bad Brand"):
            self.env["industrial.product.brand"].create({
                "name": "Test Bad Brand", "manager_discount": 20, "head_discount": 10,
            })

    def test_brand_error_in_russian(self):
        with self.assertRaisesRegex(ValidationError, "скидок должны расти"):
            self.brand.with_context(lang="ru_RU").write({"manager_discount": 12})

    def test_company_bands_and_amounts_in_order(self):
        company = self.env.company
        with self.assertRaisesRegex(ValidationError, "discount bands must grow"):
            with self.env.cr.savepoint():
                company.write({"industrial_discount_manager": 20, "industrial_discount_head": 15})
        with self.assertRaisesRegex(ValidationError, "must be above the head's"):
            with self.env.cr.savepoint():
                company.write({"industrial_invoice_head_threshold": 500, "industrial_invoice_director_threshold": 400})
        with self.assertRaisesRegex(ValidationError, "neither may be negative"):
            with self.env.cr.savepoint():
                company.write({"industrial_invoice_head_threshold": -1, "industrial_invoice_director_threshold": 0})
        with self.assertRaisesRegex(ValidationError, "суммы руководителя"):
            with self.env.cr.savepoint():
                company.with_context(lang="ru_RU").write({
                    "industrial_invoice_head_threshold": 500, "industrial_invoice_director_threshold": 500,
                })
        # through Settings too
        settings = Form(self.env["res.config.settings"])
        settings.industrial_discount_manager = 30
        settings.industrial_discount_head = 20
        with self.assertRaisesRegex(ValidationError, "discount bands must grow"):
            with self.env.cr.savepoint():
                settings.save().execute()
        # a director's amount alone (no head's) is fine: invoices above it go to the director
        company.write({"industrial_invoice_head_threshold": 0, "industrial_invoice_director_threshold": 1000})
        self.assertEqual(company._industrial_invoice_level(1001), "director")
        self.assertEqual(company._industrial_invoice_level(999), "none")
