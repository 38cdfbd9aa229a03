from odoo import api, fields, models


class IndustrialCalculationVariantLine(models.Model):
    """A product or a component of a variant, with its cost."""

    _name = "industrial.calculation.variant.line"
    _description = "Calculation Variant Line"
    _order = "variant_id, sequence, id"

    variant_id = fields.Many2one(
        "industrial.calculation.variant", required=True, index=True, ondelete="cascade",
    )
    sequence = fields.Integer(default=10)
    product_id = fields.Many2one(
        "product.product", string="Product", domain=[("sale_ok", "=", True)],
        help="Leave empty for a component made or bought for this variant only.",
    )
    name = fields.Char(
        string="Component", compute="_compute_name", store=True, readonly=False, required=True, precompute=True,
    )
    quantity = fields.Float(default=1.0, digits="Product Unit of Measure", required=True)
    unit_cost = fields.Monetary(
        string="Unit Cost", compute="_compute_unit_cost", store=True, readonly=False, precompute=True,
    )
    subtotal = fields.Monetary(string="Cost", compute="_compute_subtotal", store=True)
    currency_id = fields.Many2one(related="variant_id.currency_id")

    @api.depends("product_id")
    def _compute_name(self):
        for line in self:
            line.name = line.product_id.display_name if line.product_id else line.name

    @api.depends("product_id")
    def _compute_unit_cost(self):
        for line in self:
            line.unit_cost = line.product_id.standard_price if line.product_id else line.unit_cost

    @api.depends("quantity", "unit_cost")
    def _compute_subtotal(self):
        for line in self:
            line.subtotal = line.quantity * line.unit_cost

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines.variant_id.calculation_id._check_variants_editable()
        return lines

    def write(self, vals):
        self.variant_id.calculation_id._check_variants_editable()
        return super().write(vals)

    def unlink(self):
        self.variant_id.calculation_id._check_variants_editable()
        return super().unlink()
