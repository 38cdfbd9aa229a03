from odoo import api, fields, models


class CrmLead(models.Model):
    _inherit = "crm.lead"

    discount_approval_state = fields.Selection(
        [
            ("none", "Not needed"),
            ("pending", "Waiting for approval"),
            ("approved", "Approved"),
            ("rejected", "Refused"),
        ],
        string="Discount Approval",
        compute="_compute_discount_approval_state",
        groups="sales_team.group_sale_salesman",
        help="Where the discount approval of the deal's open quotations stands.",
    )

    @api.depends("order_ids.validation_status", "order_ids.state")
    def _compute_discount_approval_state(self):
        """The least advanced approval of the deal's open quotations."""
        for lead in self:
            states = set(lead.order_ids.filtered(
                lambda o: o.state in ("draft", "sent")
            ).mapped("discount_approval_state"))
            lead.discount_approval_state = next(
                (state for state in ("rejected", "pending", "approved") if state in states), "none",
            )
