from odoo import api, fields, models
from odoo.exceptions import ValidationError

NOTICE_TEMPLATES = (
    "industrial_ru.mail_template_meeting_planned",
    "industrial_ru.mail_template_meeting_moved",
    "industrial_ru.mail_template_meeting_cancelled",
    "industrial_ru.mail_template_meeting_reminder",
    "industrial_ru.mail_template_invoice_due",
    "industrial_ru.mail_template_invoice_reminder",
    "industrial_ru.mail_template_invoice_paid",
)
NOTICE_SMS_TEMPLATES = (
    "industrial_ru.sms_template_meeting_planned",
    "industrial_ru.sms_template_meeting_moved",
    "industrial_ru.sms_template_meeting_cancelled",
    "industrial_ru.sms_template_meeting_reminder",
    "industrial_ru.sms_template_invoice_due",
    "industrial_ru.sms_template_invoice_reminder",
    "industrial_ru.sms_template_invoice_paid",
)


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    industrial_sms_provider = fields.Selection(
        [("iap", "Odoo IAP"), ("smsru", "SMS.ru")],
        string="SMS Gateway", default="iap",
        config_parameter="industrial_ru.sms_provider",
        groups="base.group_system",
    )
    industrial_smsru_api_id = fields.Char(
        string="SMS.ru API Key", config_parameter="industrial_ru.smsru_api_id",
        groups="base.group_system",
    )
    industrial_smsru_sender = fields.Char(
        string="SMS Sender Name", config_parameter="industrial_ru.smsru_sender",
        groups="base.group_system",
        help="A sender name approved in the SMS.ru account; empty for the default one.",
    )
    industrial_smsru_url = fields.Char(
        string="SMS.ru API URL", config_parameter="industrial_ru.smsru_url",
        groups="base.group_system",
        help="Leave empty for https://sms.ru; set for a proxy.",
    )
    industrial_sms_low_balance = fields.Float(
        string="Low Balance Warning (RUB)", config_parameter="industrial_ru.sms_low_balance",
        default=100.0, groups="base.group_system",
    )
    industrial_smsru_balance = fields.Char(
        string="Last Known Balance (RUB)", compute="_compute_industrial_smsru_balance",
        groups="base.group_system",
    )
    industrial_notify_meeting = fields.Boolean(
        string="Tell Customers of Meetings", config_parameter="industrial_ru.notify_meeting",
    )
    industrial_notify_meeting_reminder = fields.Boolean(
        string="Remind Customers of Meetings", config_parameter="industrial_ru.notify_meeting_reminder",
    )
    industrial_notify_invoice_due = fields.Boolean(
        string="Tell Customers the Due Date", config_parameter="industrial_ru.notify_invoice_due",
    )
    industrial_notify_invoice_reminder = fields.Boolean(
        string="Remind Customers Before the Due Date", config_parameter="industrial_ru.notify_invoice_reminder",
    )
    industrial_invoice_reminder_days = fields.Integer(
        string="Reminder Days Before the Due Date", config_parameter="industrial_ru.invoice_reminder_days",
        default=3,
    )
    industrial_notify_invoice_overdue = fields.Boolean(
        string="Overdue Invoice Task for the Manager", config_parameter="industrial_ru.notify_invoice_overdue",
    )
    industrial_notify_invoice_paid = fields.Boolean(
        string="Thank Customers for Payment", config_parameter="industrial_ru.notify_invoice_paid",
    )

    @api.constrains("industrial_sms_provider", "industrial_smsru_api_id", "industrial_invoice_reminder_days")
    def _check_industrial_notices(self):
        for settings in self:
            if settings.industrial_sms_provider == "smsru" and not (settings.industrial_smsru_api_id or "").strip():
                raise ValidationError(self.env._("Enter the SMS.ru API key to send SMS through SMS.ru."))
            if not 1 <= settings.industrial_invoice_reminder_days <= 60:
                raise ValidationError(self.env._("The invoice reminder is sent 1 to 60 days before the due date."))

    @api.depends("company_id")
    def _compute_industrial_smsru_balance(self):
        balance = self.env["ir.config_parameter"].sudo().get_param("industrial_ru.smsru_balance")
        self.industrial_smsru_balance = balance or False

    def action_industrial_check_sms_balance(self):
        """Ask SMS.ru for the balance now; the answer (or why not) shows at once."""
        self.ensure_one()
        self.execute()
        sms = self.env["sms.sms"]
        client = sms._industrial_gateway_client()
        if client is None:
            message = self.env._("Choose SMS.ru and enter its API key first.")
            kind = "warning"
        else:
            try:
                balance = client.balance()
            except Exception as error:  # noqa: BLE001 - any failure is told, the detail logged
                message, kind = sms._industrial_gateway_error_text(error), "danger"
                sms._industrial_log_gateway_error("balance", error)
            else:
                sms._industrial_balance_seen(balance)
                amount = "%.2f" % balance
                message = self.env._("SMS.ru balance: %(balance)s RUB.", balance=amount)
                kind = "success"
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {"message": message, "type": kind, "sticky": False,
                       "next": {"type": "ir.actions.client", "tag": "reload"}},
        }

    def _industrial_templates_action(self, model, xmlids, name):
        records = self.env[model]
        for xmlid in xmlids:
            records |= self.env.ref(xmlid, raise_if_not_found=False) or self.env[model]
        return {
            "type": "ir.actions.act_window",
            "name": name,
            "res_model": model,
            "view_mode": "list,form",
            "domain": [("id", "in", records.ids)],
        }

    def action_industrial_notice_mail_templates(self):
        name = self.env._("Customer Notice Emails")
        return self._industrial_templates_action("mail.template", NOTICE_TEMPLATES, name)

    def action_industrial_notice_sms_templates(self):
        name = self.env._("Customer Notice SMS")
        return self._industrial_templates_action("sms.template", NOTICE_SMS_TEMPLATES, name)

    industrial_ru_check_requisites = fields.Boolean(
        string="Russian Requisites Checks", config_parameter="industrial_ru.check_requisites",
        help="Check INN, KPP, OGRN/OGRNIP, BIC and account keys of partners and banks in Russia "
        "(or without a country). Switch off for a company outside Russia.",
    )

    def action_industrial_ru_setup_vat(self):
        self.env.company._industrial_ru_setup_vat()
        return True
