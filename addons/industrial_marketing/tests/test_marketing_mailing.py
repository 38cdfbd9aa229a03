from odoo.tests import tagged

from .marketing_common import MarketingCommon


@tagged("post_install", "-at_install")
class TestMarketingMailing(MarketingCommon):
    """The segment's domain is the recipient domain of an Email Marketing mailing:
    mass_mailing picks, deduplicates and filters the contacts itself."""

    def test_mailing_targets_the_segment(self):
        action = self.segment.with_user(self.user_marketer).action_create_mailing()
        mailing = self.env["mailing.mailing"].browse(action["res_id"])
        self.assertEqual(mailing.mailing_model_real, "res.partner")
        self.assertEqual(mailing.subject, "Cryogenmash people")
        self.assertEqual(set(mailing._get_recipients()), set(self.segment._partner_ids()))
        self.assertEqual(mailing.create_uid, self.user_marketer, "marketers write mailings themselves")

    def test_sent_once_per_address_and_never_to_the_blacklist(self):
        self.env["mail.blacklist"].create({"email": self.contacts[1].email})
        self.contacts[2].email = self.contacts[3].email.upper()
        mailing = self.env["mailing.mailing"].browse(self.segment.action_create_mailing()["res_id"])
        mailing.body_html = "<p>News</p>"
        mailing.action_send_mail()
        traces = mailing.mailing_trace_ids
        self.assertEqual(len(traces), 6)
        self.assertEqual(traces.filtered(lambda t: t.failure_type == "mail_bl").res_id, self.contacts[1].id)
        self.assertEqual(len(traces.filtered(lambda t: t.failure_type == "mail_dup")), 1)
        self.assertEqual(len(traces.filtered(lambda t: t.trace_status != "cancel")), 4)

    def test_mailing_follows_the_segment_when_sent(self):
        """Contact filters are read at sending: a contact who left the customer base is not written to."""
        mailing = self.env["mailing.mailing"].browse(self.segment.action_create_mailing()["res_id"])
        self.contacts[0].parent_id = self.lead_company
        self.assertNotIn(self.contacts[0].id, mailing._get_recipients())
