from odoo import _, models


class SmsTracker(models.Model):
    _inherit = "sms.tracker"

    def _update_sms_notifications(self, notification_status, failure_type=False, failure_reason=False):
        """An acknowledgement SMS refused or lost after it was queued: its request
        no longer says the customer was told."""
        super()._update_sms_notifications(
            notification_status, failure_type=failure_type, failure_reason=failure_reason
        )
        if notification_status not in ("exception", "bounce"):
            return
        messages = self.sudo().mail_notification_id.mail_message_id.filtered(
            lambda m: m.model == "industrial.request"
        )
        requests = self.env["industrial.request"].sudo().browse(messages.mapped("res_id")).exists()
        labels = dict(self.env["mail.notification"]._fields["failure_type"]._description_selection(self.env))
        reason = failure_reason or labels.get(failure_type) or _("the SMS gateway refused it.")
        requests._industrial_ack_failed(reason)
