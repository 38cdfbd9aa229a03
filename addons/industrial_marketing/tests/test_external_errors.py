import socket

from odoo.tests import tagged

from .marketing_common import MarketingCommon


def closed_port():
    """A local port nothing listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@tagged("post_install", "-at_install")
class TestMailchimpErrorsReadable(MarketingCommon):
    """Mailchimp out of reach: the sync log says what to check, the server log has the detail."""

    def test_no_answer_is_a_sentence(self):
        port = closed_port()
        Param = self.env["ir.config_parameter"].sudo()
        Param.set_param("industrial_crm.mailchimp_base_url", f"http://127.0.0.1:{port}")
        Param.set_param("industrial_crm.mailchimp_retries", "0")
        with self.assertLogs("odoo.addons.industrial_marketing.models.industrial_mailchimp_sync", "WARNING") as logs:
            sync = self._sync()
        self.assertEqual(sync.state, "failed")
        self.assertIn(f"Mailchimp does not answer at http://127.0.0.1:{port}/3.0/: check that the Odoo server "
                      "reaches the internet", sync.log)
        self.assertIn("a new run sends the rest", sync.log)
        for raw in ("HTTPConnectionPool", "Errno", "Traceback", "urllib3"):
            self.assertNotIn(raw, sync.log)
        record = logs.records[0]
        self.assertTrue(record.exc_info, "the technical detail goes to the server log")
        self.assertIn("HTTPConnectionPool", str(record.exc_info[1]))

    def test_scheduled_sync_writes_in_the_administrators_language(self):
        self.env["res.lang"]._activate_lang("ru_RU")
        self.env.ref("base.user_admin").lang = "ru_RU"
        self.segment.mailchimp_auto_sync = True
        self.env["industrial.marketing.segment"].with_context(lang=None)._cron_sync_mailchimp()
        sync = self.env["industrial.mailchimp.sync"].search([("segment_id", "=", self.segment.id)])
        self._run_job(sync, self.env["industrial.mailchimp.sync"].with_context(lang=None))
        self.assertEqual(sync.state, "done", sync.log)
        self.assertIn("Начата синхронизация сегмента", sync.log, "the cron has no language of its own")
