from odoo import fields, models


class CrmTeam(models.Model):
    """A sales team that is a direction receives the direction's requests by email."""

    _inherit = "crm.team"

    industrial_direction_ids = fields.One2many(
        "industrial.direction", "team_id", string="Sales Direction",
        help="Set when this team is one of the company's sales directions.",
    )

    def write(self, vals):
        res = super().write(vals)
        if {"member_ids", "crm_team_member_ids", "user_id", "active"} & set(vals) and self.industrial_direction_ids:
            self.env["industrial.direction"]._invalidate_user_directions()
        return res

    def _alias_get_creation_values(self):
        """A direction's team alias turns an email into a request of the direction
        (sorted, acknowledged, then a lead), not straight into a lead."""
        values = super()._alias_get_creation_values()
        direction = self.industrial_direction_ids[:1] if self.id else self.env["industrial.direction"]
        if direction:
            values["alias_model_id"] = self.env["ir.model"]._get("industrial.request").id
            values["alias_defaults"] = {"direction_id": direction.id}
            values["alias_force_thread_id"] = False
        return values

    def _industrial_sync_alias(self):
        for team in self.filtered("industrial_direction_ids"):
            values = team._alias_get_creation_values()
            team.alias_id.sudo().write({
                "alias_model_id": values["alias_model_id"],
                "alias_defaults": repr(values["alias_defaults"]),
                "alias_force_thread_id": False,
            })
