from odoo import models


class AccountMove(models.Model):
    _name = "account.move"
    _inherit = ["account.move", "industrial.ru.document"]

    def _industrial_ru_doc_header(self):
        return {
            "number": self.name,
            "date": self.invoice_date or self.date,
            "due_date": self.invoice_date_due,
            "buyer": self.partner_id,
            "currency": self.currency_id,
            "bank_account": self.partner_bank_id,
        }

    def _industrial_ru_doc_lines(self):
        return [{
            "name": (line.product_id.name or line.name or "").split("\n")[0],
            "qty": line.quantity,
            "uom": line.product_uom_id.name or "",
            "price_total": line.price_total,
            "price_tax": line.price_total - line.price_subtotal,
            "tax": line.tax_ids[:1],
            "customer_lead": 0,
        } for line in self.invoice_line_ids.filtered(lambda l: l.display_type == "product")]
