from odoo import api, fields, models


class SaleOrder(models.Model):
    _name = "sale.order"
    _inherit = ["sale.order", "industrial.ru.document"]

    def write(self, vals):
        res = super().write(vals)
        if "commitment_date" in vals:
            self.filtered(lambda o: o.state in ("draft", "sent")).order_line._industrial_apply_vat_date()
        return res

    @api.onchange("commitment_date")
    def _onchange_industrial_vat_date(self):
        self.order_line._industrial_apply_vat_date()

    def _industrial_shipment_date(self):
        """The date the goods ship, which sets the VAT rate: the promised delivery date, else the
        expected one, else the order date."""
        self.ensure_one()
        moment = self.commitment_date or self.expected_date or self.date_order or fields.Datetime.now()
        return fields.Datetime.context_timestamp(self, moment).date()

    def _industrial_ru_doc_header(self):
        return {
            "number": self.name,
            "date": self.date_order and fields.Datetime.context_timestamp(self, self.date_order).date(),
            "due_date": self.validity_date,
            "buyer": self.partner_invoice_id or self.partner_id,
            "currency": self.currency_id,
        }

    def _industrial_ru_doc_lines(self):
        return [{
            "name": (line.product_id.name or line.name or "").split("\n")[0],
            "qty": line.product_uom_qty,
            "uom": line.product_uom.name or "",
            "price_total": line.price_total,
            "price_tax": line.price_tax,
            "tax": line.tax_id[:1],
            "customer_lead": line.customer_lead,
        } for line in self.order_line.filtered(lambda l: not l.display_type)]
