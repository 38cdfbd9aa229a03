from datetime import datetime, timedelta

from freezegun import freeze_time

from odoo.tests import tagged

from .common import IndustrialCrmCommon


@tagged("post_install", "-at_install")
class TestEscalation(IndustrialCrmCommon):
    def setUp(self):
        super().setUp()
        self.start = datetime(2026, 11, 2, 9, 0)
        with freeze_time(self.start):
            self.lead = self.env["crm.lead"].create({
                "name": "Pump for a furnace line",
                "type": "lead",
                "direction_id": self.direction_hv.id,
                "user_id": self.user_manager.id,
            })
        self.escalation_type = self.env.ref("industrial_crm.mail_act_escalation")

    def _escalations(self):
        return self.lead.activity_ids.filtered(lambda a: a.activity_type_id == self.escalation_type)

    def test_head_then_director(self):
        Lead = self.env["crm.lead"]
        with freeze_time(self.start + timedelta(hours=23)):
            Lead._cron_escalate_stale_leads()
        self.assertEqual(self.lead.escalation_level, "0")
        with freeze_time(self.start + timedelta(hours=25)):
            Lead._cron_escalate_stale_leads()
            Lead._cron_escalate_stale_leads()
        self.assertEqual(self.lead.escalation_level, "1")
        self.assertEqual(self._escalations().user_id, self.user_head)
        self.assertIn("Escalated to the head", self.lead.message_ids[0].body)
        with freeze_time(self.start + timedelta(hours=49)):
            Lead._cron_escalate_stale_leads()
        self.assertEqual(self.lead.escalation_level, "2")
        directors = self._escalations().user_id - self.user_head
        self.assertIn(self.user_director, directors)
        self.assertIn("Escalated to the director", self.lead.message_ids[0].body)

    def test_configured_director_only(self):
        self.company_admin.industrial_director_id = self.user_director
        with freeze_time(self.start + timedelta(hours=49)):
            self.env["crm.lead"]._cron_escalate_stale_leads()
            self.env["crm.lead"]._cron_escalate_stale_leads()
        self.assertEqual(self._escalations().user_id, self.user_head | self.user_director)

    def test_progress_resets(self):
        with freeze_time(self.start + timedelta(hours=25)):
            self.env["crm.lead"]._cron_escalate_stale_leads()
        self.assertEqual(self.lead.escalation_level, "1")
        with freeze_time(self.start + timedelta(hours=30)):
            self.lead.write({"equipment_type_ids": [(6, 0, self.eq_plain.ids)], "expected_revenue": 10})
            self.lead.convert_opportunity(self.customer)
        self.assertEqual(self.lead.escalation_level, "0")
        with freeze_time(self.start + timedelta(hours=50)):
            self.env["crm.lead"]._cron_escalate_stale_leads()
        self.assertEqual(self.lead.escalation_level, "0", "24 h count from the last progress")

    def test_configurable_delay(self):
        self.env["ir.config_parameter"].sudo().set_param("industrial_crm.escalation_hours", "4")
        with freeze_time(self.start + timedelta(hours=5)):
            self.env["crm.lead"]._cron_escalate_stale_leads()
        self.assertEqual(self.lead.escalation_level, "1")

    def test_unassigned_or_won_not_escalated(self):
        self.lead.user_id = False
        with freeze_time(self.start + timedelta(hours=100)):
            self.env["crm.lead"]._cron_escalate_stale_leads()
        self.assertEqual(self.lead.escalation_level, "0")
