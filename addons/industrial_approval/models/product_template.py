from odoo import fields, models


class ProductTemplate(models.Model):
    _inherit = "product.template"

    industrial_brand_id = fields.Many2one(
        "industrial.product.brand",
        string="Brand",
        index="btree_not_null",
        help="Decides the discount bands a quotation line of this product needs approval for.",
    )
