from odoo.addons.industrial_crm.tests.common import IndustrialCrmCommon
from .mailchimp_server import API_KEY, MailchimpEmulator

LIST_ID = "aud1ence01"


class MarketingCommon(IndustrialCrmCommon):
    """A Mailchimp emulator on 127.0.0.1, the client pointed at it, a customer base."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Param = cls.env["ir.config_parameter"].sudo()
        for key, value in {
            "api_key": API_KEY, "poll_interval": "0", "retry_delay": "0", "timeout": "5",
            "direct_limit": "3", "batch_size": "5000",
        }.items():
            Param.set_param(f"industrial_crm.mailchimp_{key}", value)
        cls.customer.industrial_customer_status = "customer"
        cls._create_deal()
        Partner = cls.env["res.partner"]
        cls.contacts = Partner.create([{
            "name": f"Ivan Petrov{i}", "parent_id": cls.customer.id, "email": f"ivan{i}@cryogenmash.example.ru",
            "phone": f"+7 495 111-00-{i:02d}",
        } for i in range(6)])
        cls.lead_company = Partner.create({
            "name": "Vakuumtech LLC", "is_company": True, "email": "sales@vakuumtech.example.ru",
            "industrial_customer_status": "potential", "mobile": "8 912 345-67-89",
        })
        cls.segment = cls.env["industrial.marketing.segment"].create({
            "name": "Cryogenmash people", "mailchimp_list_id": LIST_ID,
            "partner_domain": f"[('commercial_partner_id', '=', {cls.customer.id}), ('is_company', '=', False)]",
        })

    def setUp(self):
        super().setUp()
        self.mailchimp = MailchimpEmulator().start()
        self.addCleanup(self.mailchimp.stop)
        self.env["ir.config_parameter"].sudo().set_param("industrial_crm.mailchimp_base_url", self.mailchimp.base_url)

    def _sync(self, segment=None, user=None):
        segment = (segment or self.segment).with_user(user or self.user_marketer)
        action = segment.action_sync_mailchimp()
        sync = self.env["industrial.mailchimp.sync"].browse(action["res_id"])
        self.assertEqual(sync.state, "draft", "the click only queues the sync")
        return self._run_job(sync)

    def _run_job(self, sync, Sync=None, max_calls=100):
        """Call the scheduled job as the scheduler does, one step per call, until the run is over."""
        if Sync is None:  # an empty recordset is falsy
            Sync = self.env["industrial.mailchimp.sync"]
        for _call in range(max_calls):
            Sync._cron_run_queued()
            if sync.state not in ("draft", "running"):
                return sync
        self.fail(f"sync {sync.id} still {sync.state} at step {sync.step} after {max_calls} calls")

    def _lines(self, sync, result):
        return sync.line_ids.filtered(lambda line: line.result == result)
