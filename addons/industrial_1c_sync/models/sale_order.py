from odoo import api, fields, models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    onec_binding_ids = fields.One2many("industrial.1c.binding", "sale_order_id", string="1C Customer Orders")
    onec_number = fields.Char(string="1C Number", compute="_compute_onec_binding")
    onec_posted = fields.Boolean(string="Posted in 1C", compute="_compute_onec_binding")
    onec_state = fields.Selection(
        [("synced", "In Sync"), ("blocked", "Blocked"), ("failed", "Failed")], string="1C Exchange",
        compute="_compute_onec_binding")
    onec_message = fields.Text(string="1C Exchange Note", compute="_compute_onec_binding")

    @api.depends("onec_binding_ids.name", "onec_binding_ids.posted", "onec_binding_ids.state",
                 "onec_binding_ids.message")
    def _compute_onec_binding(self):
        for order in self:
            binding = order.onec_binding_ids[:1]
            order.onec_number = binding.name
            order.onec_posted = binding.posted
            order.onec_state = binding.state
            order.onec_message = binding.message
