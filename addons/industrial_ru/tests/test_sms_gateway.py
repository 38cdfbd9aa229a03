from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import SmsGatewayCommon, closed_port

SMS_LOGGER = "odoo.addons.industrial_ru.models.sms_sms"


@tagged("post_install", "-at_install")
class TestSmsGateway(SmsGatewayCommon):
    """Odoo's own SMS flow (message, notification, sms.sms) leaves through SMS.ru when it is configured."""

    def _sms_on_deal(self, body="Your pump is ready"):
        deal = self._create_deal()
        message = deal._message_sms(body, partner_ids=self.customer.ids)
        sms = self.env["sms.sms"].sudo().search([("mail_message_id", "=", message.id)])
        return deal, message, sms

    def test_sent_keeps_the_gateway_id_then_delivered(self):
        deal, message, sms = self._sms_on_deal()
        [sent] = self.sent_to()
        self.assertEqual(sent["text"], "Your pump is ready")
        self.assertEqual(sms.state, "pending")
        self.assertEqual(sms.industrial_provider_message_id, sent["sms_id"])
        self.assertFalse(sms.to_delete, "kept until its delivery is known")
        self.assertEqual(self.notifications(message).notification_status, "pending")
        self.assertEqual(self.params.get_param("industrial_ru.smsru_balance"), "497.50")

        self.gateway.set_status(sent["sms_id"], 102)
        self.env["sms.sms"]._cron_industrial_fetch_sms_status()
        self.assertEqual(sms.state, "pending", "still in transit")

        self.gateway.set_status(sent["sms_id"], 103)
        self.env["sms.sms"]._cron_industrial_fetch_sms_status()
        self.assertEqual(sms.state, "sent")
        self.assertTrue(sms.to_delete)
        self.assertEqual(self.notifications(message).notification_status, "sent")
        self.assertEqual(self.gateway.requests[-1][1]["sms_id"], sent["sms_id"])
        self.assertFalse(self.customer.industrial_sms_failure)

    def test_old_pending_sms_no_longer_read(self):
        deal, message, sms = self._sms_on_deal()
        self.env.cr.execute("UPDATE sms_sms SET create_date = now() - interval '4 days' WHERE id = %s", [sms.id])
        sms.invalidate_recordset(["create_date"])
        self.gateway.requests.clear()
        self.env["sms.sms"]._cron_industrial_fetch_sms_status()
        self.assertFalse(self.gateway.requests)
        self.assertEqual(sms.state, "pending")

    def test_not_delivered_shows_on_message_sms_and_contact(self):
        deal, message, sms = self._sms_on_deal()
        self.gateway.set_status(sms.industrial_provider_message_id, 104)
        self.env["sms.sms"]._cron_industrial_fetch_sms_status()
        notification = self.notifications(message)
        self.assertEqual(sms.state, "error")
        self.assertIn("The operator did not deliver the SMS", sms.industrial_failure_reason)
        self.assertEqual(notification.notification_status, "exception")
        self.assertEqual(notification.failure_type, "sms_expired")
        self.customer.invalidate_recordset(["industrial_sms_failure"])
        self.assertIn("The operator did not deliver the SMS", self.customer.industrial_sms_failure)

    def test_status_not_read_while_gateway_down(self):
        deal, message, sms = self._sms_on_deal()
        self.gateway.requests.clear()
        self.gateway.http_status = 503
        with self.assertLogs(SMS_LOGGER, "WARNING"):
            self.env["sms.sms"]._cron_industrial_fetch_sms_status()
        self.assertEqual(len(self.gateway.requests), 3, "a status read is retried")
        self.assertEqual(sms.state, "pending", "read again at the next run")
        self.gateway.http_status = 200
        self.gateway.set_status(sms.industrial_provider_message_id, 103)
        self.env["sms.sms"]._cron_industrial_fetch_sms_status()
        self.assertEqual(sms.state, "sent")

    def test_number_refused_by_gateway(self):
        self.gateway.refused_numbers = {self.customer_number}
        with mute_logger(SMS_LOGGER):
            deal, message, sms = self._sms_on_deal()
        self.assertEqual(sms.state, "error")
        self.assertEqual(sms.failure_type, "sms_number_format")
        self.assertIn("check the phone number", sms.industrial_failure_reason)
        notification = self.notifications(message)
        self.assertEqual(notification.notification_status, "exception")
        self.assertEqual(notification.failure_type, "sms_number_format")
        self.assertFalse(sms.industrial_provider_message_id)

    def test_gateway_down_is_a_sentence_detail_in_log(self):
        self.params.set_param("industrial_ru.smsru_url", f"http://127.0.0.1:{closed_port()}")
        with self.assertLogs(SMS_LOGGER, "WARNING") as logs:
            deal, message, sms = self._sms_on_deal()
        self.assertEqual(sms.state, "error")
        self.assertEqual(sms.failure_type, "sms_server")
        notification = self.notifications(message)
        self.assertEqual(notification.notification_status, "exception")
        self.assertIn("could not be reached: resend the SMS later", notification.failure_reason)
        for raw in ("HTTPConnectionPool", "Errno", "Traceback"):
            self.assertNotIn(raw, notification.failure_reason)
            self.assertNotIn(raw, sms.industrial_failure_reason)
        self.assertIn("ConnectionError", "\n".join(logs.output))
        self.customer.invalidate_recordset(["industrial_sms_failure"])
        self.assertIn("could not be reached", self.customer.industrial_sms_failure)

    def test_gateway_busy_is_retried_then_failed(self):
        self.gateway.unavailable = True
        with mute_logger(SMS_LOGGER):
            deal, message, sms = self._sms_on_deal()
        self.assertEqual(len(self.gateway.requests), 3, "one try and two retries on SMS.ru's code 220")
        self.assertEqual(sms.state, "error")
        self.assertEqual(sms.failure_type, "sms_server")
        self.assertFalse(self.gateway.sent)

    def test_wrong_key(self):
        self.params.set_param("industrial_ru.smsru_api_id", "WRONG-KEY")
        with mute_logger(SMS_LOGGER):
            deal, message, sms = self._sms_on_deal()
        self.assertEqual(len(self.gateway.requests), 1, "a refused key is not retried")
        self.assertEqual(sms.failure_type, "sms_acc")
        self.assertIn("refused the API key", sms.industrial_failure_reason)
        self.assertEqual(self.notifications(message).failure_type, "sms_acc")

    def test_no_money(self):
        self.gateway.reset(balance=1.0)
        with mute_logger(SMS_LOGGER):
            deal, message, sms = self._sms_on_deal()
        self.assertEqual(sms.failure_type, "sms_credit")
        self.assertIn("balance is too low", sms.industrial_failure_reason)

    def _low_balance_activities(self):
        activity_type = self.env.ref("industrial_ru.mail_act_sms_low_balance")
        return self.env["mail.activity"].sudo().search([("activity_type_id", "=", activity_type.id)])

    def test_low_balance_warns_admins_once(self):
        self.gateway.reset(balance=45.0)
        self._sms_on_deal()
        activities = self._low_balance_activities()
        self.assertIn(self.user_admin, activities.user_id)
        self.assertFalse(activities.user_id.filtered("share"))
        self.assertIn("42.50", activities[0].note)
        self.assertEqual(self.env["sms.sms"]._cron_industrial_check_sms_balance(), 42.5)
        self._sms_on_deal()
        self.assertEqual(self._low_balance_activities(), activities, "one warning until it is dealt with")

    def test_balance_above_threshold_no_warning(self):
        self.assertEqual(self.env["sms.sms"]._cron_industrial_check_sms_balance(), 500.0)
        self.assertFalse(self._low_balance_activities())

    def test_several_sms_one_request(self):
        other = self.env["res.partner"].create({"name": "Ivan", "mobile": "+7 903 555-01-09"})
        deal = self._create_deal()
        deal._message_sms("Hello", partner_ids=(self.customer | other).ids)
        self.assertEqual([path for path, form in self.gateway.requests], ["sms/send"])
        self.assertEqual({s["number"] for s in self.gateway.sent}, {self.customer_number, "79035550109"})

    def test_iap_when_gateway_not_configured(self):
        self.params.set_param("industrial_ru.sms_provider", "iap")
        with mute_logger("odoo.addons.sms.models.sms_sms"):
            deal, message, sms = self._sms_on_deal()
        self.assertFalse(self.gateway.requests, "Odoo's IAP is used, not SMS.ru")
        self.assertFalse(sms.industrial_provider_message_id)


@tagged("post_install", "-at_install")
class TestRequestAcknowledgementGateway(SmsGatewayCommon):
    """industrial_crm's SMS acknowledgement goes through the gateway; its failure shows on the request."""

    def setUp(self):
        super().setUp()
        self.params.set_param("industrial_crm.sms_acknowledgement", "True")

    def test_acknowledged_through_gateway(self):
        result = self.env["industrial.request"].register_request("phone", phone="+7 903 555-01-07")
        self._run_acknowledgements()
        [sent] = self.sent_to("79035550107")
        self.assertIn(result["number"], sent["text"])
        self.assertEqual(self.env["industrial.request"].browse(result["request_id"]).ack_state, "sent")

    def test_gateway_down_fails_the_request(self):
        self.params.set_param("industrial_ru.smsru_url", f"http://127.0.0.1:{closed_port()}")
        with mute_logger(SMS_LOGGER):
            result = self.env["industrial.request"].register_request("phone", phone="+7 903 555-01-08")
            self._run_acknowledgements()
        request = self.env["industrial.request"].browse(result["request_id"])
        self.assertEqual(request.ack_state, "failed")
        self.assertIn("could not be reached", request.message_ids[0].body)

    def test_not_delivered_later_fails_the_request(self):
        result = self.env["industrial.request"].register_request("phone", phone="+7 903 555-01-06")
        self._run_acknowledgements()
        request = self.env["industrial.request"].browse(result["request_id"])
        self.assertEqual(request.ack_state, "sent")
        [sent] = self.sent_to("79035550106")
        self.gateway.set_status(sent["sms_id"], 108)
        self.env["sms.sms"]._cron_industrial_fetch_sms_status()
        self.assertEqual(request.ack_state, "failed")


@tagged("post_install", "-at_install")
class TestSmsGatewaySettingsAccess(SmsGatewayCommon):
    """Only administrators configure the gateway and the notices, and only they see the key."""

    def test_admin_configures(self):
        settings = self.env["res.config.settings"].with_user(self.user_admin).create({
            "industrial_sms_provider": "smsru",
            "industrial_smsru_api_id": "NEW-KEY",
            "industrial_notify_meeting": True,
            "industrial_invoice_reminder_days": 5,
        })
        settings.execute()
        self.assertEqual(self.params.get_param("industrial_ru.smsru_api_id"), "NEW-KEY")
        self.assertEqual(self.params.get_param("industrial_ru.notify_meeting"), "True")
        self.assertEqual(self.params.get_param("industrial_ru.invoice_reminder_days"), "5")

    def test_bad_settings_refused(self):
        Settings = self.env["res.config.settings"].with_user(self.user_admin)
        with self.assertRaisesRegex(ValidationError, "Enter the SMS.ru API key"):
            Settings.create({"industrial_sms_provider": "smsru", "industrial_smsru_api_id": "  "})
        for days in (0, -2, 61):
            with self.subTest(days=days), self.assertRaisesRegex(ValidationError, "1 to 60 days"):
                Settings.create({"industrial_invoice_reminder_days": days})
        self.assertEqual(self.params.get_param("industrial_ru.smsru_api_id"), "TEST-0123-4567-89AB-CDEF",
                         "nothing half-written")

    def test_check_balance_button(self):
        settings = self.env["res.config.settings"].with_user(self.user_admin).create({})
        action = settings.action_industrial_check_sms_balance()
        self.assertEqual(action["params"]["type"], "success")
        self.assertIn("500.00", action["params"]["message"])
        self.params.set_param("industrial_ru.smsru_api_id", "WRONG")
        settings = self.env["res.config.settings"].with_user(self.user_admin).create({})
        with mute_logger(SMS_LOGGER):
            action = settings.action_industrial_check_sms_balance()
        self.assertEqual(action["params"]["type"], "danger")
        self.assertIn("refused the API key", action["params"]["message"])

    def test_views_load(self):
        arch = self.env["res.config.settings"].with_user(self.user_admin).get_views([(False, "form")])[
            "views"]["form"]["arch"]
        for name in ("industrial_smsru_api_id", "industrial_notify_meeting", "industrial_notify_invoice_overdue"):
            self.assertIn(f'name="{name}"', arch)
        views = self.env["res.partner"].with_user(self.user_manager).get_views([(False, "form")])
        arch = views["views"]["form"]["arch"]
        self.assertIn('name="industrial_sms_failure"', arch)
        arch = self.env["sms.sms"].with_user(self.user_admin).get_views([(False, "list")])["views"]["list"]["arch"]
        self.assertIn('name="industrial_failure_reason"', arch)

    def test_other_roles_cannot_configure_nor_read_the_key(self):
        for user in (self.user_director, self.user_head, self.user_manager, self.user_dispatcher,
                     self.user_marketer):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    self.env["res.config.settings"].with_user(user).create({"industrial_notify_meeting": True})
                fields = self.env["res.config.settings"].with_user(user).fields_get()
                self.assertNotIn("industrial_smsru_api_id", fields)
                self.assertNotIn("industrial_sms_provider", fields)
                with self.assertRaises(AccessError):
                    self.env["ir.config_parameter"].with_user(user).get_param("industrial_ru.smsru_api_id")
