from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import EngineeringCommon


@tagged("post_install", "-at_install")
class TestCommissioningJob(EngineeringCommon):
    """Reaching Delivery and commissioning plans the job; only the job done with
    its report (and the signed act) lets the deal leave the stage."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.site = cls.env["res.partner"].create({
            "name": "Cryogenmash plant", "type": "delivery", "parent_id": cls.customer.id,
            "street": "Zavodskaya 5", "city": "Balashikha",
        })

    def _deal_at_shipment(self, equipment=None):
        deal = self._create_deal(
            name="Coating unit to commission",
            equipment_type_ids=[Command.set((equipment or self.eq_commissioned).ids)],
        )
        self._invoice_deal(deal)
        deal.with_context(industrial_stage_override=True).stage_id = self.stages["shipment"]
        return deal

    def _finish(self, job, user=None):
        job = job.with_user(user or self.user_engineer)
        job.industrial_check_ids.write({"is_done": True})
        job.industrial_report_ids = [Command.create({
            "name": "report.pdf", "raw": b"%PDF-1.4 report", "res_model": "project.task",
        })]
        job.state = "1_done"

    def test_job_planned_on_reaching_the_stage(self):
        deal = self._deal_at_shipment()
        calculation = self._request(deal=deal)
        self.assertFalse(deal.industrial_commissioning_task_ids)
        deal.with_user(self.user_manager).action_next_stage()
        self.assertEqual(deal.stage_code, "commissioning")
        job = deal.industrial_commissioning_task_ids
        self.assertEqual(len(job), 1)
        self.assertEqual(job.project_id, self.env.ref("industrial_engineering.project_commissioning"))
        self.assertTrue(job.project_id.allow_timesheets)
        self.assertEqual(job.user_ids, calculation.engineer_id, "the engineer who calculated the deal")
        self.assertEqual(job.industrial_site_partner_id, self.site, "the customer's delivery address")
        self.assertIn("Balashikha", job.industrial_site_address)
        self.assertEqual(len(job.industrial_check_ids), 6)
        self.assertEqual(deal.industrial_commissioning_state, "planned")
        self.assertIn("Commissioning job planned", str(deal.message_ids[0].body))
        deal.write({"description": "no new job for an edit"})
        deal.stage_id = self.stages["commissioning"]
        self.assertEqual(len(deal.industrial_commissioning_task_ids), 1)

    def test_no_job_for_equipment_without_commissioning(self):
        deal = self._deal_at_shipment(equipment=self.eq_plain)
        deal.action_next_stage()
        self.assertEqual(deal.stage_code, "commissioning")
        self.assertFalse(deal.industrial_commissioning_task_ids)
        deal.acceptance_act_ids = [Command.link(self._attachment().id)]
        deal.action_next_stage()
        self.assertEqual(deal.stage_code, "service")

    def test_stage_blocked_until_job_done_with_report(self):
        deal = self._deal_at_shipment()
        self._request(deal=deal)
        deal.action_next_stage()
        job = deal.industrial_commissioning_task_ids
        deal.acceptance_act_ids = [Command.link(self._attachment().id)]
        with self.assertRaisesRegex(UserError, "have not finished the commissioning job"):
            deal.with_user(self.user_manager).action_next_stage()
        with self.assertRaisesRegex(UserError, "have not finished the commissioning job"):
            deal.with_user(self.user_manager).stage_id = self.stages["closed"]
        as_engineer = job.with_user(self.user_engineer)
        with self.assertRaisesRegex(UserError, "Attach the commissioning report"):
            as_engineer.state = "1_done"
        as_engineer.industrial_report_ids = [Command.create({
            "name": "report.pdf", "raw": b"%PDF-1.4 report", "res_model": "project.task",
        })]
        with self.assertRaisesRegex(UserError, "Tick every checklist step"):
            as_engineer.state = "1_done"
        self.assertNotEqual(job.state, "1_done")
        self._finish(job)
        self.assertEqual(deal.industrial_commissioning_state, "done")
        deal.with_user(self.user_manager).action_next_stage()
        self.assertEqual(deal.stage_code, "service")

    def test_act_still_required_after_job(self):
        deal = self._deal_at_shipment()
        deal.action_next_stage()
        self._finish(deal.industrial_commissioning_task_ids, user=self.env.user)
        with self.assertRaisesRegex(UserError, "acceptance act"):
            deal.action_next_stage()

    def test_head_forces_with_the_job_logged(self):
        deal = self._deal_at_shipment()
        deal.action_next_stage()
        deal.with_user(self.user_head).action_force_next_stage()
        self.assertEqual(deal.stage_code, "service")
        note = deal.message_ids.filtered(lambda m: "forced the stage" in str(m.body))
        self.assertIn("commissioning job", str(note.body))

    def test_plan_by_hand_for_a_deal_already_at_the_stage(self):
        deal = self._create_deal(stage_id=self.stages["commissioning"].id)
        deal.equipment_type_ids = [Command.set(self.eq_commissioned.ids)]
        self.assertEqual(len(deal.industrial_commissioning_task_ids), 1, "planned as the equipment changed")
        deal.industrial_commissioning_task_ids.unlink()
        with self.assertRaisesRegex(UserError, "plan the commissioning job"):
            deal.action_next_stage()
        with self.assertRaises(AccessError):
            deal.with_user(self.user_engineer).action_plan_commissioning()
        deal.with_user(self.user_manager).action_plan_commissioning()
        self.assertEqual(len(deal.industrial_commissioning_task_ids), 1)
        with self.assertRaisesRegex(UserError, "already has its commissioning job"):
            deal.with_user(self.user_manager).action_plan_commissioning()

    def test_engineer_sees_his_jobs_and_records_time(self):
        deal = self._deal_at_shipment()
        self._request(deal=deal)
        deal.action_next_stage()
        job = deal.industrial_commissioning_task_ids
        Task = self.env["project.task"]
        self.assertEqual(Task.with_user(self.user_engineer).search([("id", "=", job.id)]), job)
        self.assertFalse(Task.with_user(self.user_engineer_2).search([("id", "=", job.id)]),
                         "not his job: not in his list")
        with self.assertRaises(AccessError):
            job.with_user(self.user_engineer_2).read(["name"])
        self.assertEqual(self.env["crm.lead"].with_user(self.user_engineer).browse(deal.id).read(["name"])[0]["name"],
                         deal.name)
        with self.assertRaises(AccessError):
            deal.with_user(self.user_engineer).write({"name": "x"})
        check = job.industrial_check_ids[0].with_user(self.user_engineer)
        check.is_done = True
        with self.assertRaises(AccessError):
            job.industrial_check_ids[1].with_user(self.user_engineer_2).write({"is_done": True})
        self.env["account.analytic.line"].with_user(self.user_engineer).create({
            "name": "Mounting on site", "task_id": job.id, "project_id": job.project_id.id, "unit_amount": 6.5,
        })
        self.assertEqual(job.effective_hours, 6.5)
        self.assertEqual(job.timesheet_ids.employee_id.user_id, self.user_engineer)
        job.user_ids = [Command.link(self.user_engineer_2.id)]
        self.assertEqual(Task.with_user(self.user_engineer_2).search([("id", "=", job.id)]), job,
                         "joined the team, sees the job")

    def test_blocker_in_russian(self):
        self.env["res.lang"]._activate_lang("ru_RU")
        self.env["ir.module.module"]._load_module_terms(
            ["industrial_crm", "industrial_engineering"], ["ru_RU"], overwrite=True,
        )
        deal = self._deal_at_shipment()
        self._request(deal=deal)
        deal.action_next_stage()
        deal.acceptance_act_ids = [Command.link(self._attachment().id)]
        with self.assertRaisesRegex(UserError, "инженеры не завершили пусконаладку с отчётом"):
            deal.with_user(self.user_manager).with_context(lang="ru_RU").action_next_stage()
        job = deal.industrial_commissioning_task_ids.with_user(self.user_engineer).with_context(lang="ru_RU")
        with self.assertRaisesRegex(UserError, "Приложите отчёт о пусконаладке"):
            job.state = "1_done"
