from odoo import fields, models


class IndustrialCommissioningCheckTemplate(models.Model):
    """A step every commissioning job goes through; copied onto each new job."""

    _name = "industrial.commissioning.check.template"
    _description = "Commissioning Checklist Step"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
