from odoo.addons.mail.tests.common import mail_new_test_user
from odoo.tests import tagged
from odoo.tools import email_normalize

from .marketing_common import MarketingCommon


@tagged("post_install", "-at_install")
class TestMarketerWithoutEmail(MarketingCommon):
    """A marketer without an email of her own writes from the company's address."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.marketer_no_email = mail_new_test_user(
            cls.env, login="t_marketer_ne", groups="industrial_crm.group_marketer", name="No Email t_marketer_ne",
            email=False, company_id=cls.company_admin.id, notification_type="inbox",
        )
        cls.company_email = cls.company_admin.partner_id.email_normalized

    def test_marketer_without_email_exports(self):
        action = self.segment.with_user(self.marketer_no_email).action_export_telemarketing()
        export = self.env["industrial.telemarketing.export"].browse(action["res_id"])
        self.assertEqual(export.state, "done")
        message = export.message_ids.filtered(lambda m: m.attachment_ids)
        self.assertEqual(message.author_id, self.marketer_no_email.partner_id)
        self.assertEqual(email_normalize(message.email_from), self.company_email)
        self.assertIn(self.marketer_no_email.name, message.email_from, "the sender keeps the author's name")
