from odoo import models


class MailThread(models.AbstractModel):
    _inherit = "mail.thread"

    def _industrial_send_customer_notice(self, source, partners, mail_template=None, sms_template=None):
        """Tell customers by email and SMS, in their language, from templates
        rendered on ``source``; both are posted on this document's chatter and
        leave through Odoo's mail and SMS queues (the SMS gateway included)."""
        self.ensure_one()
        sent_sms = False
        for partner in partners:
            lang = partner.lang or self.env.lang
            if mail_template and partner.email:
                template = mail_template.sudo()
                subject = template._render_field("subject", source.ids, set_lang=lang)[source.id]
                body = template._render_field("body_html", source.ids, set_lang=lang)[source.id]
                self.message_post(
                    body=body, subject=subject, partner_ids=partner.ids,
                    message_type="comment", subtype_xmlid="mail.mt_comment",
                    email_layout_xmlid="mail.mail_notification_light",
                )
            if sms_template and (partner.mobile or partner.phone):
                body = sms_template.sudo()._render_field("body", source.ids, set_lang=lang)[source.id]
                self._message_sms(body, partner_ids=partner.ids, put_in_queue=True)
                sent_sms = True
        if sent_sms:
            cron = self.env.ref("sms.ir_cron_sms_scheduler_action", raise_if_not_found=False)
            if cron:
                cron.sudo()._trigger()
