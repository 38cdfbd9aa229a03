from odoo import models


class IndustrialRequest(models.Model):
    _name = "industrial.request"
    _inherit = ["industrial.request", "industrial.call.mixin"]
    _industrial_call_field = "request_id"

    def _industrial_call_number(self):
        return self.phone or self.partner_id.mobile or self.partner_id.phone
