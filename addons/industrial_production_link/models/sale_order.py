from odoo import api, fields, models


class SaleOrder(models.Model):
    _name = "sale.order"
    _inherit = ["sale.order", "industrial.readiness.aggregate.mixin"]

    industrial_readiness = fields.Float(
        help="Goods ready to ship plus the progress of their production, weighted by the value "
        "of their lines (untaxed amount), or by quantity when no line carries a price.",
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
