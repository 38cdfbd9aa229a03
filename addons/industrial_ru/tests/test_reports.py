import io
import re

from odoo.exceptions import UserError
from odoo.tests import HttpCase, tagged
from odoo.tools.pdf import PdfFileReader

from .common import BIC, CORR_ACCOUNT, IndustrialRuCommon


@tagged("post_install", "-at_install")
class TestRussianReports(IndustrialRuCommon, HttpCase):
    """Each document rendered to HTML (its text read) and to PDF by wkhtmltopdf, which fetches the
    report assets from the test server: hence an HttpCase, whose server shares the test transaction."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.company._industrial_ru_setup_vat()
        cls.company.write({"vat": "7720481533", "industrial_kpp": "772001001", "company_registry": "1097746158322",
                           "country_id": cls.russia.id})
        cls.company_account = cls.company.partner_id.bank_ids.filtered("bank_id.bic")[:1] or cls.env[
            "res.partner.bank"].create({
            "partner_id": cls.company.partner_id.id, "bank_id": cls.bank.id, "acc_number": "40702810938000012345"})
        vat22 = cls.env["account.tax"].search([("company_id", "=", cls.company.id), ("type_tax_use", "=", "sale"),
                                                ("name", "=", "НДС 22%")])
        cls.product = cls.env["product.product"].create({
            "name": "Вакуумная печь СШВ-1.2,5/25", "type": "consu", "list_price": 1000000,
            "taxes_id": [(6, 0, vat22.ids)], "sale_delay": 90})
        cls.deal = cls._create_deal(stage_id=cls.stages["commissioning"].id)
        cls.order = cls.env["sale.order"].create({
            "partner_id": cls.customer.id, "opportunity_id": cls.deal.id, "user_id": cls.user_manager.id,
            "validity_date": "2026-12-31", "commitment_date": "2026-03-02 10:00:00",
            "order_line": [(0, 0, {"product_id": cls.product.id, "product_uom_qty": 1})],
        })

    def _html(self, xmlid, records, user=None):
        Report = self.env["ir.actions.report"].with_user(user or self.env.user)
        html = Report._render_qweb_html(xmlid, records.ids)[0].decode()
        return re.sub(r"[ \t\r\n]+", " ", html)

    def _pdf_text(self, xmlid, records, user=None):
        Report = self.env["ir.actions.report"].with_user(user or self.env.user).with_context(
            force_report_rendering=True)
        pdf, kind = Report._render_qweb_pdf(xmlid, records.ids)
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
        # PyPDF2 2.x names it extract_text, 1.x extractText
        texts = [page.extract_text() if hasattr(page, "extract_text") else page.extractText() for page in reader.pages]
        return re.sub(r"[ \t\r\n]+", " ", " ".join(texts))

    def _assert_payment_invoice(self, html, number):
        self.assertIn(f"Счёт на оплату № {number}", html)
        bank = self.company_account.bank_id
        for text in ("ИНН 7720481533", "КПП 772001001", "ИНН 7707083893", "КПП 773601001",
                     f"<td>{bank.bic}</td>", f"<td>{bank.industrial_corr_account}</td>",
                     f'<td rowspan="2">{self.company_account.acc_number}</td>',
                     "Банк получателя", bank.name, "Поставщик", "Покупатель", "Cryogenmash JSC",
                     "Вакуумная печь СШВ-1.2,5/25", "1\xa0220\xa0000,00", "В том числе НДС 22%:",
                     "220\xa0000,00", "Всего к оплате:",
                     "Один миллион двести двадцать тысяч рублей 00 копеек", "Руководитель", "Бухгалтер"):
            self.assertIn(text, html)

    def test_commercial_proposal(self):
        html = self._html("industrial_ru.action_report_commercial_proposal", self.order, self.user_manager)
        self.assertIn(f"Коммерческое предложение № {self.order.name}", html)
        for text in ("Вакуумная печь СШВ-1.2,5/25", "90 дн.", "Предложение действительно до <strong>31.12.2026",
                     "Поставка: 02.03.2026", "1\xa0220\xa0000,00", "В том числе НДС 22%:", "Mark Manager",
                     "ООО «ВакуумТехМаш»" if self.company.name == "ООО «ВакуумТехМаш»" else self.company.name):
            self.assertIn(text, html)
        text = self._pdf_text("industrial_ru.action_report_commercial_proposal", self.order, self.user_manager)
        self.assertIn("Коммерческое предложение", text)
        self.assertIn(self.order.name, text)

    def test_payment_invoice_from_order(self):
        html = self._html("industrial_ru.action_report_payment_invoice_order", self.order, self.user_manager)
        self._assert_payment_invoice(html, self.order.name)
        text = self._pdf_text("industrial_ru.action_report_payment_invoice_order", self.order, self.user_manager)
        for snippet in ("Счёт на оплату", "7707083893", "773601001", BIC, CORR_ACCOUNT,
                        "Один миллион двести двадцать тысяч рублей 00 копеек"):
            self.assertIn(snippet, text)

    def test_payment_invoice_from_invoice(self):
        self.order.action_confirm()
        invoice = self.order._create_invoices()
        invoice.write({"invoice_date": "2026-03-02", "partner_bank_id": self.company_account.id})
        invoice.action_post()
        html = self._html("industrial_ru.action_report_payment_invoice_move", invoice, self.user_manager)
        self._assert_payment_invoice(html, invoice.name)
        self.assertIn("от 02.03.2026", html)
        text = self._pdf_text("industrial_ru.action_report_payment_invoice_move", invoice, self.user_manager)
        self.assertIn("Один миллион двести двадцать тысяч рублей 00 копеек", text)
        self.assertIn(invoice.name, text)

    def test_goods_without_vat(self):
        exempt = self.env["account.tax"].search([("company_id", "=", self.company.id), ("type_tax_use", "=", "sale"),
                                                 ("name", "=", "Без НДС")])
        self.order.order_line.tax_id = exempt
        html = self._html("industrial_ru.action_report_payment_invoice_order", self.order)
        self.assertIn("<strong>Без НДС</strong>", html)
        self.assertIn("Один миллион рублей 00 копеек", html)

    def test_commissioning_act_opens_next_stage(self):
        self.product.write({"is_storable": True, "tracking": "serial"})
        lot = self.env["stock.lot"].create({"name": "SN-2026-0042", "product_id": self.product.id})
        stock = self.env["stock.warehouse"].search([("company_id", "=", self.company.id)], limit=1).lot_stock_id
        self.env["stock.quant"]._update_available_quantity(self.product, stock, 1, lot_id=lot)
        self.order.action_confirm()
        picking = self.order.picking_ids
        picking.action_assign()
        self.assertEqual(picking.move_ids.move_line_ids.lot_id, lot)
        picking.move_ids.picked = True
        picking.button_validate()
        self.assertEqual(picking.state, "done")
        html = self._html("industrial_ru.action_report_commissioning_act", self.deal, self.user_manager)
        for text in ("Акт ввода оборудования в эксплуатацию", "Вакуумная печь СШВ-1.2,5/25", "SN-2026-0042",
                     "Место установки:</strong> 117312, Москва, ул. Вавилова, д. 19", "ИНН 7707083893",
                     f"заказ № {self.order.name}", "От Поставщика", "От Заказчика"):
            self.assertIn(text, html)
        text = self._pdf_text("industrial_ru.action_report_commissioning_act", self.deal, self.user_manager)
        self.assertIn("SN-2026-0042", text)
        self.assertFalse(self.deal.acceptance_act_ids, "printing attaches nothing: the signed scan does")
        deal = self.deal.with_user(self.user_manager)
        with self.assertRefused(UserError, "attach the signed acceptance act"):
            deal.action_next_stage()
        deal.acceptance_act_ids = [(4, self._attachment("act-signed.pdf").id)]
        deal.action_next_stage()
        self.assertEqual(self.deal.stage_id, self.stages["service"])

    def test_marketer_cannot_print(self):
        """Marketers read no orders, hence print none (the report reads the order as the user)."""
        for xmlid in ("industrial_ru.action_report_payment_invoice_order",
                      "industrial_ru.action_report_commercial_proposal"):
            # QWeb hands the AccessError on wrapped in a QWebException
            with self.subTest(report=xmlid), self.assertRefused(Exception, "not allowed to access 'Sales Order'"):
                self._html(xmlid, self.order, self.user_marketer)
