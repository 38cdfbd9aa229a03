from unittest.mock import patch

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import OneCSyncCommon
from .test_sync import COUNTERPARTIES, PARTNERS

CRON = "industrial_1c_sync.ir_cron_industrial_1c_sync"


@tagged("post_install", "-at_install")
class TestSyncInBackground(OneCSyncCommon):
    """Sync Now queues the exchange and returns at once; the scheduled job runs it, one
    step per call, with its progress on the job and on the connection."""

    def setUp(self):
        super().setUp()
        self.connection.write({key: False for key in (
            "sync_products_in", "sync_orders_out", "sync_invoices_in", "sync_shipments_in", "sync_cash_in")})
        self.env["industrial.1c.connection"].search([("id", "!=", self.connection.id)]).active = False
        self.cron = self.env.ref(CRON)
        self.progress = self.env["ir.cron.progress"].sudo().create({"cron_id": self.cron.id})
        self.Connection = self.env["industrial.1c.connection"].with_context(ir_cron_progress_id=self.progress.id)

    def test_click_queues_and_returns_at_once(self):
        self._deal_with_request()
        self.server.add(COUNTERPARTIES, Description="From 1C", ИНН="7707083893")
        Trigger = self.env["ir.cron.trigger"].sudo()
        triggers = Trigger.search_count([("cron_id", "=", self.cron.id)])
        action = self.connection.with_user(self.user_admin_1c()).action_sync_now()
        self.assertEqual(action["params"]["type"], "info")
        self.assertEqual(self.server.requests, [], "1C is not called during the click")
        self.assertEqual(self.connection.run_state, "queued")
        self.assertEqual(self.connection.progress, "Queued")
        self.assertEqual(Trigger.search_count([("cron_id", "=", self.cron.id)]), triggers + 1, "the job is woken")
        with self.assertRaisesRegex(UserError, "already running"):
            self.connection.action_sync_now()

    def test_only_1c_managers_queue_an_exchange(self):
        for user in (self.user_manager, self.user_director):
            with self.assertRaises(AccessError):
                self.connection.with_user(user).action_sync_now()
        self.assertEqual(self.connection.run_state, "idle")

    def test_job_runs_one_step_per_call_with_progress(self):
        self._deal_with_request()
        self.server.add(COUNTERPARTIES, Description="From 1C", ИНН="7707083893")
        self.connection.action_sync_now()
        steps = ["partners_out", "counterparties_in", "orders_in", "payments_in"]
        self.assertEqual(self.connection.run_steps, ",".join(steps))
        self.Connection._cron_sync()
        self.assertEqual(self.connection.run_state, "running")
        self.assertEqual((self.progress.done, self.progress.remaining), (1, 3))
        self.assertEqual(len(self.server.data[PARTNERS]), 1, "the first step sent the company")
        self.assertFalse(self.env["res.partner"].search([("vat", "=", "7707083893")]), "not read yet")
        self.assertEqual(self.connection.run_steps, ",".join(steps[1:]))
        self.Connection._cron_sync()
        self.assertEqual((self.progress.done, self.progress.remaining), (1, 2))
        self.assertTrue(self.env["res.partner"].search([("vat", "=", "7707083893")]))
        self.assertIn("Step 3 of 4", self._step_progress())
        self.Connection._cron_sync()
        self.assertEqual((self.progress.done, self.progress.remaining), (1, 0))
        self.assertEqual(self.connection.run_state, "idle")
        self.assertEqual(self.connection.last_state, "ok")
        self.assertFalse(self.connection.progress)
        self.assertTrue(self.connection.next_run, "a full run moves the schedule")
        self.assertIn("2 records exchanged", self.connection.last_message)
        self.assertEqual(len(set(self._logs().mapped("run_uuid"))), 1, "one run across the calls")

    def _step_progress(self):
        seen = []
        original = type(self.connection)._run_next_step

        def spy(connection):
            result = original(connection)
            seen.append(connection.progress)
            return result
        with patch.object(type(self.connection), "_run_next_step", spy):
            self.Connection._cron_sync()
        return seen[0] or ""

    def test_due_connection_is_queued_by_the_schedule(self):
        self.connection.next_run = "2000-01-01 00:00:00"
        self.Connection._cron_sync()
        self.assertEqual(self.connection.run_state, "running", "queued and its first step run")
        self.assertEqual((self.progress.done, self.progress.remaining), (1, 3))

    def test_a_fault_of_ours_does_not_block_the_queue(self):
        self._deal_with_request()
        self.connection.action_sync_now()

        def half_done_then_bug(exporter):
            exporter.connection.counterparty_skip = 7
            self.customer.onec_dirty = False
            raise ZeroDivisionError("bug")
        with patch("odoo.addons.industrial_1c_sync.exchange.exporter.Exporter.partners",
                   half_done_then_bug), mute_logger(
                "odoo.addons.industrial_1c_sync.models.industrial_1c_connection"):
            self.Connection._cron_sync()
        for _call in range(3):
            self.Connection._cron_sync()
        self.assertEqual(self.connection.run_state, "idle")
        self.assertEqual(self.connection.last_state, "failed")
        self.assertIn("partners_out failed: see the server log", self.connection.last_message)
        self.assertEqual(self.server.data[PARTNERS], {})
        self.assertEqual(self.connection.counterparty_skip, 0, "the failed step left nothing half-written")
        self.assertTrue(self.customer.onec_dirty)
        self.assertEqual(self._logs(state="failed").error_kind, "error")

    def test_1c_down_fails_the_run_and_frees_the_connection(self):
        self.server.stop()
        self.connection.action_sync_now()
        with mute_logger("odoo.addons.industrial_1c_sync.models.industrial_1c_connection"):
            for _call in range(4):
                self.Connection._cron_sync()
        self.assertEqual(self.connection.run_state, "idle")
        self.assertEqual(self.connection.last_state, "failed")
        self.assertIn("1C does not answer at", self.connection.last_message)

    def user_admin_1c(self):
        return self.env["res.users"].create({
            "name": "1C admin", "login": "onec_admin_bg",
            "groups_id": [(6, 0, [self.env.ref("industrial_1c_sync.group_1c_sync_manager").id])],
        })
