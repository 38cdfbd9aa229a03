from odoo import api, models


class ResUsers(models.Model):
    _inherit = "res.users"

    @api.model
    def _industrial_home_actions(self):
        """Engineers start their day on the calculations waiting for them."""
        return super()._industrial_home_actions() + [
            ("industrial_engineering.group_engineer", "industrial_engineering.industrial_calculation_action_my"),
        ]
