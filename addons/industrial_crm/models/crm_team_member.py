from odoo import api, models


class CrmTeamMember(models.Model):
    """Membership of a direction's team decides what a manager sees: record rules
    cache it, so any change of it is applied at once."""

    _inherit = "crm.team.member"

    @api.model_create_multi
    def create(self, vals_list):
        members = super().create(vals_list)
        members._industrial_invalidate()
        return members

    def write(self, vals):
        res = super().write(vals)
        self._industrial_invalidate()
        return res

    def unlink(self):
        directions = self.crm_team_id.industrial_direction_ids
        res = super().unlink()
        if directions:
            self.env["industrial.direction"]._invalidate_user_directions()
        return res

    def _industrial_invalidate(self):
        if self.crm_team_id.industrial_direction_ids:
            self.env["industrial.direction"]._invalidate_user_directions()
