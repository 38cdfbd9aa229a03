from odoo.tests import Form, tagged

from .common import IndustrialCrmCommon


@tagged("post_install", "-at_install")
class TestDirectionTeam(IndustrialCrmCommon):
    """Odoo moves a lead to its salesperson's team; a direction's lead stays in its team."""

    def test_assigning_a_manager_keeps_the_direction_team(self):
        other_team = self.env["crm.team"].create({"name": "Someone else's team", "use_leads": True})
        other_team.member_ids = self.user_manager_other
        lead = self.env["crm.lead"].create({
            "name": "Roots pump", "type": "lead", "partner_id": self.customer.id,
            "direction_id": self.direction_pump.id,
        })
        self.assertEqual(lead.team_id, self.team_pump)
        with Form(lead.with_user(self.user_head_other)) as form:
            form.user_id = self.user_manager_other
        self.assertEqual(lead.user_id, self.user_manager_other)
        self.assertEqual(lead.team_id, self.team_pump, "not the team the manager also belongs to")
        lead.write({"equipment_type_ids": [(6, 0, self.eq_plain.ids)], "expected_revenue": 250000})
        lead.convert_opportunity(self.customer)
        self.assertEqual(lead.team_id, self.team_pump)

    def test_manager_picker_offers_the_direction(self):
        lead = self.env["crm.lead"].create({
            "name": "Leak detector", "type": "lead", "direction_id": self.direction_hv.id,
        })
        self.assertEqual(
            lead.industrial_assignable_user_ids, self.user_manager | self.user_manager_2 | self.user_head
        )
