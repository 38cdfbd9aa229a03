from odoo import api, fields, models


class IndustrialDirection(models.Model):
    """A sales department: routing target of requests, leads and deals."""

    _name = "industrial.direction"
    _description = "Sales Direction"
    _inherit = ["mail.alias.mixin", "mail.thread"]
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True, tracking=True)
    code = fields.Char(
        required=True,
        tracking=True,
        help="Short code used by integrators (XML-RPC) and in reports.",
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    team_id = fields.Many2one(
        "crm.team",
        string="Sales Team",
        required=True,
        ondelete="restrict",
        help="Odoo sales team whose pipeline carries this direction's deals.",
    )
    head_id = fields.Many2one(
        "res.users",
        string="Head",
        tracking=True,
        domain="[('share', '=', False)]",
        help="Receives new requests of the direction and assigns managers.",
    )
    member_ids = fields.Many2many(
        "res.users",
        "industrial_direction_member_rel",
        "direction_id",
        "user_id",
        string="Managers",
        domain="[('share', '=', False)]",
    )
    request_ids = fields.One2many("industrial.request", "direction_id")
    request_count = fields.Integer(compute="_compute_counts")
    lead_count = fields.Integer(compute="_compute_counts")
    color = fields.Integer()

    _sql_constraints = [
        ("code_company_uniq", "unique(code, company_id)", "The direction code must be unique."),
    ]

    def _compute_counts(self):
        request_data = dict(
            self.env["industrial.request"]._read_group(
                [("direction_id", "in", self.ids)], ["direction_id"], ["__count"]
            )
        )
        lead_data = dict(
            self.env["crm.lead"]._read_group(
                [("direction_id", "in", self.ids)], ["direction_id"], ["__count"]
            )
        )
        for direction in self:
            direction.request_count = request_data.get(direction, 0)
            direction.lead_count = lead_data.get(direction, 0)

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        directions = super().create(vals_list)
        self._invalidate_user_directions()
        return directions

    def write(self, vals):
        res = super().write(vals)
        if {"member_ids", "head_id", "active"} & set(vals):
            self._invalidate_user_directions()
        return res

    def _invalidate_user_directions(self):
        """Record rules read the users' directions: drop both caches of them."""
        self.env["res.users"].invalidate_model(["industrial_direction_ids", "industrial_restricted"])
        self.env.registry.clear_cache()

    # ------------------------------------------------------------
    # MAIL ALIAS
    # ------------------------------------------------------------

    def _alias_get_creation_values(self):
        values = super()._alias_get_creation_values()
        values["alias_model_id"] = self.env["ir.model"]._get("industrial.request").id
        if self.id:
            values["alias_defaults"] = repr({"direction_id": self.id})
            values["alias_force_thread_id"] = False
        return values

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_view_requests(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "industrial_crm.industrial_request_action"
        )
        action["domain"] = [("direction_id", "=", self.id)]
        action["context"] = {"default_direction_id": self.id}
        return action

    def action_view_leads(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm.crm_lead_all_leads"
        )
        action["domain"] = [("direction_id", "=", self.id)]
        action["context"] = {"default_direction_id": self.id, "active_test": True}
        return action
