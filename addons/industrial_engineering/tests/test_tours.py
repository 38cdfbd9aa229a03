from odoo import Command
from odoo.tests import HttpCase, tagged

# Modules whose Russian texts the tours read
TRANSLATED_MODULES = [
    "base", "web", "base_setup", "mail", "resource", "product", "uom", "sales_team", "crm",
    "sale", "sale_crm", "sale_stock", "stock", "account", "project", "hr_timesheet",
    "industrial_crm", "industrial_production_link", "industrial_engineering",
]


@tagged("post_install", "-at_install")
class TestEngineeringTours(HttpCase):
    """The demo manager requests a calculation from his deal, then, once the demo
    engineer has answered with two variants, compares them and quotes one."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("ru_RU")
        cls.env["ir.module.module"].search([
            ("state", "=", "installed"), ("name", "in", TRANSLATED_MODULES),
        ])._update_translations("ru_RU")
        cls.manager = cls.env["res.users"].search([("login", "=", "manager_hv")])
        cls.engineer = cls.env["res.users"].search([("login", "=", "engineer")])
        cls.head = cls.env["res.users"].search([("login", "=", "head_hv")])
        (cls.manager | cls.engineer | cls.head).write({"lang": "ru_RU", "tz": "Europe/Moscow"})
        direction = cls.env.ref("industrial_crm.direction_hv")
        equipment = cls.env["industrial.equipment.type"].create({"name": "Тур расчёта: оборудование"})
        cls.deal = cls.env["crm.lead"].create({
            "name": "Тур расчёта: установка напыления",
            "type": "opportunity",
            "partner_id": cls.env["res.partner"].create({"name": "АО «Тур расчёта»", "is_company": True}).id,
            "direction_id": direction.id,
            "team_id": direction.team_id.id,
            "user_id": cls.manager.id,
            "equipment_type_ids": [Command.set(equipment.ids)],
            "expected_revenue": 5000000,
            "stage_id": cls.env["crm.stage"].search([("industrial_code", "=", "selection")], limit=1).id,
        })

    def test_manager_requests_compares_and_quotes(self):
        self.start_tour("/odoo", "industrial_engineering_request_calculation", login=self.manager.login)
        calculation = self.deal.industrial_calculation_ids
        self.assertEqual(len(calculation), 1)
        self.assertEqual(calculation.engineer_id, self.engineer)
        self.assertEqual(calculation.user_id, self.manager)
        self.assertIn("10⁻⁵", calculation.requirements)

        # the engineer answers
        as_engineer = calculation.with_user(self.engineer)
        as_engineer.action_start()
        product = self.env.ref("industrial_crm.product_hv_unit")
        Variant = self.env["industrial.calculation.variant"].with_user(self.engineer)
        Variant.create({
            "calculation_id": calculation.id, "sequence": 1, "name": "Турбомолекулярная откачка",
            "price": 5200000, "lead_time_days": 90,
            "line_ids": [
                Command.create({"product_id": product.id, "quantity": 1, "unit_cost": 3100000}),
                Command.create({"name": "Камера рабочая Ø 600 мм", "quantity": 1, "unit_cost": 800000}),
            ],
        })
        Variant.create({
            "calculation_id": calculation.id, "sequence": 2, "name": "Диффузионная откачка",
            "price": 4600000, "lead_time_days": 60,
            "line_ids": [Command.create({"product_id": product.id, "quantity": 1, "unit_cost": 3400000})],
        })
        as_engineer.action_done()

        self.start_tour("/odoo", "industrial_engineering_quote_variant", login=self.manager.login)
        order = calculation.order_id
        self.assertEqual(order.opportunity_id, self.deal)
        self.assertEqual(order.state, "draft")
        self.assertEqual(calculation.chosen_variant_id.name, "Турбомолекулярная откачка")
        self.assertAlmostEqual(order.amount_untaxed, 5200000, delta=1)
        self.assertEqual(order.order_line[0].display_type, "line_section")
        self.assertIn("Турбомолекулярная откачка", order.order_line[0].name)
        self.assertEqual(order.order_line[2].name, "Камера рабочая Ø 600 мм")

    def test_engineer_answers_with_a_variant(self):
        self.deal.name = "Тур инженера: вакуумная печь"
        calculation = self.env["industrial.calculation"].with_user(self.manager).create({
            "lead_id": self.deal.id, "engineer_id": self.engineer.id,
            "requirements": "<p>Печь для пайки, 1200 °C</p>",
        })
        self.start_tour("/odoo", "industrial_engineering_engineer_answers", login=self.engineer.login)
        self.assertEqual(calculation.state, "done")
        variant = calculation.variant_ids
        self.assertEqual(variant.name, "Печь с графитовой изоляцией")
        self.assertEqual((variant.cost, variant.price, variant.lead_time_days), (2700000, 3900000, 120))
        self.assertEqual(variant.line_ids.name, "Камера печи с графитовой изоляцией")
        self.assertTrue(calculation.activity_ids.filtered(
            lambda a: a.user_id == self.manager
            and a.activity_type_id == self.env.ref("industrial_engineering.mail_act_calculation_done")
        ))

    def test_head_reads_calculations_per_engineer(self):
        calculation = self.env["industrial.calculation"].with_user(self.manager).create({
            "lead_id": self.deal.id, "engineer_id": self.engineer.id,
            "requirements": "<p>Стенд</p>", "date_due": "2020-01-10",
        })
        self.assertTrue(calculation.is_overdue)
        self.start_tour("/odoo", "industrial_engineering_head_report", login=self.head.login)

    def test_engineer_does_the_commissioning_job(self):
        self.deal.name = "Тур наладки: установка"
        self.deal.equipment_type_ids.needs_commissioning = True
        self.deal.partner_id.write({"street": "ул. Заводская, 5", "city": "Балашиха"})
        self.env["industrial.calculation"].with_user(self.manager).create({
            "lead_id": self.deal.id, "engineer_id": self.engineer.id, "requirements": "<p>Пуск</p>",
        })
        stages = {s.industrial_code: s for s in self.env["crm.stage"].search([("industrial_code", "!=", False)])}
        self.deal.with_context(industrial_stage_override=True).stage_id = stages["shipment"]
        # the job is named in the deal manager's language, whoever moves the deal
        self.deal.with_context(industrial_stage_override=True).stage_id = stages["commissioning"]
        job = self.deal.industrial_commissioning_task_ids
        self.assertEqual(job.user_ids, self.engineer)
        job.industrial_check_ids[:-1].write({"is_done": True})
        self.env["hr.employee"].search([("user_id", "=", self.engineer.id)]) or self.env["hr.employee"].create({
            "name": self.engineer.name, "user_id": self.engineer.id,
        })
        self.start_tour("/odoo", "industrial_engineering_commissioning_job", login=self.engineer.login)
        self.assertTrue(all(job.industrial_check_ids.mapped("is_done")))
        self.assertEqual(job.industrial_report_ids.mapped("name"), ["Отчёт о пусконаладке.pdf"])
        self.assertEqual(job.effective_hours, 6.5)
        self.assertEqual(job.timesheet_ids.employee_id.user_id, self.engineer)
        job.with_user(self.engineer).state = "1_done"
        self.assertEqual(self.deal.industrial_commissioning_state, "done")
