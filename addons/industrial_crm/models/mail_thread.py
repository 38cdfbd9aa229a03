import codecs
import logging

from odoo import api, models, tools

_logger = logging.getLogger(__name__)

AUTO_REPLY_PRECEDENCE = {"bulk", "junk", "list", "auto_reply"}


def _known_charset(charset):
    try:
        codecs.lookup(charset)
    except LookupError:
        return False
    return True


class MailThread(models.AbstractModel):
    _inherit = "mail.thread"

    def _message_parse_extract_payload(self, message, message_dict, save_original=False):
        """An unknown charset must not lose the email: read such parts as UTF-8,
        undecodable bytes replaced, and keep the rest."""
        try:
            return super()._message_parse_extract_payload(message, message_dict, save_original=save_original)
        except LookupError:
            for part in message.walk():
                charset = part.get_content_charset()
                if part.get_content_maintype() == "text" and charset and not _known_charset(charset):
                    _logger.info("Unknown charset %s in email %s, read as UTF-8",
                                 charset[:40], message_dict.get("message_id"))
                    part.set_param("charset", "utf-8")
            return super()._message_parse_extract_payload(message, message_dict, save_original=save_original)

    def _message_compute_author(self, author_id=None, email_from=None, raise_on_email=True):
        """A staff member without an email of his own writes from the company's
        address (its email, else the catchall of its alias domain), under his name:
        assigning a lead or posting a note never stops at "configure the sender's
        email address"."""
        author_id, email_from = super()._message_compute_author(
            author_id=author_id, email_from=email_from, raise_on_email=False)
        if not email_from and author_id:
            author = self.env["res.partner"].sudo().browse(author_id)
            if any(not user.share for user in author.user_ids):
                company = self.env.company
                company_email = company.partner_id.email_normalized or company.catchall_email
                if company_email:
                    email_from = tools.formataddr((author.name or company.name, company_email))
        if not email_from and raise_on_email:
            # no fallback either: Odoo's own check and message
            return super()._message_compute_author(
                author_id=author_id, email_from=email_from, raise_on_email=True)
        return author_id, email_from

    @api.model
    def _detect_loop_sender(self, message, message_dict, routes):
        """Auto-replies (out-of-office, autoresponders) open no customer request."""
        if super()._detect_loop_sender(message, message_dict, routes):
            return True
        new_requests = [
            route for route in routes or ()
            if route[0] == "industrial.request" and not route[1]
        ]
        if new_requests and self._industrial_is_auto_reply(message):
            _logger.info(
                "Ignored automatic reply from %s with Message-Id %s: no request created",
                message_dict.get("email_from"), message_dict.get("message_id"),
            )
            return True
        return False

    @api.model
    def _industrial_is_auto_reply(self, message):
        auto_submitted = (message.get("Auto-Submitted") or "no").strip().lower()
        precedence = (message.get("Precedence") or "").strip().lower()
        return bool(
            auto_submitted != "no"
            or precedence in AUTO_REPLY_PRECEDENCE
            or message.get("X-Autoreply")
            or message.get("X-Autorespond")
            or message.get("X-Auto-Response-Suppress", "").strip().lower() == "all"
            and message.get("In-Reply-To")
        )
