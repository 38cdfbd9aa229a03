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

    @api.model
    def _industrial_home_actions(self):
        """``(group, action)`` xmlids, highest role first: where each role starts its day."""
        return [
            ("industrial_crm.group_director", "industrial_crm.crm_lead_action_all_pipelines"),
            ("industrial_crm.group_head", "industrial_crm.crm_lead_action_direction_pipeline"),
            ("industrial_crm.group_manager", "industrial_crm.crm_lead_action_my_deals"),
            ("industrial_crm.group_dispatcher", "industrial_crm.industrial_request_action_unsorted"),
            ("industrial_crm.group_marketer", "industrial_crm.res_partner_action_marketing"),
        ]

    def _get_industrial_home_action(self):
        """The action the user lands on after login: his own Home Action when one is
        set, else the work of his highest role (none for users without a role)."""
        self.ensure_one()
        if self.action_id:
            return self.action_id
        for group, action in self._industrial_home_actions():
            if self._has_group(group):
                home = self.env.ref(action, raise_if_not_found=False)
                if home:
                    return home
        return self.env["ir.actions.actions"]
