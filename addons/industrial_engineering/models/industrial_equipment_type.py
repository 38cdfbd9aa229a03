from odoo import fields, models


class IndustrialEquipmentType(models.Model):
    _inherit = "industrial.equipment.type"

    needs_commissioning = fields.Boolean(
        help="Equipment of this type is installed and started by our engineers on the "
        "customer's site: the deal plans a commissioning job and leaves Delivery and "
        "commissioning only once the job is done with its report.",
    )
