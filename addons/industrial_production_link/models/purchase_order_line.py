from odoo import api, fields, models


class PurchaseOrderLine(models.Model):
    _inherit = "purchase.order.line"

    industrial_sale_line_id = fields.Many2one(
        "sale.order.line", string="Customer Order Line", compute="_compute_industrial_sale_line_id",
        store=True, index="btree_not_null",
        help="Customer order line this purchase buys goods for (make to order).",
    )

    @api.depends("sale_line_id", "move_dest_ids.sale_line_id")
    def _compute_industrial_sale_line_id(self):
        for line in self:
            line.industrial_sale_line_id = line.sale_line_id or line.move_dest_ids.sale_line_id[:1]
