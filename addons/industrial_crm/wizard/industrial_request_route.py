from odoo import api, fields, models


class IndustrialRequestRoute(models.TransientModel):
    """Collects the direction a dispatcher sends requests to."""

    _name = "industrial.request.route"
    _description = "Send Requests to a Direction"

    request_ids = fields.Many2many("industrial.request", string="Requests", required=True)
    direction_id = fields.Many2one("industrial.direction", string="Direction", required=True)

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        if self.env.context.get("active_model") == "industrial.request":
            values["request_ids"] = [(6, 0, self.env.context.get("active_ids", []))]
        return values

    def action_route(self):
        self.ensure_one()
        self.request_ids.write({"direction_id": self.direction_id.id})
        return {"type": "ir.actions.act_window_close"}
