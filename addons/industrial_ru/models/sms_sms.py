import logging
import re
from datetime import timedelta

from odoo import api, fields, models, tools

from odoo.addons.industrial_ru.tools import (
    SmsRuAuthError,
    SmsRuClient,
    SmsRuError,
    SmsRuFundsError,
    SmsRuUnavailableError,
)
from odoo.addons.industrial_ru.tools.smsru_client import (
    MAX_NUMBERS,
    STATUS_DELIVERED,
    STATUS_NOT_FOUND,
    STATUS_QUEUED,
)

_logger = logging.getLogger(__name__)

STATUS_DAYS = 3

#: SMS.ru per-number refusals (https://sms.ru/api/send) as Odoo's SMS failure types
SMSRU_SEND_FAILURES = {
    200: "sms_acc", 300: "sms_acc", 301: "sms_acc", 302: "sms_acc",
    201: "sms_credit",
    202: "sms_number_format",
    207: "sms_country_not_supported", 150: "sms_country_not_supported",
    220: "sms_server",
}
#: SMS.ru delivery codes (https://sms.ru/api/status) as Odoo's delivery errors (sms.tracker)
SMSRU_DELIVERY_FAILURES = {
    104: "expired",
    105: "rejected",
    106: "invalid_destination",
    107: "not_delivered",
    108: "rejected",
    150: "not_allowed",
}


class SmsSms(models.Model):
    _inherit = "sms.sms"

    industrial_provider_message_id = fields.Char(
        string="Gateway Message ID", readonly=True, copy=False, index="btree_not_null",
        help="The id the SMS gateway gave this SMS; its delivery status is read back with it.",
    )
    industrial_failure_reason = fields.Char(
        string="Failure Reason", readonly=True, copy=False,
        help="Why the SMS gateway refused or could not deliver this SMS.",
    )

    # GATEWAY

    @api.model
    def _industrial_gateway_client(self):
        """The SMS.ru client when it replaces Odoo's IAP, else None."""
        params = self.env["ir.config_parameter"].sudo()
        if params.get_param("industrial_ru.sms_provider") != "smsru":
            return None
        api_id = params.get_param("industrial_ru.smsru_api_id")
        if not api_id:
            return None
        return SmsRuClient(
            api_id,
            base_url=params.get_param("industrial_ru.smsru_url") or None,
            sender=params.get_param("industrial_ru.smsru_sender") or None,
            timeout=float(params.get_param("industrial_ru.smsru_timeout") or 5.0),
        )

    @api.model
    def _industrial_log_gateway_error(self, what, error):
        _logger.warning("SMS.ru: %s failed: %s", what, error)

    @api.model
    def _industrial_gateway_error_text(self, error):
        """An actionable sentence for users; the technical detail goes to the log."""
        if isinstance(error, SmsRuAuthError):
            return self.env._("SMS.ru refused the API key: an administrator must check it in Settings, SMS Gateway.")
        if isinstance(error, SmsRuFundsError):
            return self.env._("The SMS.ru balance is too low: an administrator must top it up, then resend the SMS.")
        if isinstance(error, SmsRuUnavailableError):
            return self.env._("The SMS gateway SMS.ru could not be reached: resend the SMS later "
                     "(from the red envelope of the message) or call the customer.")
        return self.env._("The SMS gateway SMS.ru refused the SMS: resend it later or call the customer; "
                 "the administrator finds the detail in the server log.")

    def _send(self, unlink_failed=False, unlink_sent=True, raise_exception=False):
        client = self._industrial_gateway_client()
        if client is None:
            return super()._send(unlink_failed=unlink_failed, unlink_sent=unlink_sent,
                                 raise_exception=raise_exception)
        return self._industrial_send_gateway(client, unlink_failed=unlink_failed, raise_exception=raise_exception)

    def _industrial_send_gateway(self, client, unlink_failed=False, raise_exception=False):
        """Send through SMS.ru instead of IAP. A sent SMS is kept (not marked for
        deletion) until its delivery status is read back by the scheduled job."""
        sms_sudo = self.sudo().with_context(sms_skip_msg_notification=True)
        for chunk in self._industrial_chunks(sms_sudo):
            by_number = {self._industrial_number(sms.number): sms for sms in chunk}
            invalid = sms_sudo.browse([sms.id for number, sms in by_number.items() if not number])
            if invalid:
                invalid._industrial_set_failed("sms_number_format", self.env._(
                    "The phone number is missing or malformed: correct it on the contact, then resend."
                ), unlink_failed)
            to_send = {number: sms.body or "" for number, sms in by_number.items() if number}
            if not to_send:
                continue
            try:
                results, balance = client.send(to_send)
            except SmsRuError as error:
                _logger.warning("SMS.ru: sending %s SMS %s failed: %s", len(to_send), chunk.ids, error)
                if raise_exception:
                    raise
                failure_type = SMSRU_SEND_FAILURES.get(error.code) or (
                    "sms_server" if isinstance(error, SmsRuUnavailableError) else "unknown"
                )
                sms_sudo.browse([by_number[n].id for n in to_send])._industrial_set_failed(
                    failure_type, self._industrial_gateway_error_text(error), unlink_failed
                )
                continue
            _logger.info("SMS.ru: sent %s SMS %s", len(to_send), chunk.ids)
            for number, result in results.items():
                sms = by_number[number]
                if result["ok"]:
                    sms.write({
                        "state": "pending",
                        "failure_type": False,
                        "industrial_failure_reason": False,
                        "industrial_provider_message_id": result["sms_id"],
                    })
                    sms.sms_tracker_id._action_update_from_sms_state("pending")
                else:
                    _logger.warning("SMS.ru refused SMS %s to %s: %s %s", sms.id, number,
                                    result["code"], result["reason"])
                    sms._industrial_set_failed(
                        SMSRU_SEND_FAILURES.get(result["code"], "unknown"),
                        self.env._(
                            "SMS.ru refused the SMS (%(reason)s): check the phone number, then resend.",
                            reason=result["reason"] or result["code"],
                        ),
                        unlink_failed,
                    )
            if balance is not None:
                self._industrial_balance_seen(balance)
        sms_sudo.mail_message_id._notify_message_notification_update()

    @api.model
    def _industrial_chunks(self, sms_records):
        """Batches of at most 100 SMS with distinct numbers (SMS.ru keys its answer by number)."""
        chunks = []
        for sms in sms_records:
            number = self._industrial_number(sms.number)
            for chunk in chunks:
                if len(chunk) < MAX_NUMBERS and all(self._industrial_number(s.number) != number for s in chunk):
                    chunk.append(sms)
                    break
            else:
                chunks.append([sms])
        return [sms_records.browse([s.id for s in chunk]) for chunk in chunks]

    @api.model
    def _industrial_number(self, number):
        """SMS.ru takes the international number as digits only."""
        digits = re.sub(r"\D", "", number or "")
        return digits if 10 <= len(digits) <= 15 else ""

    def _industrial_set_failed(self, failure_type, reason, unlink_failed=False):
        """The SMS, its notification (red envelope on the document) and its log say why."""
        self.write({
            "state": "error",
            "failure_type": failure_type if failure_type in dict(self._fields["failure_type"].selection) else "unknown",
            "industrial_failure_reason": reason,
            **({"to_delete": True} if unlink_failed else {}),
        })
        self.sms_tracker_id._update_sms_notifications("exception", failure_type=failure_type, failure_reason=reason)

    # DELIVERY STATUS AND BALANCE

    @api.model
    def _cron_industrial_fetch_sms_status(self, batch_size=MAX_NUMBERS):
        """Read back the delivery status of the SMS sent through SMS.ru."""
        client = self._industrial_gateway_client()
        if client is None:
            return
        # SMS.ru keeps statuses for a limited time: an SMS still without news after a few days stays "Sent"
        since = fields.Datetime.now() - timedelta(days=STATUS_DAYS)
        pending = self.sudo().search([
            ("industrial_provider_message_id", "!=", False),
            ("state", "=", "pending"),
            ("create_date", ">=", since),
        ], order="id")
        for batch in tools.split_every(batch_size, pending.ids, self.sudo().browse):
            by_id = {sms.industrial_provider_message_id: sms for sms in batch}
            try:
                statuses = client.status(list(by_id))
            except SmsRuError as error:
                _logger.warning("SMS.ru: reading the status of %s SMS failed: %s", len(by_id), error)
                return
            for provider_id, (code, text) in statuses.items():
                sms = by_id[provider_id].with_context(sms_skip_msg_notification=True)
                try:
                    with self.env.cr.savepoint():
                        sms._industrial_apply_delivery(code, text)
                except Exception:
                    _logger.exception("SMS.ru: status %s of SMS %s could not be applied", code, sms.id)
            batch.mail_message_id._notify_message_notification_update()

    def _industrial_apply_delivery(self, code, text):
        self.ensure_one()
        if code in STATUS_QUEUED:
            return
        if code in STATUS_DELIVERED:
            self.sms_tracker_id._action_update_from_sms_state("sent")
            self.write({"state": "sent", "to_delete": True})
            return
        if code == STATUS_NOT_FOUND:
            reason = self.env._("SMS.ru does not know this SMS any more: its delivery cannot be confirmed.")
            delivery_error = "not_delivered"
        else:
            reason = self.env._(
                "The operator did not deliver the SMS (%(reason)s): check the number or call the customer.",
                reason=text or code,
            )
            delivery_error = SMSRU_DELIVERY_FAILURES.get(code, "not_delivered")
        self.write({"state": "error", "failure_type": "unknown", "industrial_failure_reason": reason})
        self.sms_tracker_id._action_update_from_provider_error(delivery_error)

    @api.model
    def _cron_industrial_check_sms_balance(self):
        client = self._industrial_gateway_client()
        if client is None:
            return
        try:
            balance = client.balance()
        except SmsRuError as error:
            _logger.warning("SMS.ru: reading the balance failed: %s", error)
            return
        self._industrial_balance_seen(balance)
        return balance

    @api.model
    def _industrial_balance_seen(self, balance):
        """Remember the balance; below the threshold, the administrators get one activity to top it up."""
        params = self.env["ir.config_parameter"].sudo()
        params.set_param("industrial_ru.smsru_balance", f"{balance:.2f}")
        threshold = float(params.get_param("industrial_ru.sms_low_balance") or 0.0)
        if balance >= threshold:
            return
        activity_type = self.env.ref("industrial_ru.mail_act_sms_low_balance", raise_if_not_found=False)
        partner = self.env.company.partner_id.sudo()
        if not activity_type or partner.activity_ids.filtered(lambda a: a.activity_type_id == activity_type):
            return
        admins = self.env.ref("base.group_system").sudo().users.filtered(
            lambda u: u.active and not u.share and u.id != self.env.ref("base.user_root").id
        )
        amount, minimum = "%.2f" % balance, "%.2f" % threshold
        for admin in admins:
            note = self.with_context(lang=admin.lang).env._(
                "The SMS.ru balance is %(balance)s RUB, below %(threshold)s RUB: "
                "top it up so that customers keep getting their SMS.",
                balance=amount, threshold=minimum,
            )
            partner.activity_schedule(activity_type_id=activity_type.id, user_id=admin.id, note=note)
