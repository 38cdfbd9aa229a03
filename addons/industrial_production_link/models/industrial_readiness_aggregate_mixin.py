from odoo import fields, models


class IndustrialReadinessAggregateMixin(models.AbstractModel):
    """Readiness of a set of order lines (an order, a deal): besides the readiness weighted
    by value, the one weighted by quantity. Not on a line, whose readiness is already a
    share of its quantity. ``_industrial_aggregate`` of the lines computes both."""

    _name = "industrial.readiness.aggregate.mixin"
    _inherit = ["industrial.readiness.mixin"]
    _description = "Readiness of Orders and Deals"

    industrial_readiness_qty = fields.Float(
        string="Readiness by Quantity (%)", compute="_compute_industrial_readiness", store=True,
        help="Goods ready to ship plus the progress of their production, over the confirmed orders, "
        "weighted by the ordered quantity: every unit counts alike, whatever its price.",
    )
