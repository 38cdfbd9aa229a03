from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import EngineeringCommon


@tagged("post_install", "-at_install")
class TestEngineeringAccess(EngineeringCommon):
    """Engineer: his calculations and the deals he works on, read only; manager:
    requests and reads those of his deals; head: the report; marketer: nothing."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.calculation = cls._request()
        cls.other_deal = cls._create_deal(
            name="Pump for another direction", direction_id=cls.direction_pump.id,
            team_id=cls.team_pump.id, user_id=cls.user_manager_other.id,
        )
        cls.other_calculation = cls._request(
            deal=cls.other_deal, engineer=cls.user_engineer_2, user=cls.user_manager_other,
        )

    def test_engineer_sees_his_calculations_and_their_deals_read_only(self):
        Calculation = self.env["industrial.calculation"].with_user(self.user_engineer)
        self.assertEqual(Calculation.search([]), self.calculation)
        with self.assertRaises(AccessError):
            self.other_calculation.with_user(self.user_engineer).read(["name"])
        with self.assertRaises(AccessError):
            Calculation.create({
                "lead_id": self.deal.id, "engineer_id": self.user_engineer.id, "requirements": "<p>x</p>",
            })
        deal = self.deal.with_user(self.user_engineer)
        self.assertEqual(deal.read(["name"])[0]["name"], "Coating unit for Cryogenmash")
        with self.assertRaises(AccessError):
            deal.write({"name": "Renamed by the engineer"})
        self.assertEqual(self.env["crm.lead"].with_user(self.user_engineer).search([]), self.deal)
        with self.assertRaises(AccessError):
            self.other_deal.with_user(self.user_engineer).read(["name"])

    def test_engineer_variants_only_on_his_calculations(self):
        self.calculation.with_user(self.user_engineer).action_start()
        variant = self._variant(self.calculation)
        self.assertEqual(variant.line_ids.with_user(self.user_engineer).mapped("subtotal"), [3000000, 1000000])
        self.other_calculation.with_user(self.user_engineer_2).action_start()
        with self.assertRaises(AccessError):
            self._variant(self.other_calculation, user=self.user_engineer)

    def test_manager_requests_and_reads_but_does_not_touch_variants(self):
        Calculation = self.env["industrial.calculation"].with_user(self.user_manager)
        self.assertEqual(Calculation.search([]), self.calculation)
        self.calculation.with_user(self.user_engineer).action_start()
        variant = self._variant(self.calculation)
        as_manager = variant.with_user(self.user_manager)
        self.assertEqual(as_manager.read(["cost"])[0]["cost"], 4000000)
        with self.assertRaises(AccessError):
            as_manager.write({"price": 1})
        with self.assertRaises(AccessError):
            self._variant(self.calculation, user=self.user_manager)
        with self.assertRaises(AccessError):
            self.other_calculation.with_user(self.user_manager).read(["name"])

    def test_head_and_director_see_the_report(self):
        Report = self.env["industrial.calculation.report"]
        self.assertEqual(
            Report.with_user(self.user_head).search([]).calculation_id, self.calculation,
            "the head sees his direction's calculations",
        )
        self.assertEqual(
            Report.with_user(self.user_director).search([("calculation_id", "in", (self.calculation | self.other_calculation).ids)]).calculation_id,
            self.calculation | self.other_calculation,
        )
        with self.assertRaises(AccessError):
            Report.with_user(self.user_engineer).search([])

    def test_marketer_sees_nothing(self):
        for model in ("industrial.calculation", "industrial.calculation.variant",
                      "industrial.calculation.report", "industrial.commissioning.check"):
            with self.assertRaises(AccessError, msg=model):
                self.env[model].with_user(self.user_marketer).search([])
        with self.assertRaises(AccessError):
            self.calculation.with_user(self.user_marketer).read(["name"])

    def test_engineer_lands_on_his_calculations(self):
        self.assertEqual(
            self.user_engineer._get_industrial_home_action(),
            self.env.ref("industrial_engineering.industrial_calculation_action_my"),
        )
        self.assertEqual(
            self.user_manager._get_industrial_home_action(),
            self.env.ref("industrial_crm.crm_lead_action_my_deals"),
            "a manager still lands on his deals",
        )
