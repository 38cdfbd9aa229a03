from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    industrial_director_id = fields.Many2one(
        "res.users",
        string="Director",
        help="Receives the second escalation of stalled leads; every member of "
        "the Director group when empty.",
    )
