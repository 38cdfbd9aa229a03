from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import ApprovalCommon


@tagged("post_install", "-at_install")
class TestApprovalAccess(ApprovalCommon):
    """Who sees the registry and configures brands; the marketer sees nothing
    of approvals."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.deal_pump = cls._create_deal(
            direction_id=cls.direction_pump.id, team_id=cls.team_pump.id, user_id=cls.user_manager_other.id,
        )

    def _approved(self, deal, manager, head, discount=10):
        order = self._quotation(discount, user=manager, deal=deal)
        order.with_user(manager).request_validation()
        self._review(order, head, "validate", "OK")
        self.assertEqual(order.validation_status, "validated")
        return order.discount_approval_ids

    def _menus(self, user):
        menus = self.env["ir.ui.menu"].with_user(user).load_menus(debug=False)
        return {menu["xmlid"] for key, menu in menus.items() if key != "root"}

    def test_registry_per_direction(self):
        row_hv = self._approved(self.deal, self.user_manager, self.user_head)
        row_pump = self._approved(self.deal_pump, self.user_manager_other, self.user_head_other)
        rows = row_hv | row_pump
        Registry = self.env["industrial.discount.approval"]
        self.assertEqual(Registry.with_user(self.user_manager).search([("id", "in", rows.ids)]), row_hv)
        self.assertEqual(Registry.with_user(self.user_manager_2).search([("id", "in", rows.ids)]), row_hv,
                         "his colleague's approvals too")
        self.assertEqual(Registry.with_user(self.user_head_other).search([("id", "in", rows.ids)]), row_pump)
        self.assertEqual(Registry.with_user(self.user_director).search([("id", "in", rows.ids)]), rows)
        for user in (self.user_manager, self.user_head, self.user_director):
            with self.assertRaises(AccessError, msg=user.name):
                row_hv.with_user(user).write({"discount": 1})
            with self.assertRaises(AccessError, msg=user.name):
                row_hv.with_user(user).unlink()
        # exportable: the list's columns read as one
        data = row_hv.with_user(self.user_head).export_data(
            ["partner_id", "lead_id", "brand_id", "product_id", "discount", "approver_id", "date"],
        )["datas"]
        self.assertEqual(data[0][:6], [
            self.customer.display_name, self.deal.name, self.brand.name, self.product.display_name,
            10.0, self.user_head.name,
        ])
        self.assertIn("industrial_approval.menu_industrial_discount_approvals", self._menus(self.user_manager))

    def test_marketer_sees_nothing(self):
        row = self._approved(self.deal, self.user_manager, self.user_head)
        with self.assertRaises(AccessError):
            row.with_user(self.user_marketer).read(["discount"])
        with self.assertRaises(AccessError):
            row.order_id.with_user(self.user_marketer).read(["validation_status"])
        arch = self.env["crm.lead"].with_user(self.user_marketer).get_view(view_type="form")["arch"]
        self.assertNotIn("discount_approval_state", arch)
        menus = self._menus(self.user_marketer)
        for xmlid in ("menu_industrial_discount_approvals", "menu_industrial_approvals",
                      "menu_industrial_quotations_to_approve", "menu_industrial_brands"):
            self.assertNotIn(f"industrial_approval.{xmlid}", menus)
        self.assertFalse(self.env["sale.order"].with_user(self.user_marketer).has_access("read"))

    def test_no_one_approves_his_own_discount(self):
        order = self._quotation(20)
        order.with_user(self.user_manager).request_validation()
        review = order.review_ids
        for user in (self.user_manager, self.user_head, self.user_marketer):
            with self.assertRaises(AccessError, msg=user.name):
                review.with_user(user).write({"status": "approved", "done_by": user.id})
        self.assertEqual(order.validation_status, "pending")
        # he may still take his request back
        order.with_user(self.user_manager).restart_validation()
        self.assertFalse(order.review_ids)

    def test_accountant_posts_but_approves_nothing(self):
        order = self._quotation(10)
        order.request_validation()
        self.assertFalse(order.with_user(self.user_accountant).can_review)
        with self.assertRaises(AccessError):
            self.env["industrial.discount.approval"].with_user(self.user_accountant).search([])
        self.assertTrue(self.env["account.move"].with_user(self.user_accountant).has_access("create"))

    def test_who_configures_brands(self):
        for user in (self.user_manager, self.user_head, self.user_accountant):
            self.assertEqual(self.brand.with_user(user).name, "Test Vacuum Brand", "everyone reads brands")
            with self.assertRaises(AccessError, msg=user.name):
                self.brand.with_user(user).write({"manager_discount": 10})
            with self.assertRaises(AccessError, msg=user.name):
                self.env["industrial.product.brand"].with_user(user).create({"name": "Mine"})
        self.brand.with_user(self.user_director).write({"manager_discount": 7})
        self.assertEqual(self.brand.manager_discount, 7)
        self.assertIn("industrial_approval.menu_industrial_brands", self._menus(self.user_director))
        self.assertNotIn("industrial_approval.menu_industrial_brands", self._menus(self.user_head))

    def test_head_menus(self):
        menus = self._menus(self.user_head)
        self.assertIn("industrial_approval.menu_industrial_quotations_to_approve", menus)
        self.assertIn("industrial_approval.menu_industrial_invoices_to_approve", menus)
        self.assertNotIn("industrial_approval.menu_industrial_quotations_to_approve", self._menus(self.user_manager))
