from odoo.exceptions import UserError
from odoo.tests import tagged

from .marketing_common import MarketingCommon


@tagged("post_install", "-at_install")
class TestMarketingMailingList(MarketingCommon):
    """The segment feeds an Odoo mailing list as well as the Mailchimp audience."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.mailing_list = cls.env["mailing.list"].create({"name": "Cryogenmash newsletter"})
        cls.segment.mailing_list_id = cls.mailing_list

    def _emails(self, opt_out=False):
        return set(self.mailing_list.subscription_ids.filtered(
            lambda s: s.opt_out == opt_out).contact_id.mapped("email_normalized"))

    def test_list_mirrors_segment(self):
        self.contacts[0].email = "not an email"
        self.env["mail.blacklist"].create({"email": self.contacts[1].email})
        self.contacts[2].email = self.contacts[3].email.upper()
        self.segment.with_user(self.user_marketer).action_update_mailing_list()
        expected = {"ivan3@cryogenmash.example.ru", "ivan4@cryogenmash.example.ru", "ivan5@cryogenmash.example.ru"}
        self.assertEqual(self._emails(), expected, "valid, not blacklisted, each address once")
        contact = self.mailing_list.contact_ids.filtered(lambda c: c.email_normalized == "ivan4@cryogenmash.example.ru")
        self.assertEqual((contact.name, contact.company_name), ("Ivan Petrov4", "Cryogenmash JSC"))
        self.assertIn("3 added, 0 removed", self.segment.message_ids[0].body)

        # a second run changes nothing and duplicates nobody
        self.segment.with_user(self.user_marketer).action_update_mailing_list()
        self.assertEqual(len(self.mailing_list.subscription_ids), 3)
        self.assertIn("0 added, 0 removed, 3 kept", self.segment.message_ids[0].body)

    def test_unsubscribed_stay_unsubscribed_and_leavers_leave(self):
        self.segment._update_mailing_list()
        self.mailing_list.subscription_ids.filtered(
            lambda s: s.contact_id.email_normalized == "ivan0@cryogenmash.example.ru").opt_out = True
        self.contacts[1].parent_id = self.lead_company  # leaves the segment
        added, removed, kept = self.segment._update_mailing_list()
        self.assertEqual((added, removed, kept), (0, 1, 5))
        self.assertEqual(self._emails(opt_out=True), {"ivan0@cryogenmash.example.ru"})
        self.assertNotIn("ivan1@cryogenmash.example.ru", self._emails())

    def test_existing_mailing_contact_reused(self):
        known = self.env["mailing.contact"].create({"name": "Ivan", "email": "ivan2@cryogenmash.example.ru"})
        self.segment._update_mailing_list()
        self.assertIn(self.mailing_list, known.list_ids)
        self.assertEqual(self.env["mailing.contact"].search_count(
            [("email_normalized", "=", "ivan2@cryogenmash.example.ru")]), 1)

    def test_needs_a_list(self):
        self.segment.mailing_list_id = False
        with self.assertRaisesRegex(UserError, "mailing list"):
            self.segment.with_user(self.user_marketer).action_update_mailing_list()

    def test_daily_cron_updates_the_list(self):
        self.segment.write({"mailchimp_auto_sync": True, "mailchimp_list_id": False})
        self.env["industrial.marketing.segment"]._cron_sync_mailchimp()
        self.assertEqual(len(self._emails()), 6)

    def test_marketer_opens_the_list(self):
        action = self.segment.with_user(self.user_marketer).action_view_mailing_list()
        contacts = self.env["mailing.contact"].with_user(self.user_marketer).search(action["domain"])
        self.assertFalse(contacts)
        self.segment._update_mailing_list()
        self.assertEqual(len(self.env["mailing.contact"].with_user(self.user_marketer).search(action["domain"])), 6)
