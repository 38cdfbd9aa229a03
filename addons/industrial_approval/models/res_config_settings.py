from odoo import api, fields, models

COMPANY_FIELDS = (
    "industrial_discount_manager",
    "industrial_discount_head",
    "industrial_invoice_head_threshold",
    "industrial_invoice_director_threshold",
)


class ResConfigSettings(models.TransientModel):
    """The bands and amounts are written to the company together, so that
    raising both bounds at once is never refused half-way."""

    _inherit = "res.config.settings"

    industrial_discount_manager = fields.Float(
        string="Manager's Discount Without Brand (%)", digits="Discount",
    )
    industrial_discount_head = fields.Float(string="Head's Discount Without Brand (%)", digits="Discount")
    industrial_invoice_head_threshold = fields.Monetary(string="Invoice Amount for the Head")
    industrial_invoice_director_threshold = fields.Monetary(string="Invoice Amount for the Director")
    industrial_invoice_accountant_id = fields.Many2one(
        related="company_id.industrial_invoice_accountant_id", readonly=False,
    )

    @api.model
    def get_values(self):
        res = super().get_values()
        company = self.env.company
        res.update({name: company[name] for name in COMPANY_FIELDS})
        return res

    def set_values(self):
        super().set_values()
        values = {name: self[name] for name in COMPANY_FIELDS}
        company = self.company_id
        if any(company[name] != value for name, value in values.items()):
            company.write(values)
