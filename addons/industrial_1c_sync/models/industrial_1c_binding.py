from odoo import api, fields, models


class Industrial1cBinding(models.Model):
    """An Odoo record as one 1C object of one connection: its 1C key and the DataVersion last
    seen, so a run writes only what changed and notices a change made in 1C meanwhile
    (cf. OCA connector's ``external.binding`` and its ``Binder``).

    A company is bound to its Catalog_Контрагенты item; the Catalog_Партнеры item that item
    belongs to is kept beside it (``partner_ref_key``), as 1C links them."""

    _name = "industrial.1c.binding"
    _description = "1C Binding"
    _order = "id desc"

    connection_id = fields.Many2one("industrial.1c.connection", required=True, ondelete="cascade", index=True)
    entity = fields.Char(required=True, help="1C entity set, e.g. Catalog_Номенклатура.")
    ref_key = fields.Char(string="1C Key", index=True, copy=False)
    data_version = fields.Char(string="1C Data Version", copy=False)
    partner_id = fields.Many2one("res.partner", string="Company", index="btree_not_null", ondelete="cascade")
    partner_ref_key = fields.Char(
        string="1C Partner Key", copy=False, help="Ref_Key of the Catalog_Партнеры item of the counterparty.")
    partner_data_version = fields.Char(string="1C Partner Data Version", copy=False)
    product_id = fields.Many2one("product.product", index="btree_not_null", ondelete="cascade")
    sale_order_id = fields.Many2one("sale.order", string="Sale Order", index="btree_not_null", ondelete="cascade")
    name = fields.Char(string="1C Name or Number", copy=False)
    code = fields.Char(string="1C Code", copy=False)
    unit_name = fields.Char(string="1C Unit", copy=False)
    date = fields.Datetime(string="1C Date", copy=False)
    posted = fields.Boolean(string="Posted in 1C", copy=False)
    deletion_mark = fields.Boolean(string="Marked for Deletion in 1C", copy=False)
    settlement_key = fields.Char(
        string="Settlement Object Key", index="btree_not_null", copy=False,
        help="ОбъектРасчетов_Key of a 1C customer order: newer УТ 11 releases name it on payments.",
    )
    sent_digest = fields.Char(copy=False, help="Digest of what was last sent, so an unchanged record is not sent.")
    state = fields.Selection(
        [("synced", "In Sync"), ("blocked", "Blocked"), ("failed", "Failed")], default="synced", required=True,
    )
    message = fields.Text(copy=False)

    _sql_constraints = [
        ("ref_key_uniq", "unique(connection_id, entity, ref_key)", "A 1C object is bound once per connection."),
        ("partner_uniq", "unique(connection_id, partner_id)", "A company is bound once per connection."),
        ("product_uniq", "unique(connection_id, product_id)", "A product is bound once per connection."),
        ("order_uniq", "unique(connection_id, sale_order_id)", "A sale order is bound once per connection."),
    ]

    @api.model
    def _by_key(self, connection, entity, keys):
        """The bindings of 1C keys (``Binder.to_internal`` of OCA connector), in one query."""
        bindings = self.search([("connection_id", "=", connection.id), ("entity", "=", entity),
                                ("ref_key", "in", list(keys))])
        return {binding.ref_key: binding for binding in bindings}

    @api.model
    def _by_record(self, connection, field, records):
        """The bindings of Odoo records (``Binder.to_external``), in one query."""
        bindings = self.search([("connection_id", "=", connection.id), (field, "in", records.ids)])
        return {binding[field].id: binding for binding in bindings}
