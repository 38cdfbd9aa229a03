from odoo import fields, models


class ProductTemplate(models.Model):
    _inherit = "product.template"

    equipment_type_id = fields.Many2one(
        "industrial.equipment.type",
        string="Equipment Type",
        help="Sets whether deals selling this product go through certification.",
    )
