from odoo import api, fields, models


class IndustrialHolding(models.Model):
    """Group of companies under one management: linked once, shown on every member."""

    _name = "industrial.holding"
    _description = "Holding"
    _inherit = ["mail.thread"]
    _order = "name"

    name = fields.Char(required=True, tracking=True)
    member_ids = fields.One2many(
        "res.partner",
        "industrial_holding_id",
        string="Member Companies",
        domain=[("is_company", "=", True)],
    )
    member_count = fields.Integer(compute="_compute_won_amount")
    currency_id = fields.Many2one(
        "res.currency", default=lambda self: self.env.company.currency_id, required=True
    )
    won_amount = fields.Monetary(
        string="Won Amount",
        compute="_compute_won_amount",
        help="Total of the won deals of all member companies.",
    )

    @api.depends("member_ids.industrial_won_amount")
    def _compute_won_amount(self):
        for holding in self:
            holding.member_count = len(holding.member_ids)
            holding.won_amount = sum(holding.member_ids.mapped("industrial_won_amount"))
