from odoo import models


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

    def session_info(self):
        """The web client opens ``home_action_id`` when the URL names no action."""
        result = super().session_info()
        if result.get("uid") and not result.get("home_action_id"):
            result["home_action_id"] = self.env.user._get_industrial_home_action().id or False
        return result
