from datetime import datetime

from odoo.tests import tagged

from .common import MikoCommon


@tagged("post_install", "-at_install")
class TestCallEvents(MikoCommon):
    def event(self, action, call_id="mikopbx-100.1", number="79161234567", date="2026-11-20T09:00:00+03:00", **extra):
        params = {"action": action, "id": call_id, "uid": call_id + "_x", "number": number,
                  "date": date, "did": "74950000000", "channel": "PJSIP/SIP-1-0001", **extra}
        return self.Call._event_from_webhook(self.connection, params)

    def ingest(self, *events):
        return self.Call._upsert_events(self.connection, list(events))

    def test_unknown_number_makes_lead(self):
        """An unknown number: a new contact, a lead and a phone request, as industrial_crm registers it."""
        call = self.ingest(self.event("incoming-call"))
        self.assertEqual(call.disposition, "ringing")
        self.assertEqual(call.start_date, datetime(2026, 11, 20, 6, 0, 0))
        self.assertTrue(call.request_id.is_new_customer)
        self.assertEqual(call.request_id.channel, "phone")
        self.assertEqual(call.lead_id.type, "lead")
        self.assertEqual(call.partner_id, call.request_id.partner_id)
        self.assertEqual(call.partner_id.industrial_call_count, 1)
        self.assertEqual(call.lead_id.industrial_call_count, 1)

    def test_known_contact_lands_on_deal(self):
        """A known contact's call lands on his open deal, no new lead."""
        deal = self._create_deal(partner_id=self.customer.id)
        leads = self.env["crm.lead"].search_count([])
        call = self.ingest(self.event("incoming-call", number="+7 495 111-22-33"))
        self.assertEqual(call.partner_id, self.customer)
        self.assertEqual(call.lead_id, deal)
        self.assertFalse(call.request_id.is_new_customer)
        self.assertEqual(self.env["crm.lead"].search_count([]), leads)

    def test_duplicates_and_reordering(self):
        """Hangup before incoming, each twice, then the CDR: one call with every time filled."""
        hangup = self.event("hangup", date="2026-11-20T09:02:00+03:00", user="201")
        answer = self.event("answer", date="2026-11-20T09:00:20+03:00", user="201", src="79161234567", dst="201")
        incoming = self.event("incoming-call")
        self.ingest(hangup)
        self.ingest(hangup, answer)
        self.ingest(incoming, incoming)
        call = self.calls()
        self.assertEqual(len(call), 1)
        self.assertEqual(call.start_date, datetime(2026, 11, 20, 6, 0, 0))
        self.assertEqual(call.answer_date, datetime(2026, 11, 20, 6, 0, 20))
        self.assertEqual(call.end_date, datetime(2026, 11, 20, 6, 2, 0))
        self.assertEqual(call.duration, 100)
        self.assertEqual(call.disposition, "answered")
        self.assertEqual(len(self.env["industrial.request"].search([("phone_e164", "=", "+79161234567")])), 1)
        notes = call.lead_id.message_ids.filtered(lambda m: "Incoming call" in (m.body or ""))
        self.assertEqual(len(notes), 1, "the finished call is noted once on the lead")
        notes = call.partner_id.message_ids.filtered(lambda m: "Incoming call" in (m.body or ""))
        self.assertEqual(len(notes), 1, "and once on the contact")

    def test_missed_call_asks_for_call_back_once(self):
        """A missed call gives the lead's manager (or the head) one 'Call back' activity."""
        deal = self._create_deal(partner_id=self.customer.id, user_id=self.user_manager.id)
        self.ingest(self.event("incoming-call", number="+7 495 111-22-33"))
        for _i in range(2):
            self.ingest(self.event("hangup"))
        activities = deal.activity_ids.filtered(
            lambda a: a.activity_type_id == self.env.ref("industrial_miko.mail_act_call_back")
        )
        self.assertEqual(len(activities), 1)
        self.assertEqual(activities.user_id, self.user_manager)
        self.assertEqual(self.calls().disposition, "missed")

    def test_missed_new_lead_goes_to_dispatcher(self):
        """A new lead has no manager nor direction: a dispatcher calls back."""
        call = self.ingest(self.event("incoming-call"), self.event("hangup"))
        activity = call.lead_id.activity_ids.filtered(
            lambda a: a.activity_type_id == self.env.ref("industrial_miko.mail_act_call_back")
        )
        self.assertEqual(len(activity), 1)
        self.assertTrue(activity.user_id.has_group("industrial_crm.group_dispatcher"))
        self.assertFalse(activity.user_id.has_group("base.group_system"),
                         "the administrator holds every group but sorts no requests")
        self.assertFalse(activity.user_id.has_group("industrial_crm.group_director"))

    def test_missed_call_without_manager_goes_to_head(self):
        """A lead of a direction nobody took yet: its head calls back."""
        lead = self.env["crm.lead"].create({
            "name": "Pump for a furnace line", "type": "lead", "partner_id": self.customer.id,
            "direction_id": self.direction_hv.id, "user_id": False,
        })
        self.ingest(self.event("incoming-call", number="+7 495 111-22-33"), self.event("hangup"))
        activity = lead.activity_ids.filtered(
            lambda a: a.activity_type_id == self.env.ref("industrial_miko.mail_act_call_back")
        )
        self.assertEqual(activity.user_id, self.user_head)

    def test_missed_call_without_dispatchers_is_noted(self):
        """Nobody sorts requests: the missed call is noted on the lead, no activity for the admin."""
        group = self.env.ref("industrial_crm.group_dispatcher")
        above = self.env.ref("base.group_system") | self.env.ref("industrial_crm.group_director")
        group.users.filtered(lambda u: not u.groups_id & above).active = False
        call = self.ingest(self.event("incoming-call"), self.event("hangup"))
        self.assertFalse(call.lead_id.activity_ids.filtered(
            lambda a: a.activity_type_id == self.env.ref("industrial_miko.mail_act_call_back")
        ))
        self.assertTrue(call.lead_id.message_ids.filtered(lambda m: "Missed call" in (m.body or "")))

    def test_caller_name(self):
        """The caller's name comes from one indexed lookup; unknown or garbage gives nothing."""
        contact = self.env["res.partner"].create({
            "name": "Ivan Petrov", "parent_id": self.customer.id, "mobile": "+7 916 555-44-33",
        })
        Partner = self.env["res.partner"]
        with self.assertQueryCount(2):
            name = self.Call._caller_name(self.connection, Partner._industrial_find_contact("89165554433"))
        self.assertEqual(name, "Ivan Petrov (Cryogenmash JSC)")
        self.assertEqual(contact.industrial_mobile_e164, "+79165554433")
        for number in ("79990000000", "1" * 10240, "' OR 1=1 --"):
            self.assertEqual(self.Call._caller_name(self.connection, Partner._industrial_find_contact(number)), "")

    def test_replayed_event_query_count(self):
        """Replaying a known event costs a handful of queries and writes nothing."""
        event = self.event("hangup", user="201")
        self.ingest(self.event("incoming-call"), event)
        self.env.invalidate_all()
        with self.assertQueryCount(3):
            self.ingest(event)

    def test_bad_dates(self):
        """A garbage date falls back to the reception time instead of failing."""
        event = self.event("incoming-call", date="31/02/2026 25:61")
        self.assertTrue(event["start_date"])
        self.assertIsNone(self.event("incoming-call", call_id="", uid=""))
