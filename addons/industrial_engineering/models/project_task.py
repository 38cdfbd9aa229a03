from odoo import _, api, fields, models
from odoo.exceptions import UserError

from .crm_lead import JOB_DONE_STATE


class ProjectTask(models.Model):
    _inherit = "project.task"

    industrial_lead_id = fields.Many2one(
        "crm.lead", string="Deal", index="btree_not_null", ondelete="restrict", copy=False,
        help="The deal this commissioning job belongs to.",
    )
    industrial_site_partner_id = fields.Many2one(
        "res.partner", string="Site", help="Where the equipment is installed: the customer's delivery address.",
    )
    industrial_site_address = fields.Char(
        string="Site Address", compute="_compute_industrial_site_address",
    )
    industrial_date_start = fields.Datetime(string="Planned Start")
    industrial_check_ids = fields.One2many("industrial.commissioning.check", "task_id", string="Checklist")
    industrial_check_progress = fields.Float(
        string="Checklist Progress", compute="_compute_industrial_check_progress",
    )
    industrial_report_ids = fields.Many2many(
        "ir.attachment", "industrial_task_report_rel", "task_id", "attachment_id",
        string="Job Report", help="The engineers' commissioning report (and the protocol of the start-up).",
    )
    industrial_report_note = fields.Html(string="Report Notes")

    @api.depends("industrial_site_partner_id")
    def _compute_industrial_site_address(self):
        for task in self:
            partner = task.industrial_site_partner_id
            lines = partner._display_address(without_company=True).splitlines() if partner else []
            task.industrial_site_address = ", ".join(
                " ".join(line.split()) for line in lines if line.strip()
            ) or False

    @api.depends("industrial_check_ids.is_done")
    def _compute_industrial_check_progress(self):
        for task in self:
            checks = task.industrial_check_ids
            task.industrial_check_progress = (
                len(checks.filtered("is_done")) / len(checks) * 100 if checks else 0.0
            )

    @api.constrains("industrial_date_start", "date_deadline")
    def _check_industrial_dates(self):
        for task in self:
            if task.industrial_date_start and task.date_deadline and task.date_deadline < task.industrial_date_start:
                raise UserError(_("The job cannot end before it starts."))

    def write(self, vals):
        if vals.get("state") != JOB_DONE_STATE:
            return super().write(vals)
        # the report may come with the same write: judge the result, keep nothing of a refusal
        with self.env.cr.savepoint():
            res = super().write(vals)
            self.filtered("industrial_lead_id")._industrial_check_job_complete()
        return res

    def _industrial_check_job_complete(self):
        for task in self:
            if not task.industrial_report_ids:
                raise UserError(_(
                    "Attach the commissioning report to %(job)s before marking it done.", job=task.name,
                ))
            if task.industrial_check_ids.filtered(lambda c: not c.is_done):
                raise UserError(_(
                    "Tick every checklist step of %(job)s before marking it done.", job=task.name,
                ))

    def _industrial_is_job_done(self):
        self.ensure_one()
        return self.state == JOB_DONE_STATE and bool(self.industrial_report_ids)
