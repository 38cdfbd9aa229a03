from odoo.addons.industrial_crm.tests.common import IndustrialCrmCommon
from odoo.addons.mail.tests.common import mail_new_test_user


class ApprovalCommon(IndustrialCrmCommon):
    """A brand with bands 5 % / 15 %, products, a deal, invoice amounts of
    100,000 and 500,000, an accountant, and a director named in Settings."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_accountant = mail_new_test_user(
            cls.env, login="t_accountant", groups="industrial_approval.group_accountant",
            name="Anna Accountant", email="t_accountant@vacuum.example.com",
            company_id=cls.company_admin.id, notification_type="inbox",
        )
        cls.company_admin.write({
            "industrial_director_id": cls.user_director.id,
            "industrial_discount_manager": 5,
            "industrial_discount_head": 15,
            "industrial_invoice_head_threshold": 100000,
            "industrial_invoice_director_threshold": 500000,
            "industrial_invoice_accountant_id": cls.user_accountant.id,
        })
        cls.brand = cls.env["industrial.product.brand"].create({
            "name": "Test Vacuum Brand", "manager_discount": 5, "head_discount": 15,
        })
        cls.brand_strict = cls.env["industrial.product.brand"].create({
            "name": "Test Strict Brand", "manager_discount": 2, "head_discount": 4,
        })
        Product = cls.env["product.product"]
        cls.product = Product.create({
            "name": "Test rotary vane pump", "type": "consu", "list_price": 10000,
            "industrial_brand_id": cls.brand.id, "taxes_id": [(5,)],
        })
        cls.product_strict = Product.create({
            "name": "Test turbo pump", "type": "consu", "list_price": 20000,
            "industrial_brand_id": cls.brand_strict.id, "taxes_id": [(5,)],
        })
        cls.product_plain = Product.create({
            "name": "Test gasket", "type": "consu", "list_price": 100, "taxes_id": [(5,)],
        })
        cls.deal = cls._create_deal()

    def _quotation(self, discount, product=None, user=None, deal=None):
        """A quotation of the deal made by its manager, one line with ``discount``."""
        deal = deal or self.deal
        user = user or self.user_manager
        return self.env["sale.order"].with_user(user).create({
            "partner_id": deal.partner_id.id,
            "opportunity_id": deal.id,
            "team_id": deal.team_id.id,
            "user_id": user.id,
            "order_line": [(0, 0, {
                "product_id": (product or self.product).id, "product_uom_qty": 1,
                "discount": discount, "tax_id": [(5,)],
            })],
        })

    def _review(self, record, user, action, comment):
        """``user`` validates or rejects ``record`` through the comment wizard
        tier validation opens (the definitions ask for a comment)."""
        # a new request, as in the web client: tier validation's ``has_comment``
        # is computed without depending on the user
        record.invalidate_recordset()
        record = record.with_user(user)
        result = record.validate_tier() if action == "validate" else record.reject_tier()
        if not result:
            return record
        self.assertEqual(result["res_model"], "comment.wizard")
        wizard = self.env["comment.wizard"].with_user(user).with_context(result["context"]).create({
            "comment": comment,
        })
        wizard.add_comment()
        return record
