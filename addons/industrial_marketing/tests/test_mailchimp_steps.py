from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from .marketing_common import MarketingCommon


@tagged("post_install", "-at_install")
class TestMailchimpSyncSteps(MarketingCommon):
    """A run is a sequence of short steps of the scheduled job, each stored on the sync:
    no call waits for Mailchimp, none commits by itself, a failed step leaves nothing."""

    def setUp(self):
        super().setUp()
        self.Param = self.env["ir.config_parameter"].sudo()
        self.Param.set_param("industrial_crm.mailchimp_chunk_size", "2")
        self.cron = self.env.ref("industrial_marketing.ir_cron_mailchimp_run_queued")
        self.progress = self.env["ir.cron.progress"].sudo().create(
            {"cron_id": self.cron.id, "done": 0, "remaining": 0})
        self.Sync = self.env["industrial.mailchimp.sync"].with_context(ir_cron_progress_id=self.progress.id)

    def _queue(self):
        action = self.segment.with_user(self.user_marketer).action_sync_mailchimp()
        return self.env["industrial.mailchimp.sync"].browse(action["res_id"])

    def _polls(self):
        return [p for m, p in self.mailchimp.requests if m == "GET" and p.startswith("/3.0/batches/")]

    def _triggers_after(self, seconds):
        return self.env["ir.cron.trigger"].sudo().search([
            ("cron_id", "=", self.cron.id),
            ("call_at", ">=", fields.Datetime.now() + timedelta(seconds=seconds)),
        ])

    def test_chunks_progress_across_calls(self):
        self.Param.set_param("industrial_crm.mailchimp_poll_interval", "30")
        sync = self._queue()
        seen = []
        for _call in range(12):
            self.Sync._cron_run_queued()
            seen.append((sync.state, sync.step, sync.processed_count, round(sync.progress),
                         len(self.mailchimp.member_puts()), self.progress.done, self.progress.remaining))
            if sync.state == "done":
                break
        self.assertEqual(seen, [
            ("running", "recover", 0, 0, 0, 1, 1),  # started, unsubscribes pulled, 6 contacts counted
            ("running", "push", 0, 0, 0, 1, 1),  # no batch of an earlier run to read back
            ("running", "push", 2, 33, 0, 1, 1),  # one chunk of two contacts per call, kept on the sync
            ("running", "push", 4, 67, 0, 1, 1),
            ("running", "push", 6, 100, 0, 1, 1),
            ("running", "poll", 6, 100, 6, 1, 1),  # segment through: the six members go in one batch
            ("running", "poll", 6, 100, 6, 0, 0),  # still running at Mailchimp: the job is called back later
            ("running", "push", 6, 100, 6, 1, 1),  # finished: results recorded
            ("done", False, 6, 100, 6, 1, 0),
        ])
        self.assertEqual(len(self._polls()), 2, "one poll per call")
        self.assertTrue(self._triggers_after(25), "the waiting run re-triggers the job after the poll interval")
        self.assertEqual((sync.sent_count, sync.error_count), (6, 0))
        self.assertEqual(len(self._lines(sync, "sent")), 6)
        self.assertFalse(sync.pending_items or sync.seen_emails or sync.pending_batch_id,
                         "nothing of the run's working state is left on a finished sync")
        self.assertEqual(sync.request_count, len(self.mailchimp.requests), "requests counted over all calls")

    def test_scheduled_action_runs_the_steps(self):
        """Through the scheduled action itself (its code, its user): one step per run of it."""
        sync = self._queue()
        runs = 0
        while sync.state in ("draft", "running") and runs < 20:
            self.cron.method_direct_trigger()
            runs += 1
        self.assertEqual((sync.state, sync.sent_count), ("done", 6), sync.log)
        self.assertGreater(runs, 3, "the sync is split over several runs of the job")
        progress = self.env["ir.cron.progress"].sudo().search([("cron_id", "=", self.cron.id)], order="id desc",
                                                              limit=1)
        self.assertEqual((progress.done, progress.remaining), (1, 0), "the last run reports nothing left")

    def test_duplicates_found_across_chunks(self):
        self.contacts[4].email = self.contacts[0].email.upper()
        sync = self._sync()
        self.assertEqual(sync.state, "done", sync.log)
        self.assertEqual(self._lines(sync, "duplicate").partner_id, self.contacts[4],
                         "an address met in an earlier call is still known")
        self.assertEqual(sync.sent_count, 5)

    def test_pending_batch_keeps_run_running(self):
        self.Param.set_param("industrial_crm.mailchimp_poll_interval", "60")
        self.mailchimp.polls_before_finish = 3
        sync = self._queue()
        while sync.step != "poll":
            self.Sync._cron_run_queued()
        batch = sync.pending_batch_id
        self.assertTrue(batch)
        for poll in range(1, 4):
            self.Sync._cron_run_queued()
            self.assertEqual((sync.state, sync.step, sync.pending_batch_id), ("running", "poll", batch))
            self.assertEqual(len(self._polls()), poll, "one poll per call, no waiting inside it")
            self.assertEqual((self.progress.done, self.progress.remaining), (0, 0))
            self.assertEqual(sync.sent_count, 0, "nothing recorded before Mailchimp has finished")
        self.assertTrue(self._triggers_after(55), "called back after the poll interval, not at once")
        self.Sync._cron_run_queued()
        self.assertEqual((sync.state, sync.step, sync.pending_batch_id, sync.sent_count), ("running", "push", False, 6))
        self.assertIn(f"Batch {batch} finished: 12 operations, 0 errors.", sync.log)
        self._run_job(sync, self.Sync)
        self.assertEqual(sync.state, "done", sync.log)

    def test_batch_never_finishing_fails_the_run(self):
        self.mailchimp.polls_before_finish = 1000
        sync = self._queue()
        while sync.step != "poll":
            self.Sync._cron_run_queued()
        self.Sync._cron_run_queued()
        self.assertEqual(sync.state, "running")
        sync.batch_date = fields.Datetime.now() - timedelta(hours=2)
        self.Sync._cron_run_queued()
        self.assertEqual(sync.state, "failed")
        self.assertIn(f"Mailchimp is unavailable: Mailchimp has not finished batch {sync.pending_batch_id} in an "
                      "hour; start the sync again later, it reads the batch back.", sync.log)
        self.assertTrue(sync.pending_batch_id, "the next run reads the batch back")

    def _fail_in_the_middle(self):
        """Second chunk: contact 2 to send, contact 3 invalid; Mailchimp then answers 503."""
        self.Param.set_param("industrial_crm.mailchimp_batch_size", "1")
        self.contacts[3].email = "not an email"
        sync = self._queue()
        while sync.processed_count < 2:
            self.Sync._cron_run_queued()
        self.assertEqual((sync.state, sync.sent_count), ("running", 2))
        self.mailchimp.fail_next = [(503, "Service Unavailable", "Try again later")] * 4
        self.Sync._cron_run_queued()
        self.assertEqual(sync.state, "failed")
        self.assertEqual((sync.processed_count, sync.sent_count, sync.skipped_count), (2, 2, 0),
                         "the failed step's counts are undone")
        self.assertFalse(sync.line_ids.filtered(lambda line: line.partner_id == self.contacts[3]),
                         "the failed step's lines are undone")
        self.assertEqual(len(self._lines(sync, "sent")), 2)
        self.assertEqual(len(self.env["industrial.mailchimp.member"].search([])), 2,
                         "only members Mailchimp accepted are recorded")
        self.assertFalse(sync.pending_items)
        return sync

    def test_error_in_the_middle_leaves_nothing_half_written(self):
        sync = self._fail_in_the_middle()
        self.assertIn("Mailchimp is unavailable: Try again later. Sent members are recorded; "
                      "a new run sends the rest.", sync.log)
        again = self._sync()
        self.assertEqual((again.state, again.sent_count, again.unchanged_count, again.skipped_count),
                         ("done", 3, 2, 1), again.log)

    def test_error_in_the_middle_in_russian(self):
        self.env["res.lang"]._activate_lang("ru_RU")
        self.env.ref("base.user_admin").lang = "ru_RU"
        self.Sync = self.Sync.with_context(lang=None)
        sync = self._fail_in_the_middle()
        self.assertIn("Mailchimp недоступен: Try again later. Отправленные контакты учтены; новый запуск "
                      "отправит остальные.", sync.log)
