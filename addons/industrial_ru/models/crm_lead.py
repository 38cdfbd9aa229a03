from odoo import fields, models


class CrmLead(models.Model):
    _inherit = "crm.lead"

    def _industrial_ru_act_values(self):
        """What the commissioning act shows: the parties, the place and the equipment with the serial
        numbers delivered to the customer (blank for the engineer to fill in when none is tracked)."""
        self.ensure_one()
        Doc = self.env["industrial.ru.document"]
        orders = self.order_ids.filtered(lambda o: o.state == "sale")
        rows = []
        for line in orders.order_line.filtered(lambda l: not l.display_type and l.product_id.type == "consu"):
            moves = line.move_ids.filtered(lambda m: m.state == "done")
            serials = moves.move_line_ids.lot_id.mapped("name")
            rows.append({
                "index": len(rows) + 1,
                "name": line.product_id.name,
                "qty_text": Doc._industrial_ru_fmt_qty(line.product_uom_qty),
                "uom": line.product_uom.name or "",
                "serials": ", ".join(serials),
            })
        customer = self.partner_id.commercial_partner_id
        site = orders[:1].partner_shipping_id or self.partner_id
        return {
            "company": self.company_id or self.env.company,
            "supplier": (self.company_id or self.env.company).partner_id,
            "customer": customer,
            "place": ", ".join(filter(None, [site.zip, site.city, site.street, site.street2])),
            "date_text": Doc._industrial_ru_fmt_date(fields.Date.context_today(self)),
            "orders": [(o.name, Doc._industrial_ru_fmt_date(o.date_order.date())) for o in orders],
            "lines": rows,
        }
