from odoo import api, fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    onec_partner_key = fields.Char(string="1C Partner Key", copy=False, index="btree_not_null")
    onec_counterparty_key = fields.Char(string="1C Counterparty Key", copy=False, index="btree_not_null")
    onec_partner_version = fields.Char(string="1C Partner Version", copy=False)
    onec_counterparty_version = fields.Char(string="1C Counterparty Version", copy=False)
    onec_dirty = fields.Boolean(
        string="To Send to 1C", compute="_compute_onec_dirty", store=True, readonly=False, copy=False,
        help="Set when a field 1C keeps changed since the last exchange.",
    )

    @api.depends("name", "vat", "email", "phone", "industrial_customer_status")
    def _compute_onec_dirty(self):
        for partner in self:
            partner.onec_dirty = True
