from odoo import fields, models


class ProductTemplate(models.Model):
    _inherit = "product.template"

    equipment_type_id = fields.Many2one(
        "industrial.equipment.type",
        string="Equipment Type",
        help="A deal whose order holds this product goes through certification when the type requires it.",
    )
