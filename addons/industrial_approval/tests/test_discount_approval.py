from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import ApprovalCommon


@tagged("post_install", "-at_install")
class TestDiscountApproval(ApprovalCommon):
    """Each band of a brand: the manager's passes, the head's needs the head of
    the order's direction, above it the director; refusals carry a reason."""

    def _approval_activities(self, order, user):
        return order.activity_ids.filtered(
            lambda a: a.user_id == user
            and a.activity_type_id == self.env.ref("industrial_approval.mail_act_approval")
        )

    def test_within_manager_band_needs_no_approval(self):
        order = self._quotation(5)
        self.assertEqual(order.discount_approval_level, "none")
        self.assertFalse(order.need_validation)
        order.action_quotation_send()
        order.action_confirm()
        self.assertEqual(order.state, "sale")
        self.assertFalse(order.review_ids)
        self.assertFalse(order.discount_approval_ids)

    def test_head_band_needs_the_head(self):
        order = self._quotation(10)
        self.assertEqual(order.order_line.discount_approval_level, "head")
        self.assertEqual(order.discount_approval_level, "head")
        self.assertTrue(order.need_validation)
        with self.assertRaisesRegex(UserError, "above the manager's band"):
            order.action_quotation_send()
        with self.assertRaisesRegex(UserError, "request its approval before sending or confirming"):
            order.action_confirm()
        self.assertEqual(order.state, "draft")
        self.assertFalse(order.review_ids, "a refused confirmation leaves no review behind")
        # tier validation itself refuses the confirmation, whatever the path
        with self.assertRaises(ValidationError):
            order.write({"state": "sale"})

        order.request_validation()
        self.assertEqual(order.review_ids.reviewer_ids, self.user_head)
        self.assertEqual(order.validation_status, "pending")
        self.assertTrue(self._approval_activities(order, self.user_head), "the head gets an activity")
        self.assertEqual(self.deal.discount_approval_state, "pending")
        with self.assertRaisesRegex(UserError, "waits for approval"):
            order.action_quotation_send()
        with self.assertRaisesRegex(UserError, "waits for approval"):
            order.action_confirm()
        self.assertTrue(order.with_user(self.user_head).can_review)
        self.assertIn(order, self.env["sale.order"].with_user(self.user_head).search([("can_review", "=", True)]))

        # neither the manager, the other direction's head nor the director approves
        # what the head of the direction must
        for user in (self.user_manager, self.user_head_other, self.user_director):
            self.assertFalse(order.with_user(user).can_review)
            self._review(order, user, "validate", "Fine by me")
            self.assertIn(order.validation_status, ("waiting", "pending"), user.name)

        self._review(order, self.user_head, "validate", "Big order, agreed")
        self.assertEqual(order.validation_status, "validated")
        self.assertIn("Approved by Helen Head: Big order, agreed", "".join(order.message_ids.mapped("body")))
        self.assertFalse(self._approval_activities(order, self.user_head), "his activity is done")
        self.assertEqual(self.deal.discount_approval_state, "approved")
        row = order.discount_approval_ids
        self.assertRecordValues(row, [{
            "partner_id": self.customer.id, "lead_id": self.deal.id, "brand_id": self.brand.id,
            "product_id": self.product.id, "discount": 10.0, "level": "head",
            "approver_id": self.user_head.id, "comment": "Big order, agreed", "team_id": self.team_hv.id,
        }])
        self.assertTrue(row.date)

        order.with_user(self.user_manager).action_quotation_send()
        order.with_user(self.user_manager).with_context(mark_so_as_sent=True).message_post(body="Quotation")
        self.assertEqual(order.state, "sent", "an approved quotation is marked sent when emailed")
        order.with_user(self.user_manager).action_confirm()
        self.assertEqual(order.state, "sale")
        self.assertEqual(len(order.discount_approval_ids), 1, "approved once, registered once")

    def test_above_head_band_needs_the_director(self):
        order = self._quotation(20)
        self.assertEqual(order.discount_approval_level, "director")
        order.request_validation()
        self.assertEqual(order.review_ids.reviewer_ids, self.user_director)
        self.assertTrue(self._approval_activities(order, self.user_director))
        self._review(order, self.user_head, "validate", "I would")
        self.assertIn(order.validation_status, ("waiting", "pending"), "the head's band ends at 15 %")
        self._review(order, self.user_director, "validate", "Strategic customer")
        self.assertEqual(order.validation_status, "validated")
        self.assertRecordValues(order.discount_approval_ids, [{
            "level": "director", "approver_id": self.user_director.id, "discount": 20.0,
        }])
        order.action_confirm()
        self.assertEqual(order.state, "sale")

    def test_bands_are_per_brand(self):
        order = self._quotation(5, product=self.product_strict)
        self.assertEqual(order.discount_approval_level, "director", "5 % is above this brand's head band of 4 %")
        order = self._quotation(3, product=self.product_strict)
        self.assertEqual(order.discount_approval_level, "head")
        # the largest level of all lines decides
        order.order_line.create({"order_id": order.id, "product_id": self.product.id, "discount": 4})
        self.assertEqual(order.order_line.mapped("discount_approval_level"), ["head", "none"])
        self.assertEqual(order.discount_approval_level, "head")

    def test_product_without_brand_uses_company_bands(self):
        self.assertEqual(self._quotation(5, product=self.product_plain).discount_approval_level, "none")
        self.assertEqual(self._quotation(15, product=self.product_plain).discount_approval_level, "head")
        self.assertEqual(self._quotation(16, product=self.product_plain).discount_approval_level, "director")

    def test_refusal_with_reason(self):
        order = self._quotation(12)
        order.request_validation()
        self._review(order, self.user_head, "reject", "Margin too low for this customer")
        self.assertEqual(order.validation_status, "rejected")
        self.assertEqual(order.review_ids.comment, "Margin too low for this customer")
        self.assertIn("Refused by Helen Head: Margin too low for this customer",
                      "".join(order.message_ids.mapped("body")))
        self.assertFalse(self._approval_activities(order, self.user_head))
        refused = order.activity_ids.filtered(
            lambda a: a.activity_type_id == self.env.ref("industrial_approval.mail_act_approval_refused")
        )
        self.assertEqual(refused.user_id, self.user_manager, "the manager who asked learns why")
        self.assertIn("Margin too low for this customer", str(refused.note))
        self.assertEqual(self.deal.discount_approval_state, "rejected")
        with self.assertRaisesRegex(UserError, "was refused"):
            order.with_user(self.user_manager).action_quotation_send()
        with self.assertRaisesRegex(UserError, "was refused"):
            order.with_user(self.user_manager).action_confirm()
        self.assertFalse(order.discount_approval_ids)

        # the manager lowers the discount after restarting: within his band now
        order.with_user(self.user_manager).restart_validation()
        order.order_line.with_user(self.user_manager).discount = 5
        self.assertFalse(order.need_validation)
        order.with_user(self.user_manager).action_confirm()
        self.assertEqual(order.state, "sale")

    def test_lines_frozen_under_approval(self):
        order = self._quotation(10)
        order.request_validation()
        with self.assertRaisesRegex(UserError, "under discount approval"):
            order.order_line.with_user(self.user_manager).discount = 30
        with self.assertRaisesRegex(UserError, "under discount approval"):
            self.env["sale.order.line"].with_user(self.user_manager).create({
                "order_id": order.id, "product_id": self.product.id, "discount": 40,
            })
        self.assertEqual(order.order_line.discount, 10)
        self._review(order, self.user_head, "validate", "OK")
        # an approved discount is not raised afterwards
        with self.assertRaisesRegex(UserError, "under discount approval"):
            order.order_line.with_user(self.user_manager).discount = 30

    def test_mark_as_sent_is_blocked(self):
        order = self._quotation(10)
        with self.assertRaisesRegex(UserError, "above the manager's band"):
            order.with_context(mark_so_as_sent=True).message_post(body="Quotation")
        self.assertEqual(order.state, "draft")

    def test_approval_task_in_the_head_language(self):
        """The head reads his approval task in his language, whoever asked for it."""
        self.env["res.lang"]._activate_lang("ru_RU")
        self.user_head.lang = "ru_RU"
        order = self._quotation(10)
        order.with_context(lang="en_US").request_validation()
        [activity] = self._approval_activities(order, self.user_head)
        self.assertEqual(activity.summary, "Согласовать: Скидка в пределах границы руководителя")
