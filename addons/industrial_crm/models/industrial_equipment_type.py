from odoo import fields, models


class IndustrialEquipmentType(models.Model):
    """Kind of equipment a customer may want; drives the certification stage."""

    _name = "industrial.equipment.type"
    _description = "Equipment Type"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    needs_certification = fields.Boolean(
        help="Equipment of this type must be certified by an external body "
        "before the deal may go on to service.",
    )
    direction_id = fields.Many2one(
        "industrial.direction", help="Direction that usually sells this equipment."
    )
    description = fields.Text(translate=True)

    _sql_constraints = [
        ("name_uniq", "unique(name)", "An equipment type with this name already exists."),
    ]
