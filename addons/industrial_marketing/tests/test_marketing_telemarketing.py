import base64
import csv
import io

import openpyxl

from odoo import fields
from odoo.tests import tagged

from .marketing_common import MarketingCommon


@tagged("post_install", "-at_install")
class TestMarketingTelemarketing(MarketingCommon):

    def _export(self, segment):
        action = segment.with_user(self.user_marketer).action_export_telemarketing()
        return self.env["industrial.telemarketing.export"].browse(action["res_id"])

    def test_export_csv_and_xlsx(self):
        self.contacts[5].phone = False
        export = self._export(self.segment)
        self.assertEqual((export.state, export.row_count), ("done", 5))
        rows = list(csv.reader(io.StringIO(base64.b64decode(export.csv_file).decode("utf-8-sig")), delimiter=";"))
        self.assertEqual(rows[0], ["Contact", "Company", "Phone (E.164)", "Phone as Dialled", "Mobile (E.164)",
                                   "Direction", "Manager", "Last Contact"])
        row = next(r for r in rows if r[0] == "Ivan Petrov2")
        self.assertEqual(row[1:7], ["Cryogenmash JSC", "+74951110002", "+7 495 111-00-02", "", "High Vacuum",
                                    "Mark Manager"])
        self.assertTrue(row[7], "the last contact date comes from the latest deal")
        self.assertRegex(row[7], r"^\d{2}\.\d{2}\.\d{4}$", "dates as Russian Excel reads them")
        self.assertNotIn("Ivan Petrov5", [r[0] for r in rows], "contacts without a phone are not exported")
        sheet = openpyxl.load_workbook(io.BytesIO(base64.b64decode(export.xlsx_file))).active
        values = list(sheet.values)
        self.assertEqual(len(values), 6)
        self.assertIn(tuple(row), [tuple(v or "" for v in r) for r in values])
        self.assertTrue(export.xlsx_name.endswith(".xlsx"))

    def test_csv_for_russian_excel(self):
        """Russian Excel opens the CSV by a double click: ";" columns, UTF-8 with a BOM, dd.mm.yyyy."""
        self.contacts[0].name = "Иван Петров; ООО «Вакуум»"
        export = self._export(self.segment)
        raw = base64.b64decode(export.csv_file)
        self.assertTrue(raw.startswith(b"\xef\xbb\xbf"), "UTF-8 with BOM")
        text = raw.decode("utf-8-sig")
        self.assertEqual(text.splitlines()[0].split(";")[:3], ["Contact", "Company", "Phone (E.164)"])
        rows = list(csv.reader(io.StringIO(text), delimiter=";"))
        self.assertIn("Иван Петров; ООО «Вакуум»", [r[0] for r in rows], "a ';' inside a value is quoted")
        self.assertTrue(all(len(r) == 8 for r in rows))
        last = next(r for r in rows if r[0] == "Иван Петров; ООО «Вакуум»")[7]
        self.assertRegex(last, r"^\d{2}\.\d{2}\.\d{4}$")
        deal_date = max(self.env["crm.lead"].search(
            [("industrial_commercial_partner_id", "=", self.customer.id)]).mapped("write_date"))
        # in the marketer's time zone, who made the export
        marketer_day = fields.Datetime.context_timestamp(export.with_user(self.user_marketer), deal_date)
        self.assertEqual(last, marketer_day.strftime("%d.%m.%Y"))

    def test_segment_filters(self):
        Segment = self.env["industrial.marketing.segment"]
        ours = (self.customer | self.contacts | self.lead_company).ids
        leads = Segment.create({"name": "Leads", "customer_status": "potential",
                                "partner_domain": f"[('id', 'in', {ours})]"})
        self.assertEqual(leads._partner_ids(), (self.lead_company.id,))
        export = self._export(leads)
        rows = list(csv.reader(io.StringIO(base64.b64decode(export.csv_file).decode("utf-8-sig")), delimiter=";"))
        self.assertEqual(rows[1][:5], ["Vakuumtech LLC", "", "", "8 912 345-67-89", "+79123456789"])
        hv = Segment.create({"name": "HV", "direction_ids": [(6, 0, self.direction_hv.ids)]})
        self.assertIn(self.contacts[0].id, hv._partner_ids())
        self.assertNotIn(self.lead_company.id, hv._partner_ids())
        pumps = Segment.create({"name": "Pumps", "direction_ids": [(6, 0, self.direction_pump.ids)]})
        self.assertFalse(pumps._partner_ids())
        region = self.env["res.country.state"].search([("country_id.code", "=", "RU")], limit=1)
        self.lead_company.state_id = region
        by_region = Segment.create({"name": "Region", "state_ids": [(6, 0, region.ids)]})
        self.assertEqual(by_region._partner_ids(), (self.lead_company.id,))
        buyers = Segment.create({"name": "Buyers", "last_purchase_after": "2020-01-01"})
        self.assertNotIn(self.contacts[0].id, buyers._partner_ids())
        order = self.env["sale.order"].create({"partner_id": self.customer.id, "order_line": [(0, 0, {
            "product_id": self.env["product.product"].create({"name": "Pump"}).id})]})
        order.action_confirm()
        self.assertIn(self.contacts[0].id, buyers._partner_ids())
        self.assertEqual(self.segment.partner_count, 6)

    def test_history_and_weekly_cron(self):
        self.segment.export_auto = True
        first = self._export(self.segment)
        self.env["industrial.marketing.segment"]._cron_export_telemarketing()
        self.assertEqual(self.segment.export_count, 2)
        self.assertIn(first, self.segment.export_ids)
        attachments = self.env["ir.attachment"].search([
            ("res_model", "=", "industrial.telemarketing.export"), ("res_id", "in", self.segment.export_ids.ids)])
        self.assertEqual(len(attachments), 4, "CSV and XLSX are kept for every export")
