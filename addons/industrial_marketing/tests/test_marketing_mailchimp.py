import hashlib

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .marketing_common import LIST_ID, MarketingCommon


def member_hash(email):
    return hashlib.md5(email.lower().encode()).hexdigest()


@tagged("post_install", "-at_install")
class TestMarketingMailchimp(MarketingCommon):

    def test_batch_sync_merge_fields_and_tags(self):
        sync = self._sync()
        self.assertEqual(sync.state, "done", sync.log)
        self.assertEqual((sync.total_count, sync.sent_count, sync.error_count), (6, 6, 0))
        self.assertEqual(sync.progress, 100.0)
        self.assertTrue(sync.batch_ids, "six members go through a batch operation")
        polls = [p for m, p in self.mailchimp.requests if m == "GET" and p.startswith("/3.0/batches/")]
        self.assertEqual(len(polls), 2, "the batch is polled until it reports finished")
        member = self.mailchimp.members[(LIST_ID, member_hash("ivan3@cryogenmash.example.ru"))]
        self.assertEqual(member["status"], "subscribed")
        self.assertEqual(member["merge_fields"], {
            "FNAME": "Ivan", "LNAME": "Petrov3", "PHONE": "+74951110003", "COMPANY": "Cryogenmash JSC"})
        self.assertEqual(member["tags"], ["High Vacuum", "Customer"])
        self.assertEqual(len(self._lines(sync, "sent")), 6)
        self.assertEqual(sync.request_count, len(self.mailchimp.requests))

    def test_second_sync_sends_nothing_unchanged(self):
        self._sync()
        puts = len(self.mailchimp.member_puts())
        again = self._sync()
        self.assertEqual(again.state, "done", again.log)
        self.assertEqual((again.sent_count, again.unchanged_count), (0, 6))
        self.assertEqual(len(self.mailchimp.member_puts()), puts, "nothing is sent twice")
        self.contacts[0].phone = "+7 495 222-33-44"
        third = self._sync()
        self.assertEqual((third.sent_count, third.unchanged_count), (1, 5))
        self.assertFalse(third.batch_ids, "a single change is upserted directly")
        self.assertIn(("PUT", f"/3.0/lists/{LIST_ID}/members/{member_hash(self.contacts[0].email)}"),
                      self.mailchimp.requests)

    def test_invalid_duplicate_blacklisted_addresses_not_sent(self):
        self.contacts[0].email = "not an email"
        self.contacts[1].email = "ivan2@cryogenmash.example.ru"
        self.env["mail.blacklist"].sudo()._add("ivan4@cryogenmash.example.ru")
        sync = self._sync()
        self.assertEqual(sync.state, "done", sync.log)
        self.assertEqual(self._lines(sync, "invalid").partner_id, self.contacts[0])
        self.assertEqual(len(self._lines(sync, "duplicate")), 1)
        self.assertEqual(self._lines(sync, "blacklisted").email, "ivan4@cryogenmash.example.ru")
        self.assertEqual((sync.sent_count, sync.skipped_count), (3, 3))
        sent = " ".join(self.mailchimp.member_puts())
        self.assertNotIn(member_hash("ivan4@cryogenmash.example.ru"), sent)
        self.assertEqual(sent.count(member_hash("ivan2@cryogenmash.example.ru")), 1)

    def test_unsubscribed_and_cleaned_pulled_into_blacklist(self):
        self.mailchimp.add_member(LIST_ID, "Ivan1@cryogenmash.example.ru", "unsubscribed")
        self.mailchimp.add_member(LIST_ID, "gone@elsewhere.example.com", "cleaned")
        sync = self._sync()
        self.assertEqual(sync.pulled_count, 2)
        blacklisted = self.env["mail.blacklist"].sudo().search([]).mapped("email")
        self.assertIn("ivan1@cryogenmash.example.ru", blacklisted)
        self.assertIn("gone@elsewhere.example.com", blacklisted)
        self.assertEqual(self._lines(sync, "blacklisted").partner_id, self.contacts[1])
        self.assertNotIn(member_hash("ivan1@cryogenmash.example.ru"), " ".join(self.mailchimp.member_puts()))
        self.assertEqual(self.mailchimp.members[(LIST_ID, member_hash("ivan1@cryogenmash.example.ru"))]["status"],
                         "unsubscribed", "nobody unsubscribed is re-subscribed")
        self.assertEqual(sync.sent_count, 5)

    def test_unsubscribed_later_is_never_sent_again(self):
        self._sync()
        self.mailchimp.members[(LIST_ID, member_hash(self.contacts[2].email))]["status"] = "unsubscribed"
        self.contacts[2].phone = "+7 495 999-00-00"
        sync = self._sync()
        self.assertEqual(sync.pulled_count, 1)
        self.assertEqual(self._lines(sync, "blacklisted").partner_id, self.contacts[2])
        self.assertEqual(sync.sent_count, 0)

    def test_partial_batch_errors_recorded_and_retried_next_time(self):
        self.mailchimp.reject_emails.add("ivan5@cryogenmash.example.ru")
        sync = self._sync()
        self.assertEqual(sync.state, "partial")
        error = self._lines(sync, "error")
        self.assertEqual(error.partner_id, self.contacts[5])
        self.assertIn("looks fake or invalid", error.message)
        self.assertEqual(sync.sent_count, 5)
        self.mailchimp.reject_emails.clear()
        again = self._sync()
        self.assertEqual((again.state, again.sent_count, again.unchanged_count), ("done", 1, 5))

    def test_wrong_api_key_refused(self):
        self.mailchimp.api_key = "f" * 32 + "-us21"
        sync = self._sync()
        self.assertEqual(sync.state, "failed")
        self.assertIn("Mailchimp refused the API key", sync.log)
        self.assertIn("API key may be invalid", sync.log)
        self.assertFalse(self.env["industrial.mailchimp.member"].search([]))

    def test_api_key_of_wrong_shape(self):
        self.env["ir.config_parameter"].sudo().set_param("industrial_crm.mailchimp_api_key", "my-password")
        sync = self._sync()
        self.assertEqual(sync.state, "failed")
        self.assertIn("32 hexadecimal characters", sync.log)
        self.assertFalse(self.mailchimp.requests)

    def test_rate_limit_retried(self):
        self.mailchimp.fail_next = [(429, "Too Many Requests", "You have exceeded the limit of 10 connections")]
        sync = self._sync()
        self.assertEqual(sync.state, "done", sync.log)
        self.assertEqual(sync.sent_count, 6)

    def test_server_error_outlives_retries(self):
        self.mailchimp.fail_next = [(503, "Service Unavailable", "Try again later")] * 10
        sync = self._sync()
        self.assertEqual(sync.state, "failed")
        self.assertIn("Mailchimp is unavailable", sync.log)
        self.assertEqual(len(self.mailchimp.requests), 4, "one call and three retries")

    def test_bad_request_fails_clearly(self):
        self.mailchimp.fail_next = [(400, "Invalid Resource", "The list_id is not valid")]
        sync = self._sync()
        self.assertEqual(sync.state, "failed")
        self.assertIn("Mailchimp rejected the request: The list_id is not valid", sync.log)

    def test_huge_segment_refused(self):
        self.env["ir.config_parameter"].sudo().set_param("industrial_crm.mailchimp_max_contacts", "5")
        sync = self._sync()
        self.assertEqual(sync.state, "failed")
        self.assertIn("The segment has 6 contacts, more than the limit of 5", sync.log)
        self.assertFalse(self.mailchimp.requests)

    def test_sync_queries_flat_in_segment_size(self):
        """Queries per sync do not grow with the contacts: everything is read per chunk."""
        def queries(count, domain):
            partners = self.env["res.partner"].create([{
                "name": f"Anna Bench{i}", "email": f"anna{i}@{domain}.example.ru", "parent_id": self.customer.id,
            } for i in range(count)])
            segment = self.segment.copy({"partner_domain": f"[('id', 'in', {partners.ids})]"})
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            sync = self._sync(segment)
            self.assertEqual(sync.sent_count, count)
            return self.env.cr.sql_log_count - before

        queries(20, "warm")  # first run fills the registry caches
        self.assertEqual(queries(20, "small"), queries(80, "large"))

    def test_cron_syncs_daily_segments(self):
        self.segment.mailchimp_auto_sync = True
        self.env["industrial.marketing.segment"]._cron_sync_mailchimp()
        sync = self.segment.sync_ids
        self.assertEqual((len(sync), sync.state), (1, "draft"), "queued for the background job")
        self._run_job(sync)
        self.assertEqual((len(sync), sync.state, sync.sent_count), (1, "done", 6))

    def test_segment_input_checked(self):
        with self.assertRaises(ValidationError):
            self.segment.partner_domain = "[('no_such_field', '=', 1)]"
        with self.assertRaises(ValidationError):
            self.segment.mailchimp_list_id = "lists/../x"

    def test_finished_sync_not_rerun(self):
        sync = self._sync()
        with self.assertRaisesRegex(Exception, "already run"):
            sync._run_step()

    def test_direct_upsert_rejection_logged(self):
        self._sync()
        self.mailchimp.reject_emails.add(self.contacts[1].email)
        self.contacts[:2].write({"phone": "+7 495 777-00-00"})
        sync = self._sync()
        self.assertFalse(sync.batch_ids, "two changes are upserted directly")
        self.assertEqual((sync.state, sync.sent_count, sync.error_count), ("partial", 1, 1))
        self.assertIn("looks fake or invalid", self._lines(sync, "error").message)
        member = self.mailchimp.members[(LIST_ID, member_hash(self.contacts[0].email))]
        self.assertEqual(member["merge_fields"]["PHONE"], "+74957770000")
        self.assertEqual(member["tags"], ["High Vacuum", "Customer"])
        self.assertIn(("POST", f"/3.0/lists/{LIST_ID}/members/{member_hash(self.contacts[0].email)}/tags"),
                      self.mailchimp.requests)

    def test_unsubscribes_read_page_by_page(self):
        for i in range(1001):
            self.mailchimp.add_member(LIST_ID, f"left{i}@elsewhere.example.com", "unsubscribed")
        sync = self._sync()
        self.assertEqual(sync.pulled_count, 1001)
        pages = [p for m, p in self.mailchimp.requests if m == "GET" and p.endswith("/members")]
        self.assertEqual(len(pages), 3, "two pages of unsubscribed, one of cleaned")
        self.assertEqual(self.env["mail.blacklist"].sudo().search_count(
            [("email", "=like", "left%@elsewhere.example.com")]), 1001)

    def test_unread_batch_results_recovered_not_resent(self):
        self.mailchimp.archive_failures = 4  # one download and three retries
        failed = self._sync()
        self.assertEqual(failed.state, "failed")
        self.assertIn("could not be downloaded", failed.log)
        self.assertTrue(failed.pending_batch_id)
        puts = len(self.mailchimp.member_puts())
        again = self._sync()
        self.assertEqual((again.state, again.sent_count, again.unchanged_count), ("done", 6, 6), again.log)
        self.assertIn("read back: 6 members recorded", again.log)
        self.assertEqual(len(self.mailchimp.member_puts()), puts, "members of the unread batch are not sent twice")
        self.assertFalse(failed.pending_batch_id)
        self.assertEqual(self._sync().unchanged_count, 6)

    def test_one_run_per_audience(self):
        Sync = self.env["industrial.mailchimp.sync"]
        busy = Sync.create({"segment_id": self.segment.id})
        busy.write({"state": "running", "date_start": "2030-01-01 00:00:00"})
        with self.assertRaisesRegex(UserError, "being synchronised by another run"):
            self._sync()
        busy.date_start = "2020-01-01 00:00:00"
        self.assertEqual(self._sync().state, "done")
        self.assertEqual(busy.state, "failed")
        self.assertIn("Interrupted", busy.log)


@tagged("post_install", "-at_install")
class TestMailchimpSyncInBackground(MarketingCommon):
    """Sync never runs inside the click: it is queued and the scheduled job, woken at once, runs it."""

    def test_click_queues_and_wakes_the_job(self):
        cron = self.env.ref("industrial_marketing.ir_cron_mailchimp_run_queued")
        Trigger = self.env["ir.cron.trigger"].sudo()
        triggers = Trigger.search_count([("cron_id", "=", cron.id)])
        action = self.segment.with_user(self.user_marketer).action_sync_mailchimp()
        sync = self.env["industrial.mailchimp.sync"].browse(action["res_id"])
        self.assertEqual(sync.state, "draft")
        self.assertEqual(self.mailchimp.member_puts(), [], "nothing sent during the click")
        self.assertEqual(Trigger.search_count([("cron_id", "=", cron.id)]), triggers + 1, "the job is woken")
        second = self.env["industrial.mailchimp.sync"].create({"segment_id": self.segment.id})
        progress = self.env["ir.cron.progress"].sudo().create({"cron_id": cron.id, "done": 0, "remaining": 0})
        Sync = self.env["industrial.mailchimp.sync"].with_context(ir_cron_progress_id=progress.id)
        self._run_job(sync, Sync)
        self.assertEqual(sync.state, "done", sync.log)
        self.assertEqual((progress.done, progress.remaining), (1, 1), "one step per call, the rest announced")
        self._run_job(second, Sync)
        self.assertEqual(second.state, "done", second.log)
        self.assertEqual((progress.done, progress.remaining), (1, 0))

    def test_failed_queued_run_is_marked_and_not_retried_forever(self):
        sync = self.env["industrial.mailchimp.sync"].create({"segment_id": self.segment.id})
        sync.list_id = False
        self.env["industrial.mailchimp.sync"]._cron_run_queued()
        self.assertEqual(sync.state, "failed")
        self.assertIn("audience ID", sync.log)
