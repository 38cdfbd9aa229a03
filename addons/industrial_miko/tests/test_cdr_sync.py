from datetime import datetime

from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import MikoCommon, cdr_record


@tagged("post_install", "-at_install")
class TestCdrSync(MikoCommon):
    def setUp(self):
        super().setUp()
        self.connection.cdr_watermark = datetime(2026, 11, 20, 6, 0, 0)  # 09:00 Moscow

    def test_sync_creates_calls_once(self):
        """Polling records each call once; a re-run creates nothing and keeps the watermark."""
        self.pbx.records = [
            cdr_record("mikopbx-1.1", "2026-11-20 09:05:00", "+7 (916) 123-45-67", "201",
                       answer="2026-11-20 09:05:10", endtime="2026-11-20 09:07:10", did="74950000000"),
            cdr_record("mikopbx-2.1", "2026-11-20 09:10:00", "201", "84951112233",
                       answer="2026-11-20 09:10:05", endtime="2026-11-20 09:11:05"),
        ]
        self.assertEqual(self.connection._sync_cdr(), 2)
        calls = self.calls()
        self.assertEqual(len(calls), 2)
        incoming = self.calls("mikopbx-1.1")
        self.assertEqual(incoming.call_direction, "incoming")
        self.assertEqual(incoming.disposition, "answered")
        self.assertEqual(incoming.start_date, datetime(2026, 11, 20, 6, 5, 0))
        self.assertEqual(incoming.duration, 120)
        self.assertEqual(incoming.user_id, self.user_manager)
        self.assertEqual(incoming.external_e164, "+79161234567")
        self.assertEqual(incoming.request_id.channel, "phone")
        outgoing = self.calls("mikopbx-2.1")
        self.assertEqual(outgoing.call_direction, "outgoing")
        self.assertEqual(outgoing.partner_id, self.customer, "the known customer's number is matched")
        self.assertFalse(outgoing.request_id, "an outgoing call is not a customer request")
        self.assertEqual(self.connection.cdr_watermark, datetime(2026, 11, 20, 6, 10, 0))
        requests = self.env["industrial.request"].search_count([])
        self.assertEqual(self.connection._sync_cdr(), 2)
        self.assertEqual(self.calls(), calls)
        self.assertEqual(self.env["industrial.request"].search_count([]), requests)

    def test_legs_merge(self):
        """Several legs of one linkedid make one call; the answered leg wins over the missed one."""
        answered = self.pbx.add_recording(cdr_record(
            "mikopbx-3.1", "2026-11-20 09:20:01", "79161234567", "202", disposition="ANSWERED",
            answer="2026-11-20 09:20:15", endtime="2026-11-20 09:21:15",
        ))
        self.pbx.records = [
            cdr_record("mikopbx-3.1", "2026-11-20 09:20:00", "79161234567", "201", disposition="NO ANSWER",
                       endtime="2026-11-20 09:20:20"),
            answered,
        ]
        self.connection._sync_cdr(page_size=1)
        call = self.calls()
        self.assertEqual(len(call), 1)
        self.assertEqual(call.disposition, "answered")
        self.assertEqual(call.duration, 60)
        self.assertTrue(call.has_recording)
        self.assertRegex(call.recording_url, r"^/pbxcore/api/v3/cdr:playback\?token=[0-9a-f]{32}$")
        self.assertEqual(call.recording_cdr_id, str(answered["id"]))
        self.assertEqual((call.extension, call.user_id), ("202", self.user_manager_other))

    def test_overlap_catches_late_record(self):
        """A record written late, a little before the watermark, still arrives on the next run."""
        self.pbx.records = [cdr_record("mikopbx-4.1", "2026-11-20 09:30:00", "79161234567", "201")]
        self.connection._sync_cdr()
        self.pbx.records.append(cdr_record("mikopbx-5.1", "2026-11-20 09:25:00", "79169998877", "201"))
        self.connection._sync_cdr()
        self.assertEqual(len(self.calls()), 2)

    @mute_logger("odoo.addons.industrial_miko.models.industrial_pbx_connection")
    def test_outage_keeps_watermark(self):
        """5xx, malformed JSON, timeout: logged on the exchange, watermark kept, next run catches up."""
        self.pbx.records = [cdr_record("mikopbx-6.1", "2026-11-20 09:40:00", "79161234567", "201")]
        watermark = self.connection.cdr_watermark
        for setup in ({"status": 502}, {"malformed": True}, {"delay": 1.5}):
            self.setUp()
            self.pbx.records = [cdr_record("mikopbx-6.1", "2026-11-20 09:40:00", "79161234567", "201")]
            for key, value in setup.items():
                setattr(self.pbx, key, value)
            self.assertFalse(self.connection._sync_cdr())
            self.assertTrue(self.connection.last_sync_error)
            self.assertEqual(self.connection.cdr_watermark, watermark)
            self.assertFalse(self.calls())
        self.setUp()
        self.pbx.records = [cdr_record("mikopbx-6.1", "2026-11-20 09:40:00", "79161234567", "201")]
        self.assertEqual(self.connection._sync_cdr(), 1)
        self.assertFalse(self.connection.last_sync_error)
        self.assertEqual(len(self.calls()), 1)

    @mute_logger("odoo.addons.industrial_miko.models.industrial_call")
    def test_hostile_records(self):
        """Bad dates are skipped; huge, HTML and SQL numbers are stored as inert text without a lead."""
        self.pbx.records = [
            cdr_record("mikopbx-7.1", "2026-11-20 09:50:00", "7" * 10240, "201"),
            cdr_record("mikopbx-7.2", "2026-11-20 09:51:00", "<script>alert(1)</script>", "201"),
            cdr_record("mikopbx-7.3", "2026-11-20 09:52:00", "'; DROP TABLE res_partner; --", "201"),
            cdr_record("mikopbx-7.4", "not a date", "79161234567", "201"),
            cdr_record("", "2026-11-20 09:53:00", "79161234567", "201", uniqueid=""),
        ]
        requests = self.env["industrial.request"].search_count([])
        self.assertEqual(self.connection._sync_cdr(), 5)
        calls = self.calls()
        self.assertEqual(sorted(calls.mapped("pbx_call_id")), ["mikopbx-7.1", "mikopbx-7.2", "mikopbx-7.3"])
        self.assertTrue(all(len(number) <= 65 for number in calls.mapped("external_number")))
        self.assertFalse(calls.mapped("lead_id"))
        self.assertEqual(self.env["industrial.request"].search_count([]), requests)
        self.assertTrue(self.env["res.partner"].search_count([]))

    @mute_logger("odoo.addons.industrial_miko.models.industrial_pbx_connection")
    def test_cron(self):
        """The scheduled action polls every active exchange and records the run."""
        self.pbx.records = [cdr_record("mikopbx-8.1", "2026-11-20 09:55:00", "79161234567", "201")]
        self.env.ref("industrial_miko.ir_cron_sync_cdr").method_direct_trigger()
        self.assertEqual(len(self.calls()), 1)
        self.assertTrue(self.connection.last_sync_date)
