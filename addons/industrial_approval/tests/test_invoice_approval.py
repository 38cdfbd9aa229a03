from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged

from .common import ApprovalCommon


@tagged("post_install", "-at_install")
class TestInvoiceApproval(ApprovalCommon):
    """Customer invoices above the first amount need the head, above the second
    the director; the accountant then gets the task to send them."""

    def _invoice(self, amount, move_type="out_invoice"):
        return self.env["account.move"].with_user(self.user_accountant).create({
            "move_type": move_type,
            "partner_id": self.customer.id,
            "team_id": self.team_hv.id,
            "invoice_line_ids": [(0, 0, {
                "product_id": self.product.id, "quantity": 1, "price_unit": amount, "tax_ids": [(5,)],
            })],
        })

    def _send_activities(self, move):
        return move.activity_ids.filtered(
            lambda a: a.activity_type_id == self.env.ref("industrial_approval.mail_act_send_invoice")
        )

    def test_below_first_amount_posts_freely(self):
        invoice = self._invoice(100000)
        self.assertEqual(invoice.invoice_approval_level, "none")
        invoice.action_post()
        self.assertEqual(invoice.state, "posted")
        self.assertFalse(self._send_activities(invoice))

    def test_first_amount_needs_the_head(self):
        invoice = self._invoice(100000.01)
        self.assertEqual(invoice.invoice_approval_level, "head")
        with self.assertRaisesRegex(UserError, "request it before posting"):
            invoice.action_post()
        self.assertEqual(invoice.state, "draft")
        with self.assertRaises(ValidationError, msg="tier validation refuses it on any path"):
            invoice.write({"state": "posted"})
        invoice.request_validation()
        self.assertEqual(invoice.review_ids.reviewer_ids, self.user_head)
        self.assertTrue(invoice.with_user(self.user_head).can_review)
        for user in (self.user_head_other, self.user_accountant, self.user_manager):
            self._review(invoice, user, "validate", "OK")
            self.assertIn(invoice.validation_status, ("waiting", "pending"), user.name)
        with self.assertRaisesRegex(UserError, "waits for approval"):
            invoice.action_post()
        self._review(invoice, self.user_head, "validate", "Agreed with the customer")
        self.assertEqual(invoice.validation_status, "validated")
        send = self._send_activities(invoice)
        self.assertEqual(send.user_id, self.user_accountant, "the accountant is told to send it")
        invoice.with_user(self.user_accountant).action_post()
        self.assertEqual(invoice.state, "posted")

    def test_second_amount_needs_the_director(self):
        invoice = self._invoice(600000)
        self.assertEqual(invoice.invoice_approval_level, "director")
        invoice.request_validation()
        self.assertEqual(invoice.review_ids.reviewer_ids, self.user_director)
        self._review(invoice, self.user_head, "validate", "OK")
        self.assertIn(invoice.validation_status, ("waiting", "pending"))
        self._review(invoice, self.user_director, "validate", "OK")
        self.assertEqual(invoice.validation_status, "validated")
        self.assertEqual(self._send_activities(invoice).user_id, self.user_accountant)
        invoice.with_user(self.user_accountant).action_post()
        self.assertEqual(invoice.state, "posted")

    def test_refused_invoice_is_not_posted(self):
        invoice = self._invoice(200000)
        invoice.request_validation()
        self._review(invoice, self.user_head, "reject", "Wrong payment terms")
        self.assertEqual(invoice.validation_status, "rejected")
        self.assertFalse(self._send_activities(invoice))
        with self.assertRaisesRegex(UserError, "was refused"):
            invoice.with_user(self.user_accountant).action_post()

    def test_only_customer_invoices(self):
        refund = self._invoice(900000, move_type="out_refund")
        self.assertEqual(refund.invoice_approval_level, "none")
        refund.action_post()
        self.assertEqual(refund.state, "posted")

    def test_thresholds_in_settings(self):
        settings = Form(self.env["res.config.settings"])
        settings.industrial_invoice_head_threshold = 1000000
        settings.industrial_invoice_director_threshold = 2000000
        settings.save().execute()
        self.assertEqual(self.company_admin.industrial_invoice_head_threshold, 1000000)
        self.assertEqual(self._invoice(600000).invoice_approval_level, "none")
        self.assertEqual(self._invoice(1500000).invoice_approval_level, "head")
        self.assertEqual(self._invoice(2500000).invoice_approval_level, "director")
        # no amount: no approval at all
        self.company_admin.write({"industrial_invoice_head_threshold": 0, "industrial_invoice_director_threshold": 0})
        self.assertEqual(self._invoice(99000000).invoice_approval_level, "none")
