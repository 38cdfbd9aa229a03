from odoo import models


class MrpWorkorder(models.Model):
    _inherit = "mrp.workorder"

    def write(self, vals):
        res = super().write(vals)
        if {"date_finished", "state"} & set(vals):
            self.production_id._industrial_notify_slips()
        return res
