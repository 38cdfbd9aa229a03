"""The PBX event path after the redesign: the number is normalized once, at the edge (the event
parser), with the suite's one region setting; the caller is looked up once; Pull Call History is
queued for the scheduled job (against the emulated exchange of tools/miko_emulator.py)."""

from datetime import datetime
from unittest.mock import patch

from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import MikoCommon, cdr_record

CUSTOMER = "79161234567"


@tagged("post_install", "-at_install")
class TestEventPath(MikoCommon):
    def count_calls(self, model, method):
        """Patch ``model.method`` to count its calls, still running it."""
        cls = type(self.env[model])
        original = getattr(cls, method)
        return patch.object(cls, method, autospec=True, side_effect=original)

    def test_known_caller_resolved_once(self):
        """A known customer's ring: one normalization, one lookup, from the webhook to the landed call."""
        contact = self.env["res.partner"].create({"name": "Known Caller", "mobile": "+7 916 123-45-67",
                                                  "parent_id": self.customer.id})
        deal = self._create_deal(partner_id=contact.id)
        self.env.flush_all()
        with self.count_calls("res.partner", "_industrial_search_contact") as search, \
                self.count_calls("res.partner", "_industrial_normalize_phone") as normalize:
            status, name = self.Call._receive_alert(self.connection, {
                "action": "incoming-call", "id": "mikopbx-300.1", "number": "8 (916) 123-45-67",
                "did": "74957814210",
            })
            self.Call._cron_link_calls()
        self.assertEqual((status, name), (200, "Known Caller (Cryogenmash JSC)"))
        self.assertEqual(search.call_count, 1, "the caller is looked up once")
        self.assertEqual(normalize.call_count, 1, "the number is normalized once, at the edge")
        call = self.calls("mikopbx-300.1")
        self.assertEqual((call.external_e164, call.partner_id, call.lead_id), ("+79161234567", contact, deal))
        self.assertEqual(call.request_id.phone_e164, "+79161234567")
        self.assertFalse(call.request_id.is_new_customer)

    def test_call_to_employee_resolved_once(self):
        """The call event, landed at once to ring the caller card: one normalization and one lookup."""
        with self.count_calls("res.partner", "_industrial_search_contact") as search, \
                self.count_calls("res.partner", "_industrial_normalize_phone") as normalize:
            self.Call._receive_alert(self.connection, {
                "action": "call", "id": "mikopbx-301.1", "date": "2026-11-20T10:00:00+03:00", "user": "201",
                "src": "+7 916 765-43-21", "dst": "201", "did": "74957814210",
            })
        self.assertEqual((search.call_count, normalize.call_count), (1, 1))
        call = self.calls("mikopbx-301.1")
        self.assertTrue(call.request_id.is_new_customer)
        self.assertEqual(call.partner_id.industrial_phone_e164, "+79167654321")

    def test_one_region_for_the_suite(self):
        """Numbers without a country code and the dial string follow the suite's region setting."""
        self.assertNotIn("phone_region", self.connection._fields, "no second region setting")
        Param = self.env["ir.config_parameter"].sudo()
        self.addCleanup(Param.set_param, "industrial_crm.phone_region", "RU")
        Param.set_param("industrial_crm.phone_region", "DE")
        event = self.Call._event_from_webhook(self.connection, {
            "action": "incoming-call", "id": "mikopbx-302.1", "number": "030 1234567",
        })
        self.assertEqual(event["external_e164"], "+49301234567")
        self.connection.dial_pattern = "0{national}"
        self.assertEqual(self.connection._dial_string("+49301234567"), "0301234567")
        self.assertEqual(self.connection._dial_string("+74951234567"), "+74951234567")

    def test_calls_written_directly_get_their_key(self):
        """A call written without the parser (demo, imports) still gets its E.164 key."""
        call = self.Call.create({"connection_id": self.connection.id, "pbx_call_id": "direct-1",
                                 "external_number": "8 916 000-11-22", "call_direction": "outgoing"})
        self.assertEqual(call.external_e164, "+79160001122")


@tagged("post_install", "-at_install")
class TestPullCallHistoryQueued(MikoCommon):
    def setUp(self):
        super().setUp()
        self.connection.cdr_watermark = datetime(2026, 11, 20, 6, 0, 0)
        self.cron = self.env.ref("industrial_miko.ir_cron_sync_cdr")
        self.pbx.records = [
            cdr_record("mikopbx-310.1", "2026-11-20 09:05:00", CUSTOMER, "201",
                       answer="2026-11-20 09:05:10", endtime="2026-11-20 09:07:10"),
            cdr_record("mikopbx-311.1", "2026-11-20 09:10:00", "201", "84951112233",
                       answer="2026-11-20 09:10:05", endtime="2026-11-20 09:11:05"),
        ]

    def last_progress(self):
        return self.env["ir.cron.progress"].sudo().search([("cron_id", "=", self.cron.id)], order="id desc", limit=1)

    def test_button_queues_and_returns(self):
        """The click asks nothing of the exchange: it queues and wakes the job, which pulls and reports."""
        triggers = self.env["ir.cron.trigger"].sudo().search_count([("cron_id", "=", self.cron.id)])
        action = self.connection.with_user(self.user_admin).action_sync_cdr()
        self.assertEqual(action["tag"], "display_notification")
        self.assertEqual(self.pbx.requests, [], "nothing asked of the exchange in the click")
        self.assertFalse(self.calls())
        self.assertEqual(self.connection.cdr_sync_state, "queued")
        self.assertEqual(
            self.env["ir.cron.trigger"].sudo().search_count([("cron_id", "=", self.cron.id)]), triggers + 1
        )
        self.cron.method_direct_trigger()
        self.assertEqual(len(self.calls()), 2)
        self.assertEqual(self.connection.cdr_sync_state, "done")
        self.assertEqual(self.connection.last_sync_count, 2)
        self.assertTrue(self.connection.last_sync_date)
        self.assertEqual((self.last_progress().done, self.last_progress().remaining), (1, 0))

    def test_queued_exchanges_one_per_run(self):
        """Two queued exchanges: one per run, the job is told one remains (the scheduler runs it again)."""
        other = self.connection.copy({"name": "Branch exchange", "webhook_secret": "other-secret"})
        (self.connection | other).action_sync_cdr()
        self.cron.method_direct_trigger()
        self.assertEqual((self.last_progress().done, self.last_progress().remaining), (1, 1))
        self.assertEqual(self.connection.cdr_sync_state, "done")
        self.assertEqual(other.cdr_sync_state, "queued")
        self.cron.method_direct_trigger()
        self.assertEqual(other.cdr_sync_state, "done")
        self.assertEqual((self.last_progress().done, self.last_progress().remaining), (1, 0))

    @mute_logger("odoo.addons.industrial_miko.models.industrial_pbx_connection")
    def test_failure_shows_on_the_exchange(self):
        """An exchange in trouble: the pull fails on the record with a sentence, nothing half-written."""
        self.pbx.status = 502
        self.connection.action_sync_cdr()
        self.cron.method_direct_trigger()
        self.assertEqual(self.connection.cdr_sync_state, "failed")
        self.assertIn("HTTP 502", self.connection.last_sync_error)
        self.assertFalse(self.calls())
        self.assertEqual(self.connection.cdr_watermark, datetime(2026, 11, 20, 6, 0, 0))

    @mute_logger("odoo.addons.industrial_miko.models.industrial_pbx_connection")
    def test_crash_of_one_exchange_keeps_the_others(self):
        """A hard failure (not an exchange error) is rolled back to its savepoint and shown; the others pull."""
        other = self.connection.copy({"name": "Branch exchange", "webhook_secret": "other-secret"})
        Connection = type(self.env["industrial.pbx.connection"])
        original = Connection._sync_cdr

        def crash_first(connection, *args, **kwargs):
            if connection == self.connection:
                connection.write({"cdr_watermark": datetime(2030, 1, 1)})
                raise RuntimeError("boom")
            return original(connection, *args, **kwargs)

        (self.connection | other).action_sync_cdr()
        with patch.object(Connection, "_sync_cdr", autospec=True, side_effect=crash_first):
            self.env["industrial.pbx.connection"]._cron_sync_cdr()
            self.env["industrial.pbx.connection"]._cron_sync_cdr()
        self.assertEqual(self.connection.cdr_sync_state, "failed")
        self.assertEqual(self.connection.cdr_watermark, datetime(2026, 11, 20, 6, 0, 0), "rolled back")
        self.assertTrue(self.connection.last_sync_error)
        self.assertEqual(other.cdr_sync_state, "done")
