from odoo.addons.mail.tests.common import mail_new_test_user
from odoo.exceptions import UserError
from odoo.tests import Form, tagged
from odoo.tools import email_normalize

from .common import IndustrialCrmCommon


@tagged("post_install", "-at_install")
class TestSenderWithoutEmail(IndustrialCrmCommon):
    """Staff without an email of their own write from the company's address."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()

        def user(login, groups):
            return mail_new_test_user(
                cls.env, login=login, groups=groups, name=f"No Email {login}", email=False,
                company_id=cls.company_admin.id, notification_type="inbox",
            )

        cls.head_no_email = user("t_head_ne", "industrial_crm.group_head")
        cls.dispatcher_no_email = user("t_dispatcher_ne", "industrial_crm.group_dispatcher")
        cls.direction_hv.head_id = cls.head_no_email
        cls.company_email = cls.company_admin.partner_id.email_normalized

    def _unsorted(self, phone="+7 903 610-00-01"):
        result = self.env["industrial.request"].register_request("phone", phone=phone)
        return self.env["industrial.request"].browse(result["request_id"])

    def _assert_company_sender(self, message, author):
        self.assertEqual(message.author_id, author.partner_id)
        self.assertEqual(email_normalize(message.email_from), self.company_email)
        self.assertIn(author.name, message.email_from, "the sender keeps the author's name")

    def test_head_without_email_assigns_manager(self):
        request = self._unsorted()
        request.direction_id = self.direction_hv
        lead = request.lead_id
        self.assertFalse(self.head_no_email.email)
        with Form(lead.with_user(self.head_no_email)) as form:
            form.user_id = self.user_manager
        self.assertEqual(lead.user_id, self.user_manager)
        notice = self.env["mail.message"].search([
            ("model", "=", "crm.lead"), ("res_id", "=", lead.id),
            ("partner_ids", "in", self.user_manager.partner_id.ids),
        ])
        self.assertEqual(len(notice), 1, "the manager is told of his new lead")
        self._assert_company_sender(notice, self.head_no_email)
        self.assertTrue(self.env["mail.notification"].search([
            ("mail_message_id", "=", notice.id), ("res_partner_id", "=", self.user_manager.partner_id.id),
        ]))
        # by write, on a second lead
        other = self._unsorted(phone="+7 903 610-00-02")
        other.direction_id = self.direction_hv
        other.lead_id.with_user(self.head_no_email).write({"user_id": self.user_manager_2.id})
        self.assertEqual(other.lead_id.user_id, self.user_manager_2)

    def test_dispatcher_without_email_routes(self):
        request = self._unsorted()
        wizard = Form(self.env["industrial.request.route"].with_user(self.dispatcher_no_email).with_context(
            active_model="industrial.request", active_ids=request.ids))
        wizard.direction_id = self.direction_hv
        wizard.save().action_route()
        self.assertEqual(request.direction_id, self.direction_hv)
        activity = request.lead_id.activity_ids.filtered(
            lambda a: a.activity_type_id == self.env.ref("industrial_crm.mail_act_assign_manager"))
        self.assertEqual(activity.user_id, self.head_no_email)
        notice = self.env["mail.message"].search([
            ("model", "=", "crm.lead"), ("res_id", "=", request.lead_id.id),
            ("partner_ids", "in", self.head_no_email.partner_id.ids),
        ])
        self.assertEqual(len(notice), 1, "the head is told of the activity")
        self._assert_company_sender(notice, self.dispatcher_no_email)

    def test_catchall_when_company_has_no_email(self):
        self.company_admin.email = False
        catchall = self.company_admin.catchall_email
        self.assertTrue(catchall)
        request = self._unsorted()
        request.direction_id = self.direction_hv
        message = request.lead_id.with_user(self.head_no_email).message_post(body="Call the customer today")
        self.assertEqual(email_normalize(message.email_from), catchall)

    def test_customer_without_email_still_refused(self):
        """Only staff borrow the company's address: Odoo's check stays for anyone else."""
        portal = mail_new_test_user(self.env, login="t_portal_ne", groups="base.group_portal", email=False)
        with self.assertRaises(UserError):
            self.env["mail.thread"].with_user(portal)._message_compute_author()
