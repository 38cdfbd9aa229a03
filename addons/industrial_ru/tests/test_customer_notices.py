from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from .common import SmsGatewayCommon

MEETING_SWITCHES = ("industrial_ru.notify_meeting", "industrial_ru.notify_meeting_reminder")
INVOICE_SWITCHES = (
    "industrial_ru.notify_invoice_due", "industrial_ru.notify_invoice_reminder",
    "industrial_ru.notify_invoice_overdue", "industrial_ru.notify_invoice_paid",
)
PLACE = "Москва, ул. Тверская, 7"
MAP_URL = "https://yandex.ru/maps/?text=%D0%9C%D0%BE%D1%81%D0%BA%D0%B2%D0%B0%2C%20"


class NoticeCommon(SmsGatewayCommon):
    def switch(self, keys, on=True):
        for key in keys:
            self.params.set_param(key, "True" if on else False)

    def notice_sms(self, text):
        """The SMS that reached the gateway once the queue ran, containing ``text``."""
        self.process_sms_queue()
        return [sms for sms in self.sent_to() if text in sms["text"]]


@tagged("post_install", "-at_install")
class TestMeetingNotices(NoticeCommon):
    """A deal's meeting with the customer: time, place and map by email and SMS; moved, cancelled, reminder."""

    def setUp(self):
        super().setUp()
        self.switch(MEETING_SWITCHES)
        self.deal = self._create_deal()
        self.start = fields.Datetime.now().replace(microsecond=0, second=0) + timedelta(days=3)

    def _meeting(self, **values):
        vals = {
            "name": "Furnace presentation",
            "opportunity_id": self.deal.id,
            "user_id": self.user_manager.id,
            "start": self.start,
            "stop": self.start + timedelta(hours=1),
            "location": PLACE,
            "partner_ids": [(6, 0, (self.user_manager.partner_id | self.customer).ids)],
        }
        vals.update(values)
        return self.env["calendar.event"].with_user(self.user_manager).create(vals)

    def _deal_notices(self, subject_part):
        return self.deal.message_ids.filtered(
            lambda m: subject_part in (m.subject or "") and self.customer in m.partner_ids
        )

    def test_meeting_planned(self):
        with self.mock_mail_gateway():
            event = self._meeting()
        self.assertTrue(event.industrial_map_url.startswith(MAP_URL))
        expected_time = fields.Datetime.context_timestamp(
            event.with_context(tz=self.user_manager.tz or "Europe/Moscow"), self.start
        ).strftime("%d.%m.%Y %H:%M")
        [notice] = self._deal_notices("Meeting with")
        self.assertIn(expected_time, notice.subject)
        self.assertFalse(self._deal_notices("moved"), "creating the meeting is not moving it")
        [mail] = self.mails_to(self.customer, "Meeting with")
        for text in (expected_time, PLACE, event.industrial_map_url.replace("&", "&amp;"), "Mark Manager"):
            self.assertIn(text, mail.body_html)
        [sms] = self.notice_sms("Meeting " + expected_time)
        self.assertIn(PLACE, sms["text"])
        self.assertIn(event.industrial_map_url, sms["text"])
        self.assertFalse(self.mails_to(self.user_manager.partner_id, "Meeting with"),
                         "only the customer gets the notice")
        self.assertTrue(event.industrial_notified_at)

    def test_customer_not_invited_twice(self):
        """Our notice replaces Odoo's invitation for the customer; a colleague still gets the invitation."""
        colleague = self.user_head.partner_id
        with self.mock_mail_gateway():
            event = self._meeting(partner_ids=[(6, 0, (self.user_manager.partner_id | self.customer | colleague).ids)])
        self.assertEqual(len(self.mails_to(self.customer)), 1, "one meeting, one email to the customer")
        self.assertTrue(self.mails_to(self.customer, "Meeting with"))
        invitations = self.env["mail.message"].search([("model", "=", "calendar.event"), ("res_id", "=", event.id)])
        self.assertIn(colleague, invitations.partner_ids, "the colleague gets Odoo's invitation")
        self.assertNotIn(self.customer, invitations.partner_ids)
        with self.mock_mail_gateway():
            event.with_user(self.user_manager).write({
                "start": self.start + timedelta(days=1), "stop": self.start + timedelta(days=1, hours=1),
            })
        self.assertEqual(len(self.mails_to(self.customer)), 1, "the move is told once")
        self.assertTrue(self.mails_to(self.customer, "Meeting moved to"))

        self.switch(MEETING_SWITCHES, on=False)
        with self.mock_mail_gateway():
            other = self._meeting(name="Second visit")
        self.assertTrue(self.mails_to(self.customer, other.name),
                        "with our notices off, Odoo's invitation reaches the customer")

    def test_customer_added_later_and_no_location(self):
        with self.mock_mail_gateway():
            event = self._meeting(location=False, partner_ids=[(6, 0, self.user_manager.partner_id.ids)])
        self.assertFalse(self.mails_to(self.customer, "Meeting with"))
        company_address = " ".join(
            self.user_manager.company_id.partner_id._display_address(without_company=True).split())
        self.assertEqual(event.industrial_place, company_address or False)
        with self.mock_mail_gateway():
            event.with_user(self.user_manager).write({"partner_ids": [(4, self.customer.id)]})
        [mail] = self.mails_to(self.customer, "Meeting with")
        if company_address:
            self.assertIn(event.industrial_map_url, mail.body_html)

    def test_all_day_meeting(self):
        day = fields.Date.today() + timedelta(days=4)
        with self.mock_mail_gateway():
            event = self._meeting(allday=True, start=fields.Datetime.to_datetime(day).replace(hour=8),
                                  stop=fields.Datetime.to_datetime(day).replace(hour=18))
        self.assertEqual(event.industrial_start_display, day.strftime("%d.%m.%Y"))
        [mail] = self.mails_to(self.customer, "Meeting with")
        self.assertIn(day.strftime("%d.%m.%Y"), mail.subject)
        self.assertFalse(self._deal_notices("moved"))

    def test_customer_language(self):
        """The customer gets the template in his language (the Russian texts come with the module's translation)."""
        self.env["res.lang"]._activate_lang("ru_RU")
        self.customer.lang = "ru_RU"
        template = self.env.ref("industrial_ru.mail_template_meeting_planned")
        sms_template = self.env.ref("industrial_ru.sms_template_meeting_planned")
        template.with_context(lang="ru_RU").subject = "Встреча {{ object.industrial_start_display }}"
        sms_template.with_context(lang="ru_RU").body = "Встреча {{ object.industrial_start_display }}"
        with self.mock_mail_gateway():
            event = self._meeting()
        [mail] = self.mails_to(self.customer, "Встреча")
        self.assertEqual(mail.subject, f"Встреча {event.with_context(lang='ru_RU').industrial_start_display}")
        self.assertEqual(self.notice_sms("Встреча")[0]["text"], mail.subject)
        self.assertTrue(self.notice_sms("Встреча")[0]["text"].isprintable())

    def test_meeting_moved(self):
        event = self._meeting()
        event.industrial_reminder_sent = True
        self.process_sms_queue()
        self.gateway.reset()
        with self.mock_mail_gateway():
            event.with_user(self.user_manager).write({
                "start": self.start + timedelta(days=1), "stop": self.start + timedelta(days=1, hours=1),
            })
        self.assertTrue(self._deal_notices("Meeting moved to"))
        self.assertTrue(self.mails_to(self.customer, "Meeting moved to"))
        self.assertTrue(self.notice_sms("Meeting moved to"))
        self.assertFalse(event.industrial_reminder_sent, "the new date gets its own reminder")

        self.gateway.reset()
        with self.mock_mail_gateway():
            event.with_user(self.user_manager).write({"location": "Санкт-Петербург, Невский пр., 1"})
        self.assertIn("Невский", self.notice_sms("Meeting moved to")[0]["text"])

        with self.mock_mail_gateway():
            event.with_user(self.user_manager).write({"name": "Furnace demo"})
        self.assertFalse(self.mails_to(self.customer, "Meeting"), "a new title is no news for the customer")

    def test_meeting_cancelled(self):
        event = self._meeting()
        other = self._meeting(name="Second visit")
        self.process_sms_queue()
        self.gateway.reset()
        with self.mock_mail_gateway():
            event.with_user(self.user_manager).unlink()
        self.assertEqual(len(self._deal_notices("cancelled")), 1)
        self.assertTrue(self.mails_to(self.customer, "cancelled"))
        self.assertTrue(self.notice_sms("is cancelled"))
        self.gateway.reset()
        with self.mock_mail_gateway():
            other.with_user(self.user_manager).action_archive()
        self.assertEqual(len(self._deal_notices("cancelled")), 2)
        self.assertTrue(self.notice_sms("is cancelled"))

    def test_reminder_the_day_before(self):
        event = self._meeting(start=self.start, stop=self.start + timedelta(hours=1))
        soon = self._meeting(name="Told just now", start=fields.Datetime.now() + timedelta(hours=5),
                             stop=fields.Datetime.now() + timedelta(hours=6))
        event.industrial_notified_at = self.start - timedelta(days=6)
        self.process_sms_queue()
        self.gateway.reset()
        self.env["calendar.event"]._cron_industrial_meeting_reminders()
        self.assertFalse(self.gateway.sent, "three days ahead: not yet")

        event.write({"start": fields.Datetime.now() + timedelta(hours=20),
                     "stop": fields.Datetime.now() + timedelta(hours=21)})
        event.industrial_notified_at = fields.Datetime.now() - timedelta(days=2)
        self.process_sms_queue()
        self.gateway.reset()
        with self.mock_mail_gateway():
            self.env["calendar.event"]._cron_industrial_meeting_reminders()
        self.assertEqual(len(self._deal_notices("Reminder: meeting")), 1)
        self.assertTrue(self.mails_to(self.customer, "Reminder: meeting"))
        self.assertEqual(len(self.notice_sms("Reminder: meeting")), 1, "one reminder, not one per attendee")
        self.assertTrue(event.industrial_reminder_sent)
        self.assertTrue(soon.industrial_reminder_sent)

        self.gateway.reset()
        self.env["calendar.event"]._cron_industrial_meeting_reminders()
        self.process_sms_queue()
        self.assertFalse(self.gateway.sent, "reminded once")

    def test_switch_off_nothing_sent(self):
        self.switch(MEETING_SWITCHES, on=False)
        with self.mock_mail_gateway():
            event = self._meeting()
            event.write({"start": self.start + timedelta(days=1), "stop": self.start + timedelta(days=1, hours=1)})
            event.write({"start": fields.Datetime.now() + timedelta(hours=20),
                         "stop": fields.Datetime.now() + timedelta(hours=21)})
            self.env["calendar.event"]._cron_industrial_meeting_reminders()
            event.unlink()
        self.process_sms_queue()
        for subject in ("Meeting with", "Meeting moved", "Reminder", "cancelled"):
            self.assertFalse(self.mails_to(self.customer, subject))
        self.assertFalse(self.gateway.sent)
        self.assertFalse(self.deal.message_ids.filtered(lambda m: self.customer in m.partner_ids))

    def test_no_notice_without_deal_customer_or_future(self):
        with self.mock_mail_gateway():
            self._meeting(opportunity_id=False, res_model_id=False, res_id=False)
            self._meeting(partner_ids=[(6, 0, self.user_manager.partner_id.ids)])
            self._meeting(start=fields.Datetime.now() - timedelta(days=1),
                          stop=fields.Datetime.now() - timedelta(hours=23))
        self.process_sms_queue()
        self.assertFalse(self.mails_to(self.customer, "Meeting with"))
        self.assertFalse(self.gateway.sent)


@tagged("post_install", "-at_install")
class TestInvoiceNotices(NoticeCommon):
    """An invoice's due date told, a reminder before it, a task for the manager when overdue, thanks when paid."""

    def setUp(self):
        super().setUp()
        self.switch(INVOICE_SWITCHES)
        self.params.set_param("industrial_ru.invoice_reminder_days", "3")
        self.today = fields.Date.context_today(self.env["account.move"])

    def _invoice(self, due_in=14, post=True):
        invoice = self.env["account.move"].create({
            "move_type": "out_invoice",
            "partner_id": self.customer.id,
            "invoice_user_id": self.user_manager.id,
            "invoice_date": self.today - timedelta(days=30),
            "invoice_date_due": self.today + timedelta(days=due_in),
            "invoice_line_ids": [(0, 0, {"name": "Turbo pump", "quantity": 1, "price_unit": 120000,
                                         "tax_ids": [(5,)]})],
        })
        if post:
            invoice.action_post()
        return invoice

    def _notices(self, invoice, subject_part):
        return invoice.message_ids.filtered(
            lambda m: subject_part in (m.subject or "") and self.customer in m.partner_ids
        )

    def test_due_date_told_on_posting(self):
        invoice = self._invoice(post=False)
        with self.mock_mail_gateway():
            invoice.action_post()
        due = (self.today + timedelta(days=14)).strftime("%d.%m.%Y")
        [notice] = self._notices(invoice, "payment due")
        self.assertIn(due, notice.subject)
        [mail] = self.mails_to(self.customer, "payment due")
        self.assertIn(due, mail.body_html)
        self.assertIn(invoice.name, mail.body_html)
        [sms] = self.notice_sms(f"Invoice {invoice.name}")
        self.assertIn(f"please pay by {due}", sms["text"])

    def test_reminder_before_due_date(self):
        soon = self._invoice(due_in=2)
        later = self._invoice(due_in=10)
        self.process_sms_queue()
        self.gateway.reset()
        with self.mock_mail_gateway():
            self.env["account.move"]._cron_industrial_invoice_notices()
        self.assertTrue(self._notices(soon, "Reminder: invoice"))
        self.assertFalse(self._notices(later, "Reminder: invoice"))
        [sms] = self.notice_sms("Reminder: invoice")
        self.assertIn(soon.name, sms["text"])
        self.assertTrue(soon.industrial_due_reminder_sent)
        self.gateway.reset()
        self.env["account.move"]._cron_industrial_invoice_notices()
        self.assertFalse(self.notice_sms("Reminder"), "reminded once")

    def test_overdue_gives_manager_a_task(self):
        overdue = self._invoice(due_in=0)
        paid = self._invoice(due_in=-1)
        self._register_payment(paid)
        self.env["account.move"]._cron_industrial_invoice_notices()
        activity_type = self.env.ref("industrial_ru.mail_act_invoice_overdue")
        [activity] = overdue.activity_ids.filtered(lambda a: a.activity_type_id == activity_type)
        self.assertEqual(activity.user_id, self.user_manager)
        self.assertEqual(activity.summary, "Invoice overdue: re-issue or call")
        self.assertEqual(activity.date_deadline, self.today)
        self.assertFalse(paid.activity_ids.filtered(lambda a: a.activity_type_id == activity_type))
        self.env["account.move"]._cron_industrial_invoice_notices()
        self.assertEqual(len(overdue.activity_ids.filtered(lambda a: a.activity_type_id == activity_type)), 1)

        self._register_payment(overdue)
        self.assertFalse(overdue.activity_ids.filtered(lambda a: a.activity_type_id == activity_type),
                         "the task closes itself once the invoice is paid")

    def test_thanks_on_payment(self):
        invoice = self._invoice()
        self.process_sms_queue()
        self.gateway.reset()
        with self.mock_mail_gateway():
            self._register_payment(invoice)
        self.assertIn(invoice.payment_state, ("paid", "in_payment"))
        self.assertTrue(self._notices(invoice, "Payment received"))
        self.assertTrue(self.mails_to(self.customer, "Payment received"))
        self.assertTrue(self.notice_sms(f"Payment for invoice {invoice.name} received"))
        self.assertTrue(invoice.industrial_thanks_sent)

    def test_partial_payment_no_thanks(self):
        invoice = self._invoice()
        self._register_payment(invoice, amount=1000)
        self.assertEqual(invoice.payment_state, "partial")
        self.assertFalse(self._notices(invoice, "Payment received"))

    def test_switches_off_nothing_sent(self):
        self.switch(INVOICE_SWITCHES, on=False)
        with self.mock_mail_gateway():
            soon = self._invoice(due_in=2)
            overdue = self._invoice(due_in=-1)
            self.env["account.move"]._cron_industrial_invoice_notices()
            self._register_payment(soon)
        self.process_sms_queue()
        self.assertFalse(self.mails_to(self.customer))
        self.assertFalse(self.gateway.sent)
        self.assertFalse(overdue.activity_ids)
        self.assertFalse((soon | overdue).message_ids.filtered(lambda m: self.customer in m.partner_ids))
