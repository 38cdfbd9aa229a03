from odoo import api, models


class ResUsers(models.Model):
    _inherit = "res.users"

    @api.model
    def _industrial_home_actions(self):
        """Marketers start their day on their segments rather than on the contacts."""
        return [
            (group, "industrial_marketing.action_industrial_marketing_segment"
             if group == "industrial_crm.group_marketer" else action)
            for group, action in super()._industrial_home_actions()
        ]
