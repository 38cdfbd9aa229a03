from odoo import api, fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    industrial_call_count = fields.Integer(string="Calls", compute="_compute_industrial_call_count")

    @api.depends_context("uid")
    def _compute_industrial_call_count(self):
        counts = dict(self.env["industrial.call"]._read_group(
            [("partner_id", "in", self.ids)], ["partner_id"], ["__count"]
        ))
        for partner in self:
            partner.industrial_call_count = counts.get(partner, 0)

    def action_industrial_call(self):
        self.ensure_one()
        return self.env["industrial.call"]._click_to_call(self.mobile or self.phone)

    def action_view_industrial_calls(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("industrial_miko.action_industrial_call")
        action["domain"] = [("partner_id", "=", self.id)]
        return action
