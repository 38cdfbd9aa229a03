from odoo import api, fields, models


class IndustrialDirection(models.Model):
    """A sales department: routing target of requests, leads and deals.

    A direction *is* an Odoo sales team (``_inherits``): its name, managers
    (the team's members), head (the team leader), company and email alias live
    on the ``crm.team`` record, so the CRM pipeline, the salesperson's team and
    the direction can never disagree. The direction adds what Odoo's team lacks:
    the integrators' code and the routing of requests.
    """

    _name = "industrial.direction"
    _description = "Sales Direction"
    _inherit = ["mail.thread"]
    _inherits = {"crm.team": "team_id"}
    _order = "sequence, id"

    team_id = fields.Many2one(
        "crm.team",
        string="CRM Team",
        required=True,
        ondelete="restrict",
        auto_join=True,
        index=True,
        help="The Odoo sales team this direction is: its pipeline, members, leader and email alias.",
    )
    code = fields.Char(
        required=True,
        tracking=True,
        help="Short code used by integrators (XML-RPC) and in reports.",
    )
    company_id = fields.Many2one(related="team_id.company_id", store=True, readonly=False)
    head_id = fields.Many2one(
        related="team_id.user_id",
        readonly=False,
        string="Head",
        help="Receives new requests of the direction and assigns managers (the sales team's leader).",
    )
    request_ids = fields.One2many("industrial.request", "direction_id")
    request_count = fields.Integer(compute="_compute_counts")
    lead_count = fields.Integer(compute="_compute_counts")

    _sql_constraints = [
        ("code_company_uniq", "unique(code, company_id)", "The direction code must be unique."),
        ("team_uniq", "unique(team_id)", "A sales team can be only one direction."),
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
        for vals in vals_list:
            vals.setdefault("use_leads", True)
            vals.setdefault("use_opportunities", True)
        directions = super().create(vals_list)
        directions.team_id._industrial_sync_alias()
        self._invalidate_user_directions()
        return directions

    def write(self, vals):
        res = super().write(vals)
        if {"member_ids", "head_id", "user_id", "active", "team_id"} & set(vals):
            self._invalidate_user_directions()
        return res

    @api.model
    def _invalidate_user_directions(self):
        """Record rules read the users' directions: drop both caches of them."""
        self.env["res.users"].invalidate_model(["industrial_direction_ids", "industrial_restricted"])
        self.env.registry.clear_cache()

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
