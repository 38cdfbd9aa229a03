from datetime import timedelta

from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools.misc import format_date

CALCULATION_STATES = [
    ("requested", "Requested"),
    ("in_progress", "In Progress"),
    ("returned", "Returned for Details"),
    ("done", "Done"),
]


class IndustrialCalculation(models.Model):
    """A manager's request to the engineers for a technical calculation of a deal."""

    _name = "industrial.calculation"
    _description = "Technical Calculation"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_request desc, id desc"

    name = fields.Char(
        string="Number", required=True, readonly=True, copy=False, default=lambda self: _("New"),
    )
    lead_id = fields.Many2one(
        "crm.lead", string="Deal", required=True, index=True, ondelete="cascade", tracking=True,
        domain=[("type", "=", "opportunity")],
    )
    partner_id = fields.Many2one(related="lead_id.partner_id", string="Customer")
    direction_id = fields.Many2one(related="lead_id.direction_id", store=True, index=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company,
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    user_id = fields.Many2one(
        "res.users", string="Requested By", required=True, index=True, tracking=True,
        default=lambda self: self.env.user,
        help="The manager who asked for the calculation; he is told when it comes back.",
    )
    engineer_id = fields.Many2one(
        "res.users", string="Engineer", required=True, index=True, tracking=True,
        domain=lambda self: [("groups_id", "in", self.env.ref("industrial_engineering.group_engineer").ids)],
    )
    requirements = fields.Html(required=True, help="What the customer needs: duty, medium, vacuum, sizes.")
    attachment_ids = fields.Many2many(
        "ir.attachment", "industrial_calculation_attachment_rel", "calculation_id", "attachment_id",
        string="Attachments", help="Drawings, questionnaires, the customer's specification.",
    )
    date_request = fields.Datetime(
        string="Requested On", required=True, readonly=True, copy=False, default=fields.Datetime.now,
    )
    date_due = fields.Date(
        string="Due Date", required=True, tracking=True,
        default=lambda self: fields.Date.context_today(self) + timedelta(days=5),
    )
    date_done = fields.Datetime(string="Done On", readonly=True, copy=False)
    duration_days = fields.Float(
        string="Days to Done", compute="_compute_duration_days", store=True, aggregator="avg",
        help="Days from the request to the done calculation.",
    )
    state = fields.Selection(
        CALCULATION_STATES, required=True, default="requested", readonly=True, copy=False,
        tracking=True, index=True,
    )
    details_needed = fields.Text(
        string="Details Needed", tracking=True,
        help="What the engineer misses to calculate; filled before returning the request.",
    )
    is_overdue = fields.Boolean(
        compute="_compute_is_overdue", search="_search_is_overdue",
        help="Not done and past its due date.",
    )
    sla_reminded_date = fields.Date(
        readonly=True, copy=False,
        help="Due date the engineer was last reminded of; a new due date is reminded again.",
    )
    variant_ids = fields.One2many("industrial.calculation.variant", "calculation_id", string="Variants")
    variant_count = fields.Integer(compute="_compute_variant_count")
    chosen_variant_id = fields.Many2one(
        "industrial.calculation.variant", string="Chosen Variant", readonly=True, copy=False, tracking=True,
    )
    order_id = fields.Many2one("sale.order", string="Quotation", readonly=True, copy=False)

    @api.depends("date_request", "date_done")
    def _compute_duration_days(self):
        for calculation in self:
            if calculation.date_done and calculation.date_request:
                delta = calculation.date_done - calculation.date_request
                calculation.duration_days = round(delta.total_seconds() / 86400, 2)
            else:
                calculation.duration_days = 0.0

    @api.depends("state", "date_due")
    def _compute_is_overdue(self):
        today = fields.Date.context_today(self)
        for calculation in self:
            calculation.is_overdue = calculation.state != "done" and calculation.date_due < today

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Unsupported search on overdue calculations."))
        domain = [("state", "!=", "done"), ("date_due", "<", fields.Date.context_today(self))]
        return domain if (operator == "=") == value else ["!", *domain]

    def _compute_variant_count(self):
        counts = dict(self.env["industrial.calculation.variant"]._read_group(
            [("calculation_id", "in", self.ids)], ["calculation_id"], ["__count"],
        ))
        for calculation in self:
            calculation.variant_count = counts.get(calculation, 0)

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", _("New")) == _("New"):
                vals["name"] = self.env["ir.sequence"].next_by_code("industrial.calculation") or _("New")
        calculations = super().create(vals_list)
        for calculation in calculations:
            calculation._check_deal()
            if calculation.state == "requested":
                calculation._notify_engineer()
        return calculations

    def write(self, vals):
        if {"state", "date_done"} & set(vals) and not self.env.context.get("industrial_calculation_flow"):
            raise UserError(_("The status of a calculation changes only through its buttons."))
        res = super().write(vals)
        if "engineer_id" in vals:
            for calculation in self.filtered(lambda c: c.state in ("requested", "in_progress")):
                calculation.activity_unlink(["industrial_engineering.mail_act_calculation_request"])
                calculation._notify_engineer()
        return res

    def _check_variants_editable(self):
        for calculation in self:
            if calculation.state == "done":
                raise UserError(_(
                    "The calculation %(name)s is done: its variants can no longer be changed.",
                    name=calculation.name,
                ))

    def _check_deal(self):
        if self.lead_id.type != "opportunity":
            raise UserError(_("A technical calculation is requested for a deal, not for a lead."))

    # ------------------------------------------------------------
    # STATUS FLOW
    # ------------------------------------------------------------

    def _check_state(self, allowed, action):
        for calculation in self:
            if calculation.state not in allowed:
                state = dict(self._fields["state"]._description_selection(self.env))[calculation.state]
                raise UserError(_(
                    "The calculation %(name)s cannot be %(action)s: it is %(state)s.",
                    name=calculation.name, action=action, state=state,
                ))

    def _check_is_engineer(self):
        if self.env.su or self.env.user.has_group("industrial_crm.group_director"):
            return
        for calculation in self:
            if calculation.engineer_id != self.env.user:
                raise AccessError(_(
                    "Only %(engineer)s, the engineer of the calculation %(name)s, may do this.",
                    engineer=calculation.engineer_id.name, name=calculation.name,
                ))

    def action_start(self):
        self._check_is_engineer()
        self._check_state(("requested",), _("started"))
        self.with_context(industrial_calculation_flow=True).write({"state": "in_progress"})

    def action_return(self):
        """The engineer lacks something: the manager is asked for the details."""
        self._check_is_engineer()
        self._check_state(("requested", "in_progress"), _("returned for details"))
        for calculation in self:
            if not (calculation.details_needed or "").strip():
                raise UserError(_("Say which details are missing before returning the calculation."))
        self.with_context(industrial_calculation_flow=True).write({"state": "returned"})
        for calculation in self:
            calculation.activity_feedback(["industrial_engineering.mail_act_calculation_request"])
            calculation._notify_manager(
                "industrial_engineering.mail_act_calculation_returned",
                _("Details needed: %(details)s", details=calculation.details_needed),
            )

    def action_resubmit(self):
        """The manager has added the details: back to the engineer."""
        if not self.env.user.has_group("industrial_crm.group_manager"):
            raise AccessError(_("Only sales managers send a calculation back to the engineers."))
        self._check_state(("returned",), _("sent back to the engineer"))
        self.with_context(industrial_calculation_flow=True).write({"state": "requested"})
        for calculation in self:
            calculation.activity_feedback(["industrial_engineering.mail_act_calculation_returned"])
            calculation._notify_engineer()

    def action_done(self):
        self._check_is_engineer()
        self._check_state(("in_progress",), _("finished"))
        for calculation in self:
            if not calculation.variant_ids:
                raise UserError(_("Add at least one variant before finishing the calculation %(name)s.",
                                  name=calculation.name))
            for variant in calculation.variant_ids:
                if not variant.line_ids or variant.price <= 0:
                    raise UserError(_(
                        "The variant %(variant)s needs its lines and a proposed price before the "
                        "calculation is finished.", variant=variant.name,
                    ))
        self.with_context(industrial_calculation_flow=True).write(
            {"state": "done", "date_done": fields.Datetime.now()}
        )
        for calculation in self:
            calculation.activity_feedback([
                "industrial_engineering.mail_act_calculation_request",
                "industrial_engineering.mail_act_calculation_overdue",
            ])
            calculation._notify_manager(
                "industrial_engineering.mail_act_calculation_done",
                _("%(count)s variant(s) ready to compare.", count=len(calculation.variant_ids)),
            )

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_view_variants(self):
        """The variants side by side: cost, price, margin and lead time."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "industrial_engineering.industrial_calculation_variant_action"
        )
        action.update(
            domain=[("calculation_id", "=", self.id)],
            context={"default_calculation_id": self.id},
            name=_("Variants of %(name)s", name=self.name),
        )
        return action

    # ------------------------------------------------------------
    # BUSINESS METHODS
    # ------------------------------------------------------------

    def _notify_engineer(self):
        self.ensure_one()
        self.sudo().activity_schedule(
            "industrial_engineering.mail_act_calculation_request",
            date_deadline=self.date_due,
            user_id=self.engineer_id.id,
            note=_("Deal: %(deal)s", deal=self.lead_id.name),
        )

    def _notify_manager(self, activity_xmlid, note):
        self.ensure_one()
        self.sudo().activity_schedule(activity_xmlid, user_id=self.user_id.id, note=note)
        self.message_post(
            body=Markup("<p>%s</p>") % note,
            partner_ids=self.user_id.partner_id.ids,
            subtype_xmlid="mail.mt_note",
        )

    @api.model
    def _cron_remind_overdue(self):
        """Reminds the engineer once per due date he let pass."""
        today = fields.Date.context_today(self)
        overdue = self.search([
            ("state", "in", ("requested", "in_progress")),
            ("date_due", "<", today),
        ])
        for calculation in overdue.filtered(lambda c: c.sla_reminded_date != c.date_due):
            calculation.with_context(lang=calculation.engineer_id.lang)._remind_overdue()

    def _remind_overdue(self):
        self.ensure_one()
        self.activity_schedule(
            "industrial_engineering.mail_act_calculation_overdue",
            user_id=self.engineer_id.id,
            note=_("The calculation %(name)s for %(deal)s was due on %(date)s.",
                   name=self.name, deal=self.lead_id.name, date=format_date(self.env, self.date_due)),
        )
        self.sla_reminded_date = self.date_due
