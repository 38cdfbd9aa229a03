from odoo import api, fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    industrial_escalation_hours = fields.Integer(
        string="Escalation Delay (hours)",
        config_parameter="industrial_crm.escalation_hours",
        default=24,
    )
    industrial_sms_acknowledgement = fields.Boolean(
        string="Acknowledge Requests by SMS",
        config_parameter="industrial_crm.sms_acknowledgement",
    )
    industrial_phone_region = fields.Char(
        string="Default Phone Region",
        config_parameter="industrial_crm.phone_region",
        default="RU",
    )
    industrial_triage_interval = fields.Integer(
        string="Dispatcher Reminder Interval (hours)",
        compute="_compute_industrial_triage_interval",
        inverse="_inverse_industrial_triage_interval",
    )
    industrial_director_id = fields.Many2one(
        related="company_id.industrial_director_id", readonly=False
    )

    @api.depends("company_id")
    def _compute_industrial_triage_interval(self):
        cron = self.env.ref("industrial_crm.ir_cron_remind_dispatchers", raise_if_not_found=False)
        for settings in self:
            settings.industrial_triage_interval = cron.sudo().interval_number if cron else 12

    def _inverse_industrial_triage_interval(self):
        cron = self.env.ref("industrial_crm.ir_cron_remind_dispatchers", raise_if_not_found=False)
        for settings in self:
            if cron and settings.industrial_triage_interval > 0:
                cron.sudo().write({
                    "interval_number": min(settings.industrial_triage_interval, 12),
                    "interval_type": "hours",
                })
