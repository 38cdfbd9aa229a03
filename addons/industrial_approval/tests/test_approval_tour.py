from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestApprovalTour(HttpCase):
    """The head of High Vacuum approves, in Russian, the discount his manager
    asked for; the manager then sees it approved on his deal."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("ru_RU")
        cls.env["ir.module.module"].search([("state", "=", "installed")])._update_translations("ru_RU")
        Users = cls.env["res.users"]
        cls.head = Users.search([("login", "=", "head_hv")])
        cls.manager = Users.search([("login", "=", "manager_hv")])
        for user in cls.head | cls.manager:
            user.write({"lang": "ru_RU", "tz": "Europe/Moscow"})
        team = cls.env.ref("industrial_crm.team_hv")
        direction = cls.env["industrial.direction"].search([("team_id", "=", team.id)])
        brand = cls.env["industrial.product.brand"].create({
            "name": "Тур Бренд", "manager_discount": 5, "head_discount": 15,
        })
        product = cls.env["product.product"].create({
            "name": "Тур Турбонасос", "type": "consu", "list_price": 500000,
            "industrial_brand_id": brand.id, "taxes_id": [(5,)],
        })
        customer = cls.env["res.partner"].create({"name": "Тур Согласования", "is_company": True})
        cls.deal = cls.env["crm.lead"].create({
            "name": "Тур: сделка со скидкой", "type": "opportunity", "partner_id": customer.id,
            "direction_id": direction.id, "team_id": team.id, "user_id": cls.manager.id,
            "expected_revenue": 500000,
            "equipment_type_ids": [(6, 0, cls.env["industrial.equipment.type"].search([], limit=1).ids)],
        })
        cls.order = cls.env["sale.order"].with_user(cls.manager).create({
            "partner_id": customer.id, "opportunity_id": cls.deal.id, "team_id": team.id,
            "user_id": cls.manager.id,
            "order_line": [(0, 0, {"product_id": product.id, "product_uom_qty": 1, "discount": 10})],
        })
        cls.order.with_user(cls.manager).request_validation()

    def test_head_approves_and_manager_sees_it(self):
        self.assertEqual(self.order.review_ids.reviewer_ids, self.head)
        self.start_tour("/odoo", "industrial_approval_head_approves", login="head_hv")
        self.assertEqual(self.order.validation_status, "validated")
        self.assertEqual(self.order.review_ids.done_by, self.head)
        self.assertEqual(self.order.review_ids.comment, "Согласовано: крупный заказ")
        self.assertEqual(self.order.discount_approval_ids.approver_id, self.head)
        self.start_tour("/odoo", "industrial_approval_manager_sees_approval", login="manager_hv")
