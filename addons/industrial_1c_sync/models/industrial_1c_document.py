from odoo import fields, models


class Industrial1cDocument(models.Model):
    """A customer order, invoice, shipment (УПД) or payment read from 1C, shown on its deal."""

    _name = "industrial.1c.document"
    _description = "1C Document"
    _order = "date desc, id desc"

    connection_id = fields.Many2one("industrial.1c.connection", required=True, ondelete="cascade")
    kind = fields.Selection(
        [("order", "Customer Order"), ("invoice", "Invoice"), ("shipment", "Shipment (UPD)"), ("payment", "Payment")],
        required=True,
    )
    ref_key = fields.Char(string="1C Key", required=True, index=True)
    data_version = fields.Char()
    name = fields.Char(string="Number")
    date = fields.Datetime()
    amount = fields.Monetary(currency_field="currency_id")
    currency_id = fields.Many2one("res.currency", default=lambda self: self.env.company.currency_id)
    posted = fields.Boolean()
    deletion_mark = fields.Boolean(string="Marked for Deletion")
    settlement_key = fields.Char(
        string="Settlement Object Key", index="btree_not_null",
        help="ОбъектРасчетов_Key of a customer order: the payments of newer УТ 11 releases name it.")
    sale_order_id = fields.Many2one("sale.order", string="Sale Order", index="btree_not_null", ondelete="set null")
    order_key = fields.Char(string="Order 1C Key", index=True, help="Order a payment settles.")
    lead_id = fields.Many2one("crm.lead", string="Deal", index="btree_not_null", ondelete="set null")
    partner_id = fields.Many2one("res.partner", index="btree_not_null", ondelete="set null")

    _sql_constraints = [
        ("ref_key_uniq", "unique(connection_id, kind, ref_key)", "A 1C document is imported once."),
    ]
