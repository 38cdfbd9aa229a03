from odoo import fields, models


class ResUsers(models.Model):
    _inherit = "res.users"

    industrial_direction_ids = fields.Many2many(
        "industrial.direction",
        string="Sales Directions",
        compute="_compute_industrial_direction_ids",
        compute_sudo=True,
        help="Directions the user manages or heads; record rules read it.",
    )
    industrial_restricted = fields.Boolean(
        compute="_compute_industrial_direction_ids",
        compute_sudo=True,
        help="The user sees only the leads and deals of his own directions.",
    )

    def _compute_industrial_direction_ids(self):
        Direction = self.env["industrial.direction"].sudo()
        for user in self:
            user.industrial_direction_ids = Direction.search(
                ["|", ("member_ids", "in", user.id), ("head_id", "=", user.id)]
            )
            user.industrial_restricted = user._has_group(
                "industrial_crm.group_manager"
            ) and not (
                user._has_group("industrial_crm.group_director")
                or user._has_group("industrial_crm.group_dispatcher")
                or user._has_group("base.group_system")
            )
