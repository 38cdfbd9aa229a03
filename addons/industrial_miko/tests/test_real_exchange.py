"""The module against MikoPBX as its published source behaves (see tools/miko_emulator.py):
CDR API v3, transferred calls, playback tokens, the 40-byte caller name, the placeholders of
each ModuleHttpAlert event and the dial string."""

import re
from datetime import datetime
from pathlib import Path
from urllib.parse import parse_qs, urlparse

from odoo.exceptions import ValidationError
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from odoo.addons.industrial_miko.tools import MikoRecordingExpiredError, MikoRestClient
from odoo.addons.industrial_miko.tools.miko_emulator import EVENT_PLACEHOLDERS, TEMPLATES, TOKEN_TTL

from .common import API_KEY, WEBHOOK_SECRET, HttpAlert, MikoCommon, cdr_record

CUSTOMER = "79161234567"


@tagged("post_install", "-at_install")
class TestCdrApiAsPublished(MikoCommon):
    def test_local_date_and_limit(self):
        """dateFrom is sent in the exchange's local time, pages hold at most 1000 records, ungrouped."""
        self.connection.cdr_watermark = datetime(2026, 11, 20, 6, 0, 0)  # 09:00 in Moscow
        self.pbx.records = [cdr_record("mikopbx-20.1", "2026-11-20 08:55:00.123", CUSTOMER, "201")]
        self.assertEqual(self.connection._sync_cdr(page_size=5000), 1)
        query = parse_qs(urlparse(self.pbx.requests[0]).query)
        self.assertEqual(query["dateFrom"], ["2026-11-20 08:50:00"], "watermark minus 10 min, Moscow time")
        self.assertEqual(query["limit"], ["1000"])
        self.assertEqual(query["grouped"], ["false"])
        self.assertEqual(self.calls().start_date, datetime(2026, 11, 20, 5, 55, 0), "milliseconds dropped")

    def test_dispositions(self):
        """Each published disposition gives its outcome."""
        expected = {"ANSWERED": "answered", "NO ANSWER": "missed", "NOANSWER": "missed", "BUSY": "busy",
                    "FAILED": "failed"}
        self.connection.cdr_watermark = datetime(2026, 11, 20, 6, 0, 0)
        self.pbx.records = [
            cdr_record(f"mikopbx-21.{i}", f"2026-11-20 09:0{i}:00", CUSTOMER, "201", disposition=disposition,
                       answer=f"2026-11-20 09:0{i}:05" if disposition == "ANSWERED" else "")
            for i, disposition in enumerate(expected)
        ]
        self.connection._sync_cdr()
        for i, outcome in enumerate(expected.values()):
            self.assertEqual(self.calls(f"mikopbx-21.{i}").disposition, outcome)

    def test_envelope_and_refusals(self):
        """The v3 envelope is read; a negative offset is refused (422) with the exchange's words."""
        client = MikoRestClient(self.pbx.url, API_KEY, timeout=1, retries=0)
        self.pbx.records = [cdr_record("mikopbx-22.1", "2026-11-20 09:00:00", CUSTOMER, "201")]
        records, total = client.get_cdr_page("2026-11-20 00:00:00", limit=5000)
        self.assertEqual((len(records), total), (1, 1))
        self.assertEqual(parse_qs(urlparse(self.pbx.requests[-1]).query)["limit"], ["1000"])
        with self.assertRaisesRegex(Exception, "HTTP 422"):
            client.get_cdr_page("2026-11-20 00:00:00", offset=-1)


@tagged("post_install", "-at_install")
class TestTransferredCalls(MikoCommon):
    """Legs of one linkedid, the later ones between extensions (CreateRowTransfer.php)."""

    def legs(self, call_id="mikopbx-30.1"):
        return [
            cdr_record(call_id, "2026-11-20 10:00:00", CUSTOMER, "201", answer="2026-11-20 10:00:05",
                       endtime="2026-11-20 10:01:00", did="74957814210"),
            cdr_record(call_id, "2026-11-20 10:00:35", "201", "202", answer="2026-11-20 10:00:40",
                       endtime="2026-11-20 10:01:00", transfer="1"),
            cdr_record(call_id, "2026-11-20 10:01:00", CUSTOMER, "202", answer="2026-11-20 10:01:00",
                       endtime="2026-11-20 10:05:00", did="74957814210"),
        ]

    def assert_customer_call(self, call):
        self.assertEqual(len(call), 1)
        self.assertEqual(call.call_direction, "incoming", "a leg between extensions never makes it internal")
        self.assertEqual(call.external_e164, "+" + CUSTOMER)
        self.assertTrue(call.lead_id and call.request_id and call.partner_id, "the customer gets his lead")
        self.assertEqual((call.answer_extension, call.answer_user_id), ("201", self.user_manager))
        self.assertEqual((call.extension, call.user_id), ("202", self.user_manager_other))
        self.assertEqual(call.answer_date, datetime(2026, 11, 20, 7, 0, 5))
        self.assertEqual(call.last_answer_date, datetime(2026, 11, 20, 7, 1, 0))
        self.assertEqual(call.duration, 295)
        self.assertEqual(call.disposition, "answered")

    def test_one_page(self):
        self.connection.cdr_watermark = datetime(2026, 11, 20, 6, 55, 0)
        self.pbx.records = self.legs()
        self.connection._sync_cdr()
        self.assert_customer_call(self.calls())

    def test_leg_by_leg_in_any_order(self):
        """One leg per page, the internal leg first or last: the same call."""
        for order in ((0, 1, 2), (1, 2, 0), (2, 1, 0)):
            call_id = "mikopbx-31.%s" % "".join(map(str, order))
            legs = self.legs(call_id)
            for index in order:
                self.Call._ingest_cdr(self.connection, [legs[index]])
            self.assert_customer_call(self.calls(call_id))

    def test_published_fixture_chain(self):
        """The linked call of MikoPBX's own API fixtures: 79001234567 -> 201 -> 202 -> 203."""
        self.connection.extension_ids = [(0, 0, {"extension": "203", "user_id": self.user_manager_2.id})]
        self.Call._ingest_cdr(self.connection, [
            cdr_record("mikopbx-linked-call.100", "2025-10-18 14:30:00.000", "79001234567", "201",
                       answer="2025-10-18 14:30:05.000", endtime="2025-10-18 14:32:30.000"),
            cdr_record("mikopbx-linked-call.100", "2025-10-18 14:30:35.000", "201", "202",
                       answer="2025-10-18 14:30:40.000", endtime="2025-10-18 14:35:00.000"),
            cdr_record("mikopbx-linked-call.100", "2025-10-18 14:35:05.000", "202", "203",
                       answer="2025-10-18 14:35:10.000", endtime="2025-10-18 14:40:00.000"),
        ])
        call = self.calls("mikopbx-linked-call.100")
        self.assertEqual(call.call_direction, "incoming")
        self.assertEqual(call.external_e164, "+79001234567")
        self.assertTrue(call.lead_id)
        self.assertEqual(call.answer_user_id, self.user_manager)
        self.assertEqual(call.user_id, self.user_manager_2)

    def test_transfer_by_live_events(self):
        """ListenerAMI::cloneCdr sends a call and an answer for the transferee: kept as the final user."""
        params = {"id": "mikopbx-32.1", "did": "74957814210"}
        for extra in (
            {"action": "incoming-call", "number": CUSTOMER},
            {"action": "call", "date": "2026-11-20T10:00:00+03:00", "user": "201", "src": CUSTOMER, "dst": "201"},
            {"action": "answer", "date": "2026-11-20T10:00:05+03:00", "user": "201", "src": CUSTOMER, "dst": "201"},
            {"action": "call", "date": "2026-11-20T10:01:00+03:00", "user": "202", "src": CUSTOMER, "dst": "202"},
            {"action": "answer", "date": "2026-11-20T10:01:00+03:00", "user": "202", "src": CUSTOMER, "dst": "202"},
            {"action": "hangup", "date": "2026-11-20T10:05:00+03:00", "user": "202"},
        ):
            self.Call._receive_alert(self.connection, dict(params, **extra))
        self.Call._cron_link_calls()
        self.assert_customer_call(self.calls("mikopbx-32.1"))


@tagged("post_install", "-at_install")
class TestRecordingTokens(MikoCommon):
    def setUp(self):
        super().setUp()
        self.leg = self.pbx.add_recording(cdr_record(
            "mikopbx-40.1", "2026-11-20 10:00:00", CUSTOMER, "201", answer="2026-11-20 10:00:05",
            endtime="2026-11-20 10:01:00",
        ), audio=b"ID3-the-talk")
        self.pbx.records = [
            cdr_record("mikopbx-40.1", "2026-11-20 09:59:58", CUSTOMER, "200", disposition="NO ANSWER"), self.leg,
        ]
        self.connection.cdr_watermark = datetime(2026, 11, 20, 6, 55, 0)
        self.connection._sync_cdr()
        self.call = self.calls("mikopbx-40.1")

    def test_plays_after_an_hour(self):
        """The stored link dies after 3600 s (403); playing reads the call again for a fresh token."""
        stale = self.call.recording_url
        self.pbx.advance(TOKEN_TTL + 1)
        client = self.connection._rest_client()
        with self.assertRaises(MikoRecordingExpiredError) as refused:
            client.open_recording(stale)
        self.assertEqual(refused.exception.reason, "Invalid or expired playback token")
        self.assertEqual(b"".join(self.call._open_recording().iter_content(1024)), b"ID3-the-talk")
        self.assertNotEqual(self.call.recording_url, stale)
        self.assertIn(f"linkedid={self.call.pbx_call_id}", self.pbx.requests[-2])

    def test_expired_is_not_a_refused_key(self):
        """A 403 on a playback link says the link expired, not that the API key is refused."""
        self.pbx.advance(TOKEN_TTL + 1)
        with mute_logger("odoo.addons.industrial_miko.models.industrial_pbx_connection"):
            try:
                self.connection._rest_client().open_recording(self.call.recording_url)
            except MikoRecordingExpiredError as error:
                text = self.connection._error_text(error)
        self.assertIn("has expired", text)
        self.assertNotIn("API key", text)

    def test_recording_known_from_live_event_only(self):
        """end-call's filename marks a recording; playing finds its link in the call history."""
        self.Call._receive_alert(self.connection, {
            "id": "mikopbx-40.1", "action": "end-call", "date": "2026-11-20T10:00:00+03:00", "user": "201",
            "src": CUSTOMER, "dst": "201", "missed": "", "filename": self.leg["recordingfile"],
        })
        self.call.sudo().write({"recording_url": False, "recording_cdr_id": False})
        self.assertEqual(b"".join(self.call._open_recording().iter_content(1024)), b"ID3-the-talk")


@tagged("post_install", "-at_install")
class TestRecordingRoute(HttpCase, MikoCommon):
    def test_route_after_token_expiry(self):
        self.pbx.records = [self.pbx.add_recording(cdr_record(
            "mikopbx-41.1", "2026-11-20 10:00:00", CUSTOMER, "201", answer="2026-11-20 10:00:05",
            endtime="2026-11-20 10:01:00",
        ))]
        self.connection.cdr_watermark = datetime(2026, 11, 20, 6, 55, 0)
        self.connection._sync_cdr()
        call = self.calls("mikopbx-41.1")
        self.pbx.advance(2 * TOKEN_TTL)
        self.authenticate("t_manager", "t_manager")
        response = self.url_open(f"/industrial_miko/call/{call.id}/recording")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.content, b"ID3-fake-mp3")


@tagged("post_install", "-at_install")
class TestCallerNameBytes(HttpCase, MikoCommon):
    """agi-bin/incomingCallAlert.php sets substr(name, 0, 40) bytes as CALLERID(name)."""

    NAME = "Константин Константинопольский"  # 59 bytes: byte 40 falls inside a letter

    def setUp(self):
        super().setUp()
        self.env["res.partner"].create({"name": self.NAME, "mobile": "+7 916 555-44-33"})
        self.alert = HttpAlert(f"{self.base_url()}/industrial_miko/alert/{WEBHOOK_SECRET}")

    def test_name_arrives_whole(self):
        with self.assertRaises(UnicodeDecodeError):
            self.NAME.encode()[:40].decode("utf-8")  # what the exchange would do to the whole name
        code, caller_id = self.alert.incoming_call("mikopbx-50.1", "89165554433")
        self.assertEqual(code, 200)
        self.assertLessEqual(len(caller_id), 40)
        name = caller_id.decode("utf-8")  # no half letter
        self.assertTrue(self.NAME.startswith(name) and len(name) >= 19, name)

    def test_cut_never_splits_a_character(self):
        """Two-, three- and four-byte characters: the answer is whole UTF-8 of at most 40 bytes."""
        for name in ("Ёлкин" * 9, "東京真空" * 5, "😀" * 11, "A" * 60):
            partner = self.env["res.partner"].create({"name": name, "phone": "+7 916 000-00-01"})
            answer = self.Call._caller_name(
                self.connection, self.env["res.partner"]._industrial_find_contact("89160000001"))
            self.assertLessEqual(len(answer.encode()), 40)
            self.assertTrue(name.startswith(answer) and len(answer.encode()) > 36, answer)
            partner.phone = False

    def test_latin_setting(self):
        """Transliterated, the name survives revisions that keep only [a-zA-Z0-9]."""
        self.connection.caller_name_latin = True
        self.env.flush_all()
        code, caller_id = self.alert.incoming_call("mikopbx-50.2", "89165554433")
        self.assertEqual(caller_id.decode("ascii"), "Konstantin Konstantinopolskii")
        self.alert.revision = "8b447e5"
        code, caller_id = self.alert.incoming_call("mikopbx-50.3", "89165554433")
        self.assertEqual(caller_id, b"KonstantinKonstantinopolskii")
        self.connection.caller_name_latin = False
        self.env.flush_all()
        code, caller_id = self.alert.incoming_call("mikopbx-50.4", "89165554433")
        self.assertEqual(caller_id, b"", "a Cyrillic name is wiped out by that revision: hence the setting")


@tagged("post_install", "-at_install")
class TestAlertPlaceholders(HttpCase, MikoCommon):
    """Only the placeholders each event really fills (bin/ListenerAMI.php, agi-bin/incomingCallAlert.php)."""

    def setUp(self):
        super().setUp()
        self.alert = HttpAlert(f"{self.base_url()}/industrial_miko/alert/{WEBHOOK_SECRET}")

    def test_usage_templates(self):
        """readme/USAGE.md gives exactly the emulator's templates; each uses only its event's placeholders."""
        usage = (Path(__file__).parents[1] / "readme" / "USAGE.md").read_text()
        for event, template in TEMPLATES.items():
            self.assertIn(f"`{template}`", usage, event)
            used = set(re.findall(r"<([^>]+)>", template))
            self.assertLessEqual(used, EVENT_PLACEHOLDERS[event], event)
        self.assertNotIn("disposition", usage)

    def test_answered_call(self):
        """Incoming, ringing 201, answer, hangup, end of call: answered, times from the ISO dates."""
        start = datetime(2026, 11, 20, 10, 0, 0)  # Moscow
        self.assertEqual(self.alert.incoming_call("mikopbx-60.1", CUSTOMER)[0], 200)
        self.alert.call("mikopbx-60.1", CUSTOMER, "201", start)
        self.alert.answer("mikopbx-60.1", CUSTOMER, "201", start.replace(second=12))
        self.alert.hangup("mikopbx-60.1", "201", start.replace(minute=2))
        self.alert.end_call("mikopbx-60.1", CUSTOMER, "201", start, missed=False,
                            filename="/storage/usbdisk1/mikopbx/astspool/monitor/x.mp3")
        self.assertIn("missed=&", self.alert.sent[-1], "false arrives empty")
        call = self.calls("mikopbx-60.1")
        self.assertEqual(call.disposition, "answered")
        self.assertEqual(call.start_date, datetime(2026, 11, 20, 7, 0, 0))
        self.assertEqual(call.answer_date, datetime(2026, 11, 20, 7, 0, 12))
        self.assertEqual(call.end_date, datetime(2026, 11, 20, 7, 2, 0))
        self.assertEqual(call.user_id, self.user_manager)
        self.assertTrue(call.has_recording)
        self.assertTrue(call.lead_id, "the call to the employee lands the call at once")

    def test_missed_call(self):
        """No answer: hangup then end of call with missed=1; the manager whose phone rang is told in his inbox."""
        start = datetime(2026, 11, 20, 11, 0, 0)
        self.alert.incoming_call("mikopbx-61.1", CUSTOMER)
        self.alert.call("mikopbx-61.1", CUSTOMER, "201", start)
        self.alert.hangup("mikopbx-61.1", "201", start.replace(second=30))
        self.alert.end_call("mikopbx-61.1", CUSTOMER, "201", start, missed=True)
        self.assertIn("missed=1&", self.alert.sent[-1])
        call = self.calls("mikopbx-61.1")
        self.assertEqual(call.disposition, "missed")
        self.assertTrue(call.lead_id.activity_ids.filtered(
            lambda a: a.activity_type_id == self.env.ref("industrial_miko.mail_act_call_back")))
        inbox = self.env["mail.notification"].search([
            ("res_partner_id", "=", self.user_manager.partner_id.id), ("notification_type", "=", "inbox"),
            ("mail_message_id.model", "=", "crm.lead"), ("mail_message_id.res_id", "=", call.lead_id.id),
        ])
        self.assertEqual(len(inbox), 1)
        self.assertIn("Missed call", inbox.mail_message_id.body)

    def test_unknown_placeholders_arrive_removed(self):
        """A template asking for <disposition> (never filled) sends it empty: nothing depends on it."""
        self.alert.templates["hangup"] += "&disposition=<disposition>"
        self.alert.incoming_call("mikopbx-62.1", CUSTOMER)
        self.alert.hangup("mikopbx-62.1", "201", datetime(2026, 11, 20, 12, 0, 30))
        self.assertIn("disposition=", self.alert.sent[-1])
        self.assertNotIn("<", self.alert.sent[-1])
        self.assertEqual(self.calls("mikopbx-62.1").disposition, "missed")

    def test_older_revision_incoming_call(self):
        """The older call to the company also sent date, uid and channel: read the same."""
        response = self.url_open(
            f"/industrial_miko/alert/{WEBHOOK_SECRET}?date=2026-11-20T13:10:10%2B03:00&id=mikopbx-63.1"
            f"&uid=mikopbx-63.2_een3wt&number={CUSTOMER}&channel=PJSIP/SIP-1-0000007c&did=1233&action=incoming-call"
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(self.calls("mikopbx-63.1").start_date, datetime(2026, 11, 20, 10, 10, 10))


@tagged("post_install", "-at_install")
class TestDialPattern(MikoCommon):
    def originate(self, partner):
        partner.with_user(self.user_manager).action_industrial_call()
        return [a for a in self.ami.actions if a["Action"] == "Originate"][-1]["Exten"]

    def test_patterns(self):
        """+7 by default, 8 + national number for exchanges whose outside lines take 8."""
        self.assertEqual(self.originate(self.customer), "+74951112233")
        self.connection.dial_pattern = "8{national}"
        self.assertEqual(self.originate(self.customer), "84951112233")
        self.connection.dial_pattern = "98{national}"
        self.assertEqual(self.originate(self.customer), "984951112233")
        foreign = self.env["res.partner"].create({"name": "Vakuum GmbH", "phone": "+49 30 1234567"})
        self.assertEqual(self.originate(foreign), "+49301234567", "other countries: E.164")

    def test_bad_patterns(self):
        for pattern in ("abc", "8{city}", "{national}x", "8"):
            with self.assertRaisesRegex(ValidationError, "dial string"):
                self.connection.dial_pattern = pattern
