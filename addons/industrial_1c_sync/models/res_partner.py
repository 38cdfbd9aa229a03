from odoo import api, fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    onec_binding_ids = fields.One2many("industrial.1c.binding", "partner_id", string="1C Counterparties")
    onec_counterparty_key = fields.Char(
        string="1C Counterparty Key", compute="_compute_onec_keys", search="_search_onec_counterparty_key")
    onec_partner_key = fields.Char(string="1C Partner Key", compute="_compute_onec_keys")
    onec_dirty = fields.Boolean(
        string="To Send to 1C", compute="_compute_onec_dirty", store=True, readonly=False, copy=False,
        help="Set when a field 1C keeps changed since the last exchange.",
    )

    @api.depends("onec_binding_ids.ref_key", "onec_binding_ids.partner_ref_key")
    def _compute_onec_keys(self):
        """The keys in the first connection's 1C, for the form and for search."""
        for partner in self:
            binding = partner.sudo().onec_binding_ids.sorted("connection_id")[:1]
            partner.onec_counterparty_key = binding.ref_key
            partner.onec_partner_key = binding.partner_ref_key

    def _search_onec_counterparty_key(self, operator, value):
        if value is False and operator in ("=", "!="):
            return [("onec_binding_ids", "any" if operator == "!=" else "not any", [("ref_key", "!=", False)])]
        return [("onec_binding_ids", "any", [("ref_key", operator, value)])]

    @api.depends("name", "vat", "email", "phone", "industrial_customer_status")
    def _compute_onec_dirty(self):
        for partner in self:
            partner.onec_dirty = True
