from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from .common import IndustrialRuCommon


@tagged("post_install", "-at_install")
class TestRussianVat(IndustrialRuCommon):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.company._industrial_ru_setup_vat()
        Tax = cls.env["account.tax"]
        domain = [("company_id", "=", cls.company.id), ("type_tax_use", "=", "sale")]
        cls.vat22 = Tax.search(domain + [("name", "=", "НДС 22%")])
        cls.vat20 = Tax.search(domain + [("name", "=", "НДС 20%")])
        cls.vat10 = Tax.search(domain + [("name", "=", "НДС 10%")])
        cls.product = cls.env["product.product"].create({
            "name": "Вакуумная печь", "type": "consu", "list_price": 1000000, "taxes_id": [(6, 0, cls.vat22.ids)]})
        cls.product_10 = cls.env["product.product"].create({
            "name": "Медицинский вакуумный аспиратор", "type": "consu", "list_price": 1000,
            "taxes_id": [(6, 0, cls.vat10.ids)]})

    def _order(self, **values):
        return self.env["sale.order"].create(dict({
            "partner_id": self.customer.id,
            "order_line": [(0, 0, {"product_id": self.product.id}), (0, 0, {"product_id": self.product_10.id})],
        }, **values))

    def test_taxes_as_in_force(self):
        Tax = self.env["account.tax"].with_context(active_test=False)
        for use in ("sale", "purchase"):
            taxes = Tax.search([("company_id", "=", self.company.id), ("type_tax_use", "=", use),
                                ("industrial_vat_kind", "!=", False)])
            self.assertEqual(sorted(taxes.mapped("amount")), [0.0, 0.0, 10.0, 20.0, 22.0], use)
            self.assertTrue(all(taxes.mapped("active")))
        self.assertEqual(len(self.vat22), 1)
        self.assertEqual(str(self.vat22.industrial_valid_from), "2026-01-01")
        self.assertEqual(str(self.vat20.industrial_valid_to), "2025-12-31")
        exempt = Tax.search([("company_id", "=", self.company.id), ("name", "=", "Без НДС")])
        self.assertEqual((exempt.amount, exempt.industrial_vat_kind), (0.0, "exempt"))
        self.company._industrial_ru_setup_vat()
        self.assertEqual(Tax.search_count([("company_id", "=", self.company.id), ("name", "=", "НДС 22%")]), 1,
                         "set up twice, nothing doubled")

    def test_rate_follows_shipment_date(self):
        order = self._order(commitment_date="2025-12-20 10:00:00")
        line, line_10 = order.order_line
        self.assertEqual(line.tax_id, self.vat20, "shipped in 2025: 20 %")
        self.assertEqual(line_10.tax_id, self.vat10, "the reduced rate does not move")
        order.commitment_date = "2026-01-15 10:00:00"
        self.assertEqual(line.tax_id, self.vat22, "shipped in 2026: 22 %")
        self.assertEqual(order.amount_tax, 220000 + 100)
        order.commitment_date = "2025-11-01 10:00:00"
        self.assertEqual(line.tax_id, self.vat20)
        self.assertEqual(line_10.tax_id, self.vat10)

    def test_rate_by_order_date_without_delivery_date(self):
        order = self._order(date_order="2025-06-01 10:00:00")
        self.assertEqual(order.order_line[0].tax_id, self.vat20)
        self.assertEqual(self._order(date_order="2026-02-01 10:00:00").order_line[0].tax_id, self.vat22)

    @mute_logger("odoo.tests.form.onchange")  # Odoo warns that a 2025 delivery date is sooner than expected
    def test_form_changes_rate_with_delivery_date(self):
        with Form(self.env["sale.order"].with_user(self.user_manager)) as form:
            form.partner_id = self.customer
            with form.order_line.new() as line:
                line.product_id = self.product
            form.commitment_date = "2025-12-30 10:00:00"
        order = form.record
        self.assertEqual(order.order_line.tax_id, self.vat20)
        self.assertEqual(order.amount_total, 1200000)

    def test_confirmed_order_keeps_its_taxes(self):
        order = self._order(commitment_date="2026-03-01 10:00:00")
        order.action_confirm()
        order.commitment_date = "2025-12-01 10:00:00"
        self.assertEqual(order.order_line[0].tax_id, self.vat22)

    def test_russian_language_formats(self):
        lang = self.env["res.lang"]._lang_get("ru_RU")
        self.assertTrue(lang.active, "installed with the module")
        self.assertEqual((lang.date_format, lang.decimal_point, lang.thousands_sep), ("%d.%m.%Y", ",", "\xa0"))
        Doc = self.env["industrial.ru.document"]
        self.assertEqual(Doc._industrial_ru_fmt_amount(1234567.5), "1\xa0234\xa0567,50")
        self.assertEqual(Doc._industrial_ru_fmt_date(self.env["sale.order"]._fields["date_order"].to_datetime(
            "2026-03-09 10:00:00").date()), "09.03.2026")
