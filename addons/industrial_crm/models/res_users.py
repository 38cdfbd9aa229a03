from odoo import api, fields, models


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
        directions = self.env["industrial.direction"].sudo().search(
            ["|", ("member_ids", "in", self.ids), ("head_id", "in", self.ids)]
        )
        for user in self:
            user.industrial_direction_ids = directions.filtered(
                lambda d: user in d.member_ids or d.head_id == user
            )
            user.industrial_restricted = user._has_group(
                "industrial_crm.group_manager"
            ) and not (
                user._has_group("industrial_crm.group_director")
                or user._has_group("industrial_crm.group_dispatcher")
                or user._has_group("base.group_system")
            )

    @api.model
    def _industrial_admin_lang(self):
        """Language of the texts a scheduled job writes for the administrator (sync errors, logs).
        A cron runs without a language in its context, which would leave them in English."""
        admin = self.env.ref("base.user_admin", raise_if_not_found=False)
        return self.env.lang or (admin and admin.sudo().lang) or None
