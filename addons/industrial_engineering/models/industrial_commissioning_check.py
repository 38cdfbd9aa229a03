from odoo import fields, models


class IndustrialCommissioningCheck(models.Model):
    """A checklist step of one commissioning job, ticked by the engineers on site."""

    _name = "industrial.commissioning.check"
    _description = "Commissioning Checklist Item"
    _order = "task_id, sequence, id"

    task_id = fields.Many2one("project.task", string="Job", required=True, index=True, ondelete="cascade")
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Step", required=True)
    is_done = fields.Boolean(string="Done")
    note = fields.Char()
