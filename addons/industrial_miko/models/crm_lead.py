from odoo import models


class CrmLead(models.Model):
    _name = "crm.lead"
    _inherit = ["crm.lead", "industrial.call.mixin"]
    _industrial_call_field = "lead_id"

    def _industrial_call_number(self):
        return self.phone or self.mobile or self.partner_id.mobile or self.partner_id.phone
