from odoo import api, fields, models


class IndustrialRequest(models.Model):
    _inherit = "industrial.request"

    call_ids = fields.One2many("industrial.call", "request_id", string="Calls")
    call_count = fields.Integer(compute="_compute_call_count")

    @api.depends_context("uid")
    def _compute_call_count(self):
        counts = dict(self.env["industrial.call"]._read_group(
            [("request_id", "in", self.ids)], ["request_id"], ["__count"]
        ))
        for request in self:
            request.call_count = counts.get(request, 0)

    def action_industrial_call(self):
        self.ensure_one()
        return self.env["industrial.call"]._click_to_call(
            self.phone or self.partner_id.mobile or self.partner_id.phone
        )

    def action_view_industrial_calls(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("industrial_miko.action_industrial_call")
        action["domain"] = [("request_id", "=", self.id)]
        return action
