from odoo import models


class ResPartner(models.Model):
    _name = "res.partner"
    _inherit = ["res.partner", "industrial.call.mixin"]
    _industrial_call_field = "partner_id"

    def _industrial_call_number(self):
        return self.mobile or self.phone
