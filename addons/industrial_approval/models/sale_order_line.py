from odoo import api, fields, models

from .sale_order import APPROVAL_LEVELS


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    industrial_brand_id = fields.Many2one(related="product_id.industrial_brand_id", string="Brand")
    discount_approval_level = fields.Selection(
        APPROVAL_LEVELS,
        string="Discount Approved By",
        compute="_compute_discount_approval_level",
    )

    @api.depends("discount", "product_id.industrial_brand_id", "order_id.company_id")
    def _compute_discount_approval_level(self):
        for line in self:
            brand = line.product_id.industrial_brand_id
            if brand:
                line.discount_approval_level = brand._discount_level(line.discount)
            else:
                company = line.order_id.company_id or self.env.company
                line.discount_approval_level = company._industrial_discount_level(line.discount)

    @api.model_create_multi
    def create(self, vals_list):
        order_ids = {vals["order_id"] for vals in vals_list if vals.get("order_id")}
        self.env["sale.order"].browse(order_ids)._industrial_check_lines_editable()
        return super().create(vals_list)

    def write(self, vals):
        if {"discount", "product_id", "price_unit", "product_uom_qty"} & set(vals):
            self.order_id._industrial_check_lines_editable()
        return super().write(vals)

