from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

JOB_DONE_STATE = "1_done"


class CrmLead(models.Model):
    _inherit = "crm.lead"

    industrial_calculation_ids = fields.One2many("industrial.calculation", "lead_id", string="Calculations")
    industrial_calculation_count = fields.Integer(
        string="Calculation Count", compute="_compute_industrial_calculation_count", compute_sudo=True,
        help="Counted for whoever reads the deal: a marketer reading deals opens no calculation.",
    )
    industrial_needs_commissioning = fields.Boolean(
        string="Needs Commissioning", compute="_compute_industrial_needs_commissioning", store=True,
        help="Some equipment of the deal is commissioned on site by our engineers.",
    )
    industrial_commissioning_task_ids = fields.One2many(
        "project.task", "industrial_lead_id", string="Commissioning Jobs",
    )
    industrial_commissioning_state = fields.Selection(
        [("none", "Not planned"), ("planned", "Planned"), ("done", "Done")],
        string="Commissioning", compute="_compute_industrial_commissioning_state", compute_sudo=True,
        help="The engineers' commissioning job: done once marked done with its report.",
    )
    industrial_at_commissioning_stage = fields.Boolean(
        string="At the Commissioning Stage", compute="_compute_industrial_at_commissioning_stage",
        help="The deal is at the stage whose rule wants the commissioning job done before it leaves.",
    )

    def _compute_industrial_calculation_count(self):
        counts = dict(self.env["industrial.calculation"]._read_group(
            [("lead_id", "in", self.ids)], ["lead_id"], ["__count"],
        ))
        for lead in self:
            lead.industrial_calculation_count = counts.get(lead, 0)

    @api.depends("equipment_type_ids.needs_commissioning")
    def _compute_industrial_needs_commissioning(self):
        for lead in self:
            lead.industrial_needs_commissioning = any(lead.equipment_type_ids.mapped("needs_commissioning"))

    @api.depends("industrial_commissioning_task_ids.state", "industrial_commissioning_task_ids.industrial_report_ids")
    def _compute_industrial_commissioning_state(self):
        for lead in self:
            jobs = lead.industrial_commissioning_task_ids
            if not jobs:
                lead.industrial_commissioning_state = "none"
            elif all(job._industrial_is_job_done() for job in jobs):
                lead.industrial_commissioning_state = "done"
            else:
                lead.industrial_commissioning_state = "planned"

    @api.depends("stage_code")
    def _compute_industrial_at_commissioning_stage(self):
        stage_code = self._industrial_commissioning_stage_code()
        for lead in self:
            lead.industrial_at_commissioning_stage = bool(stage_code) and lead.stage_code == stage_code

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        leads = super().create(vals_list)
        leads._industrial_plan_commissioning_on_stage()
        return leads

    def write(self, vals):
        res = super().write(vals)
        if "stage_id" in vals or "equipment_type_ids" in vals:
            self._industrial_plan_commissioning_on_stage()
        return res

    # ------------------------------------------------------------
    # STAGE RULES
    # ------------------------------------------------------------

    def _stage_requirement_commissioning_job(self, requirement):
        """Leaving Delivery and commissioning takes the engineers' job done with its report."""
        if not self.industrial_needs_commissioning:
            return []
        state = self.industrial_commissioning_state
        if state == "none":
            return [_("plan the commissioning job")]
        if state == "planned":
            return [_("the engineers have not finished the commissioning job with its report")]
        return []

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_request_calculation(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "industrial_engineering.industrial_calculation_action"
        )
        action.update(
            views=[(False, "form")],
            view_mode="form",
            target="current",
            context={"default_lead_id": self.id},
            name=_("Request a Calculation"),
        )
        return action

    def action_view_industrial_calculations(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "industrial_engineering.industrial_calculation_action"
        )
        action.update(domain=[("lead_id", "=", self.id)], context={"default_lead_id": self.id})
        if self.industrial_calculation_count == 1:
            action.update(views=[(False, "form")], view_mode="form", res_id=self.industrial_calculation_ids.id)
        return action

    def action_view_industrial_commissioning(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("project.action_view_all_task")
        jobs = self.industrial_commissioning_task_ids
        action.update(domain=[("id", "in", jobs.ids)], context={"create": False})
        if len(jobs) == 1:
            action.update(views=[(False, "form")], view_mode="form", res_id=jobs.id)
        return action

    def action_plan_commissioning(self):
        """Plans the job by hand, e.g. for a deal that was at the stage before the module."""
        if not self.env.user.has_group("industrial_crm.group_manager"):
            raise AccessError(_("Only sales staff plan a commissioning job for a deal."))
        for lead in self:
            if not lead.industrial_at_commissioning_stage:
                raise UserError(_(
                    "The deal %(deal)s is not at Delivery and commissioning.", deal=lead.name,
                ))
            if lead.sudo().industrial_commissioning_task_ids:
                raise UserError(_("The deal %(deal)s already has its commissioning job.", deal=lead.name))
            lead._industrial_plan_commissioning()

    # ------------------------------------------------------------
    # BUSINESS METHODS
    # ------------------------------------------------------------

    @api.model
    def _industrial_commissioning_stage_code(self):
        """The job is planned at the stage whose rule wants it done before the deal leaves."""
        return self.env["industrial.stage.requirement"]._get_stage_code(
            "industrial_engineering.stage_requirement_commissioning_job"
        )

    def _industrial_plan_commissioning_on_stage(self):
        leads = self.filtered("industrial_needs_commissioning")
        stage_code = leads and self._industrial_commissioning_stage_code()
        for lead in leads:
            if stage_code and lead.stage_code == stage_code and not lead.sudo().industrial_commissioning_task_ids:
                lead._industrial_plan_commissioning()

    def _industrial_plan_commissioning(self):
        """One job in the commissioning project: the engineers who calculated the deal,
        the customer's delivery address, the standard checklist."""
        self.ensure_one()
        task = self.env["project.task"].sudo().create(self._industrial_prepare_commissioning_values())
        self.message_post(
            body=Markup("<p>%s</p>") % _("Commissioning job planned: %(job)s.", job=task.name),
            subtype_xmlid="mail.mt_note",
        )
        return task

    def _industrial_prepare_commissioning_values(self):
        self.ensure_one()
        # named in the manager's language, whoever moved the deal (a scheduled 1C payment too)
        lead = self.with_context(lang=self.user_id.lang or self.env.lang)
        project = self.env.ref("industrial_engineering.project_commissioning").sudo()
        engineers = self.sudo().industrial_calculation_ids.engineer_id
        steps = lead.env["industrial.commissioning.check.template"].sudo().search([])
        return {
            "name": lead.env._("Commissioning: %(deal)s", deal=self.name),
            "project_id": project.id,
            "industrial_lead_id": self.id,
            "partner_id": self.partner_id.commercial_partner_id.id,
            "industrial_site_partner_id": self._industrial_site_partner().id,
            "user_ids": [(6, 0, engineers.ids)],
            "date_deadline": self.date_deadline,
            "company_id": project.company_id.id or self.company_id.id or self.env.company.id,
            "industrial_check_ids": [
                (0, 0, {"name": step.name, "sequence": step.sequence}) for step in steps
            ],
        }

    def _industrial_site_partner(self):
        """Where the equipment goes: the delivery address of the confirmed order,
        else the customer's delivery address."""
        self.ensure_one()
        order = self.sudo().order_ids.filtered(lambda o: o.state == "sale")[:1]
        if order.partner_shipping_id:
            return order.partner_shipping_id
        if not self.partner_id:
            return self.env["res.partner"]
        return self.env["res.partner"].browse(self.partner_id.address_get(["delivery"])["delivery"])
