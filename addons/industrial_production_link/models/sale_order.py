from odoo import api, fields, models

from .sale_order_line import COVERAGE


class SaleOrder(models.Model):
    _inherit = "sale.order"

    industrial_coverage = fields.Selection(
        COVERAGE, string="Coverage", compute="_compute_industrial_readiness", store=True,
    )
    industrial_readiness = fields.Float(
        string="Readiness (%)", compute="_compute_industrial_readiness", store=True,
        help="Goods ready to ship plus the progress of their production, weighted by the value "
        "of their lines (untaxed amount), or by quantity when no line carries a price.",
    )
    industrial_readiness_qty = fields.Float(
        string="Readiness by Quantity (%)", compute="_compute_industrial_readiness", store=True,
        help="Goods ready to ship plus the progress of their production, weighted by the ordered "
        "quantity: every unit counts alike, whatever its price.",
    )
    industrial_date_planned = fields.Datetime(
        string="Planned Completion", compute="_compute_industrial_readiness", store=True,
    )
    industrial_date_expected = fields.Datetime(
        string="Expected Completion", compute="_compute_industrial_readiness", store=True,
    )
    industrial_is_late = fields.Boolean(
        string="Production Late", compute="_compute_industrial_readiness", store=True,
    )
    industrial_goods_available = fields.Boolean(
        string="Goods Available", compute="_compute_industrial_readiness", store=True,
    )

    @api.depends(
        "order_line.industrial_coverage", "order_line.industrial_readiness",
        "order_line.industrial_date_planned", "order_line.industrial_date_expected",
        "order_line.industrial_is_late", "order_line.industrial_goods_available",
        "order_line.product_uom_qty", "order_line.price_subtotal",
    )
    def _compute_industrial_readiness(self):
        for order in self:
            order.update(order.order_line._industrial_aggregate())
