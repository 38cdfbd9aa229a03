import base64
import csv
import io

import xlsxwriter

from odoo import _, api, fields, models
from odoo.tools import split_every

CHUNK = 1000


class IndustrialTelemarketingExport(models.Model):
    """A telemarketing list of a segment, kept as CSV and XLSX attachments."""

    _name = "industrial.telemarketing.export"
    _description = "Telemarketing Export"
    _inherit = ["mail.thread"]
    _order = "id desc"

    name = fields.Char(compute="_compute_name")
    segment_id = fields.Many2one(
        "industrial.marketing.segment", required=True, index=True, ondelete="cascade", readonly=True)
    user_id = fields.Many2one("res.users", string="Exported by", default=lambda self: self.env.user, readonly=True)
    state = fields.Selection([("draft", "Waiting"), ("done", "Done")], default="draft", readonly=True)
    row_count = fields.Integer(string="Contacts with Phone", readonly=True)
    csv_attachment_id = fields.Many2one("ir.attachment", string="CSV", readonly=True)
    xlsx_attachment_id = fields.Many2one("ir.attachment", string="XLSX", readonly=True)
    csv_file = fields.Binary(related="csv_attachment_id.datas", string="CSV File")
    csv_name = fields.Char(related="csv_attachment_id.name", string="CSV Name")
    xlsx_file = fields.Binary(related="xlsx_attachment_id.datas", string="XLSX File")
    xlsx_name = fields.Char(related="xlsx_attachment_id.name", string="XLSX Name")

    @api.depends("segment_id", "create_date")
    def _compute_name(self):
        for export in self:
            export.name = _("%(segment)s, %(date)s", segment=export.segment_id.name,
                            date=fields.Date.to_string(export.create_date) if export.create_date else "")

    def _headers(self):
        return [_("Contact"), _("Company"), _("Phone (E.164)"), _("Phone as Dialled"), _("Mobile (E.164)"),
                _("Direction"), _("Manager"), _("Last Contact")]

    def _rows(self):
        """Rows of the contacts of the segment that have a phone, read in chunks."""
        partner_ids = self.env["res.partner"]._search(
            self.segment_id._get_partner_domain() + ["|", ("phone", "!=", False), ("mobile", "!=", False)],
            order="id",
        ).get_result_ids()
        Partner = self.env["res.partner"]
        for chunk in split_every(CHUNK, partner_ids):
            partners = Partner.browse(chunk)
            companies = partners.commercial_partner_id
            last_leads = {}
            for company, direction, user, last in self.env["crm.lead"].sudo().with_context(
                    active_test=False)._read_group(
                    [("industrial_commercial_partner_id", "in", companies.ids)],
                    ["industrial_commercial_partner_id", "direction_id", "user_id"], ["write_date:max"]):
                if company.id not in last_leads or last > last_leads[company.id][2]:
                    last_leads[company.id] = (direction, user, last)
            last_requests = dict(self.env["industrial.request"].sudo()._read_group(
                [("partner_id", "in", partners.ids)], ["partner_id"], ["create_date:max"]))
            for partner in partners:
                direction, user, lead_date = last_leads.get(
                    partner.commercial_partner_id.id, (self.env["industrial.direction"], partner.user_id, False))
                dates = [d for d in (lead_date, last_requests.get(partner)) if d]
                yield [
                    partner.name or "",
                    partner.commercial_partner_id.name if partner.commercial_partner_id != partner else "",
                    partner.industrial_phone_e164 or "",
                    partner.phone or partner.mobile or "",
                    partner.industrial_mobile_e164 or "",
                    direction.name or "",
                    (user or partner.user_id).name or "",
                    self._format_date(max(dates)) if dates else "",
                ]
            partners.invalidate_recordset()

    def _format_date(self, moment):
        """dd.mm.yyyy in the user's time zone, as Russian Excel reads a date."""
        return fields.Datetime.context_timestamp(self, moment).strftime("%d.%m.%Y")

    def _generate(self):
        """Write both files in one pass over the segment."""
        self.ensure_one()
        csv_buffer = io.StringIO()
        # Russian Excel: ";" separates the columns (the decimal separator is the comma), UTF-8 with a BOM
        writer = csv.writer(csv_buffer, delimiter=";")
        xlsx_buffer = io.BytesIO()
        workbook = xlsxwriter.Workbook(xlsx_buffer, {"in_memory": True, "constant_memory": True})
        sheet = workbook.add_worksheet(_("Telemarketing"))
        bold = workbook.add_format({"bold": True})
        headers = self._headers()
        writer.writerow(headers)
        sheet.write_row(0, 0, headers, bold)
        count = 0
        for row in self._rows():
            count += 1
            writer.writerow(row)
            sheet.write_row(count, 0, row)
        workbook.close()
        stem = f"telemarketing-{self.segment_id.name}-{fields.Date.to_string(fields.Date.today())}"
        Attachment = self.env["ir.attachment"]
        values = {"res_model": self._name, "res_id": self.id}
        csv_attachment = Attachment.create(dict(
            values, name=f"{stem}.csv", mimetype="text/csv",
            datas=base64.b64encode(csv_buffer.getvalue().encode("utf-8-sig"))))
        xlsx_attachment = Attachment.create(dict(
            values, name=f"{stem}.xlsx",
            mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            datas=base64.b64encode(xlsx_buffer.getvalue())))
        self.write({"state": "done", "row_count": count,
                    "csv_attachment_id": csv_attachment.id, "xlsx_attachment_id": xlsx_attachment.id})
        self.message_post(body=_("%s contacts with a phone exported.", count),
                          attachment_ids=(csv_attachment | xlsx_attachment).ids)
        return True
