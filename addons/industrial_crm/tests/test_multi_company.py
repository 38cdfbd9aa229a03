from odoo.tests import tagged

from .common import IndustrialCrmCommon


@tagged("post_install", "-at_install")
class TestMultiCompany(IndustrialCrmCommon):
    """A second company's staff see none of the first company's requests, directions or reports."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_b = cls.env["res.company"].create({"name": "ООО «Второй завод»"})
        cls.director_b = cls.env["res.users"].create({
            "name": "Boris Second", "login": "t_director_b",
            "company_id": cls.company_b.id, "company_ids": [(6, 0, cls.company_b.ids)],
            "groups_id": [(6, 0, cls.env.ref("industrial_crm.group_director").ids)],
        })

    def test_second_company_sees_nothing_of_the_first(self):
        request = self.env["industrial.request"].browse(self.env["industrial.request"].register_request(
            "phone", phone="+7 903 555-00-11", name="Ivan Petrov", direction_code="T_HV",
        )["request_id"])
        self.assertEqual(request.company_id, self.env.company)
        request.lead_id.company_id = self.env.company
        self.env.flush_all()
        as_b = self.env(user=self.director_b, context={"allowed_company_ids": self.company_b.ids})
        self.assertFalse(as_b["industrial.request"].search([("id", "=", request.id)]))
        self.direction_hv.company_id = self.env.company
        self.assertEqual(self.direction_hv.team_id.company_id, self.env.company, "the team's company")
        self.assertFalse(as_b["industrial.direction"].search([("id", "=", self.direction_hv.id)]))
        self.assertEqual(as_b["industrial.direction"].search([("id", "=", self.direction_pump.id)]),
                         self.direction_pump, "a direction without a company serves every company")
        lead = [("lead_id", "=", request.lead_id.id)]
        self.assertTrue(self.env(user=self.user_director)["industrial.activity.report"].search(lead),
                        "the head's assignment task is reported in the first company")
        self.assertFalse(as_b["industrial.activity.report"].search(lead))
        self.assertFalse(as_b["industrial.funnel.report"].search(lead))
        self.assertEqual(self.env(user=self.user_director)["industrial.request"].search([("id", "=", request.id)]), request)

    def test_direction_of_the_second_company(self):
        direction = self.env["industrial.direction"].with_user(self.director_b).with_context(
            allowed_company_ids=self.company_b.ids
        ).create({"name": "Насосы Б", "code": "B_PUMP", "company_id": self.company_b.id})
        self.assertEqual(direction.team_id.company_id, self.company_b, "its sales team belongs to the company")
        self.assertFalse(self.env["industrial.direction"].with_user(self.user_head).search([("id", "=", direction.id)]))
