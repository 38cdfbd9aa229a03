from odoo import api, fields, models


class CrmLead(models.Model):
    _inherit = "crm.lead"

    industrial_call_count = fields.Integer(string="Calls", compute="_compute_industrial_call_count")

    @api.depends_context("uid")
    def _compute_industrial_call_count(self):
        counts = dict(self.env["industrial.call"]._read_group(
            [("lead_id", "in", self.ids)], ["lead_id"], ["__count"]
        ))
        for lead in self:
            lead.industrial_call_count = counts.get(lead, 0)

    def action_industrial_call(self):
        self.ensure_one()
        number = self.phone or self.mobile or self.partner_id.mobile or self.partner_id.phone
        return self.env["industrial.call"]._click_to_call(number)

    def action_view_industrial_calls(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("industrial_miko.action_industrial_call")
        action["domain"] = [("lead_id", "=", self.id)]
        return action
