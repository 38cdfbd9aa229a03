from odoo import fields, models

from .sale_order import APPROVAL_LEVELS


class IndustrialDiscountApproval(models.Model):
    """Registry of approved discounts: one row per quotation line above the
    manager's band, written when its approval completes; never edited."""

    _name = "industrial.discount.approval"
    _description = "Approved Discount"
    _order = "date desc, id desc"
    _rec_name = "order_id"

    order_id = fields.Many2one("sale.order", string="Quotation", required=True, ondelete="cascade", index=True)
    order_line_id = fields.Many2one("sale.order.line", string="Order Line", ondelete="set null")
    partner_id = fields.Many2one(related="order_id.partner_id", string="Customer", store=True)
    lead_id = fields.Many2one(related="order_id.opportunity_id", string="Deal", store=True)
    team_id = fields.Many2one(related="order_id.team_id", string="Direction", store=True)
    user_id = fields.Many2one(related="order_id.user_id", string="Salesperson", store=True)
    company_id = fields.Many2one(related="order_id.company_id", store=True)
    currency_id = fields.Many2one(related="order_id.currency_id")
    product_id = fields.Many2one("product.product", string="Product", required=True)
    brand_id = fields.Many2one("industrial.product.brand", string="Brand")
    discount = fields.Float(string="Discount (%)", digits="Discount", aggregator="max")
    level = fields.Selection(APPROVAL_LEVELS, string="Approved At")
    approver_id = fields.Many2one("res.users", string="Approver")
    date = fields.Datetime(string="Approval Date", required=True)
    comment = fields.Char()
    amount_untaxed = fields.Monetary(related="order_line_id.price_subtotal", string="Line Amount")
