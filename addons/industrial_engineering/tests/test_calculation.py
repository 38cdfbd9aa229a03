from datetime import timedelta

from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from .common import EngineeringCommon


@tagged("post_install", "-at_install")
class TestCalculationFlow(EngineeringCommon):
    """Requested → in progress → (returned for details) → done, and who is told."""

    def _activities(self, calculation, xmlid):
        return calculation.activity_ids.filtered(
            lambda a: a.activity_type_id == self.env.ref(f"industrial_engineering.{xmlid}")
        )

    def test_request_from_deal_gives_engineer_an_activity(self):
        action = self.deal.with_user(self.user_manager).action_request_calculation()
        self.assertEqual(action["context"]["default_lead_id"], self.deal.id)
        with Form(self.env["industrial.calculation"].with_user(self.user_manager).with_context(
            action["context"]
        )) as form:
            form.engineer_id = self.user_engineer
            form.requirements = "<p>Vacuum 1e-5 Pa</p>"
            form.date_due = fields.Date.today() + timedelta(days=3)
        calculation = form.record
        self.assertTrue(calculation.name.startswith("CALC-"))
        self.assertEqual(calculation.state, "requested")
        self.assertEqual(calculation.user_id, self.user_manager)
        self.assertEqual(calculation.direction_id, self.direction_hv)
        activity = self._activities(calculation, "mail_act_calculation_request")
        self.assertEqual(activity.user_id, self.user_engineer)
        self.assertEqual(activity.date_deadline, fields.Date.today() + timedelta(days=3))
        self.assertEqual(self.deal.industrial_calculation_count, 1)
        smart = self.deal.with_user(self.user_manager).action_view_industrial_calculations()
        self.assertEqual(smart["res_id"], calculation.id)

    def test_full_flow_with_return_for_details(self):
        calculation = self._request()
        as_engineer = calculation.with_user(self.user_engineer)
        as_engineer.action_start()
        self.assertEqual(calculation.state, "in_progress")
        with self.assertRaisesRegex(UserError, "Say which details are missing"):
            as_engineer.action_return()
        self.assertEqual(calculation.state, "in_progress", "nothing half-written")
        as_engineer.details_needed = "Which gas is pumped?"
        as_engineer.action_return()
        self.assertEqual(calculation.state, "returned")
        self.assertFalse(self._activities(calculation, "mail_act_calculation_request"))
        returned = self._activities(calculation, "mail_act_calculation_returned")
        self.assertEqual(returned.user_id, self.user_manager)
        self.assertIn(self.user_manager.partner_id, calculation.message_ids[0].partner_ids)
        self.assertIn("Which gas is pumped?", str(calculation.message_ids[0].body))

        calculation.with_user(self.user_manager).write({"requirements": "<p>Argon, 1e-5 Pa</p>"})
        calculation.with_user(self.user_manager).action_resubmit()
        self.assertEqual(calculation.state, "requested")
        self.assertFalse(self._activities(calculation, "mail_act_calculation_returned"))
        self.assertEqual(self._activities(calculation, "mail_act_calculation_request").user_id, self.user_engineer)

        as_engineer.action_start()
        self._variant(calculation)
        as_engineer.action_done()
        self.assertEqual(calculation.state, "done")
        self.assertTrue(calculation.date_done)
        self.assertFalse(self._activities(calculation, "mail_act_calculation_request"))
        self.assertEqual(self._activities(calculation, "mail_act_calculation_done").user_id, self.user_manager)

    def test_bad_transitions_are_refused(self):
        calculation = self._request()
        as_engineer = calculation.with_user(self.user_engineer)
        with self.assertRaisesRegex(UserError, "cannot be finished: it is Requested"):
            as_engineer.action_done()
        with self.assertRaisesRegex(UserError, "cannot be sent back to the engineer: it is Requested"):
            calculation.with_user(self.user_manager).action_resubmit()
        as_engineer.action_start()
        with self.assertRaisesRegex(UserError, "cannot be started: it is In Progress"):
            as_engineer.action_start()
        with self.assertRaisesRegex(UserError, "Add at least one variant"):
            as_engineer.action_done()
        self._variant(calculation, price=0)
        with self.assertRaisesRegex(UserError, "needs its lines and a proposed price"):
            as_engineer.action_done()
        self.assertEqual(calculation.state, "in_progress")
        with self.assertRaisesRegex(UserError, "only through its buttons"):
            calculation.with_user(self.user_manager).write({"state": "done"})
        self.assertEqual(calculation.state, "in_progress")

    def test_only_the_engineer_of_the_calculation_acts(self):
        calculation = self._request()
        with self.assertRaisesRegex(AccessError, "Egor Engineer"):
            calculation.with_user(self.user_manager).action_start()
        with self.assertRaises(AccessError):
            calculation.with_user(self.user_engineer_2).action_start()
        with self.assertRaises(AccessError):
            calculation.with_user(self.user_engineer).action_resubmit()

    def test_request_only_for_a_deal(self):
        lead = self.env["crm.lead"].create({"name": "Bare lead", "type": "lead", "direction_id": self.direction_hv.id})
        with self.assertRaisesRegex(UserError, "for a deal, not for a lead"):
            self._request(deal=lead)

    def test_errors_in_russian(self):
        self.env["res.lang"]._activate_lang("ru_RU")
        self.env["ir.module.module"]._load_module_terms(["industrial_engineering"], ["ru_RU"], overwrite=True)
        calculation = self._request()
        as_engineer = calculation.with_user(self.user_engineer).with_context(lang="ru_RU")
        with self.assertRaisesRegex(UserError, "не может быть завершён: он в статусе «Запрошен»"):
            as_engineer.action_done()
        as_engineer.action_start()
        with self.assertRaisesRegex(UserError, "Добавьте хотя бы один вариант"):
            as_engineer.action_done()
        with self.assertRaisesRegex(UserError, "Укажите, каких данных не хватает"):
            as_engineer.action_return()


@tagged("post_install", "-at_install")
class TestCalculationSla(EngineeringCommon):
    """The engineer is reminded once per due date he let pass."""

    def test_cron_reminds_once_per_due_date(self):
        calculation = self._request(date_due=fields.Date.today() + timedelta(days=2))
        done = self._done_calculation(variants=1)
        done.date_due = fields.Date.today() - timedelta(days=1)
        Calculation = self.env["industrial.calculation"]
        overdue_type = self.env.ref("industrial_engineering.mail_act_calculation_overdue")

        def reminders(record):
            return record.activity_ids.filtered(lambda a: a.activity_type_id == overdue_type)

        Calculation._cron_remind_overdue()
        self.assertFalse(reminders(calculation), "not due yet")
        self.assertFalse(calculation.is_overdue)
        with freeze_time(fields.Date.today() + timedelta(days=3)):
            calculation.invalidate_recordset(["is_overdue"])
            self.assertTrue(calculation.is_overdue)
            self.assertIn(calculation, Calculation.search([("is_overdue", "=", True)]))
            Calculation._cron_remind_overdue()
            self.assertEqual(reminders(calculation).user_id, self.user_engineer)
            Calculation._cron_remind_overdue()
            self.assertEqual(len(reminders(calculation)), 1, "its own reminder is no news")
            self.assertFalse(reminders(done), "a done calculation is never overdue")
            calculation.date_due = fields.Date.today() - timedelta(days=2)
            Calculation._cron_remind_overdue()
            self.assertEqual(len(reminders(calculation)), 2, "a new due date let pass is reminded again")


@tagged("post_install", "-at_install")
class TestCalculationVariants(EngineeringCommon):
    """Variants are compared and the chosen one becomes quotation lines."""

    def test_variant_figures(self):
        calculation = self._done_calculation()
        turbo, diffusion = calculation.variant_ids
        self.assertEqual(turbo.cost, 4000000)
        self.assertEqual(turbo.margin, 1000000)
        self.assertAlmostEqual(turbo.margin_percent, 20.0)
        self.assertEqual(diffusion.cost, 3400000)
        self.assertEqual(diffusion.lead_time_days, 60)
        action = calculation.with_user(self.user_manager).action_view_variants()
        compared = self.env["industrial.calculation.variant"].with_user(self.user_manager).search(action["domain"])
        self.assertEqual(compared, turbo | diffusion)
        self.assertEqual(
            compared.read(["cost", "price", "margin", "lead_time_days"])[1]["price"], 4400000,
        )

    def test_line_defaults_from_product(self):
        calculation = self._request()
        calculation.with_user(self.user_engineer).action_start()
        variant = self._variant(calculation, lines=[{"product_id": self.product_pump.id, "quantity": 3}])
        self.assertEqual(variant.line_ids.name, "Turbo pump TMN-300")
        self.assertEqual(variant.line_ids.unit_cost, 400000)
        self.assertEqual(variant.cost, 1200000)

    def test_chosen_variant_creates_quotation(self):
        calculation = self._done_calculation()
        turbo = calculation.variant_ids[0]
        action = turbo.with_user(self.user_manager).action_use_in_quotation()
        order = self.env["sale.order"].browse(action["res_id"])
        self.assertEqual(order.state, "draft")
        self.assertEqual(order.opportunity_id, self.deal)
        self.assertEqual(order.partner_id, self.customer)
        self.assertEqual(calculation.order_id, order)
        self.assertEqual(calculation.chosen_variant_id, turbo)
        self.assertTrue(turbo.is_chosen)
        section, unit, chamber = order.order_line
        self.assertEqual(section.display_type, "line_section")
        self.assertIn("Turbo pumping", section.name)
        self.assertEqual(unit.product_id, self.product_unit)
        self.assertEqual(unit.price_unit, 3750000, "price spread by cost: 5.0 M / 4.0 M")
        self.assertEqual(chamber.product_id, self.env.ref("industrial_engineering.product_engineering_component"))
        self.assertEqual(chamber.name, "Chamber 600 mm with load lock")
        self.assertEqual(chamber.product_uom_qty, 2)
        self.assertEqual(chamber.price_unit, 625000)
        self.assertEqual(order.amount_untaxed, 5000000)
        self.assertEqual(unit.customer_lead, 90)
        with self.assertRaisesRegex(UserError, "already in the quotation"):
            calculation.variant_ids[1].with_user(self.user_manager).action_use_in_quotation()

    def test_chosen_variant_fills_existing_draft(self):
        draft = self.env["sale.order"].create({
            "partner_id": self.customer.id, "opportunity_id": self.deal.id,
            "order_line": [(0, 0, {"product_id": self.product_pump.id, "product_uom_qty": 1, "price_unit": 1000})],
        })
        calculation = self._done_calculation()
        action = calculation.variant_ids[1].with_user(self.user_manager).action_use_in_quotation()
        self.assertEqual(action["res_id"], draft.id)
        self.assertEqual(len(draft.order_line), 4)
        self.assertEqual(draft.order_line[1].display_type, "line_section")
        self.assertEqual(draft.amount_untaxed, 1000 + 4400000)
        self.assertEqual(len(self.deal.order_ids), 1, "no second quotation")

    def test_quotation_refused_before_done_and_for_engineer(self):
        calculation = self._request()
        calculation.with_user(self.user_engineer).action_start()
        variant = self._variant(calculation)
        with self.assertRaisesRegex(UserError, "not done yet"):
            variant.with_user(self.user_manager).action_use_in_quotation()
        with self.assertRaises(AccessError):
            variant.with_user(self.user_engineer).action_use_in_quotation()
        self.assertFalse(self.deal.order_ids)

    def test_done_calculation_freezes_variants(self):
        calculation = self._done_calculation(variants=1)
        with self.assertRaisesRegex(UserError, "can no longer be changed"):
            calculation.variant_ids.with_user(self.user_engineer).price = 1
        with self.assertRaisesRegex(UserError, "can no longer be changed"):
            calculation.variant_ids.line_ids[0].with_user(self.user_engineer).unit_cost = 1
        with self.assertRaisesRegex(UserError, "can no longer be changed"):
            self._variant(calculation)


@tagged("post_install", "-at_install")
class TestCalculationReport(EngineeringCommon):
    """Heads read open, overdue and average time per engineer."""

    def test_report_per_engineer(self):
        with freeze_time(fields.Datetime.now() - timedelta(days=2)):
            done = self._done_calculation(variants=1)
        done.with_context(industrial_calculation_flow=True).date_done = done.date_request + timedelta(
            days=1, hours=12
        )
        self._request(date_due=fields.Date.today() - timedelta(days=1))
        self._request(engineer=self.user_engineer_2)
        self.env.flush_all()
        Report = self.env["industrial.calculation.report"].with_user(self.user_head)
        rows = {
            row["engineer_id"][0]: row
            for row in Report.read_group(
                [("lead_id", "=", self.deal.id)],
                ["open_count:sum", "overdue_count:sum", "done_count:sum", "duration_days:avg"],
                ["engineer_id"],
            )
        }
        mine = rows[self.user_engineer.id]
        self.assertEqual((mine["open_count"], mine["overdue_count"], mine["done_count"]), (1, 1, 1))
        self.assertAlmostEqual(mine["duration_days"], 1.5)
        other = rows[self.user_engineer_2.id]
        self.assertEqual((other["open_count"], other["overdue_count"], other["done_count"]), (1, 0, 0))
        self.assertFalse(Report.with_user(self.user_head_other).search([("lead_id", "=", self.deal.id)]),
                         "another direction's head does not see them")
