from odoo import api, fields, models


class IndustrialCallMixin(models.AbstractModel):
    """The calls of a contact, a lead or a request: their count, the list and
    click-to-call, written once for the three."""

    _name = "industrial.call.mixin"
    _description = "Record with Phone Calls"
    # the field of industrial.call that points at the record
    _industrial_call_field = None

    industrial_call_count = fields.Integer(string="Calls", compute="_compute_industrial_call_count")

    @api.depends_context("uid")
    def _compute_industrial_call_count(self):
        counts = dict(self.env["industrial.call"]._read_group(
            [(self._industrial_call_field, "in", self.ids)], [self._industrial_call_field], ["__count"]
        ))
        for record in self:
            record.industrial_call_count = counts.get(record, 0)

    def _industrial_call_number(self):
        """The number click-to-call dials for this record."""
        raise NotImplementedError()

    def action_industrial_call(self):
        self.ensure_one()
        return self.env["industrial.call"]._click_to_call(self._industrial_call_number())

    def action_view_industrial_calls(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("industrial_miko.action_industrial_call")
        action["domain"] = [(self._industrial_call_field, "=", self.id)]
        return action
