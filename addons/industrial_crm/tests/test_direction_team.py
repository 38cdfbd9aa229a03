from psycopg2 import IntegrityError

from odoo.tests import Form, tagged
from odoo.tools import mute_logger

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


@tagged("post_install", "-at_install")
class TestDirectionIsItsTeam(IndustrialCrmCommon):
    """A direction is an Odoo sales team: one member list, one leader, one alias."""

    def test_new_direction_is_a_sales_team(self):
        direction = self.env["industrial.direction"].with_user(self.user_director).create({
            "name": "Leak detection", "code": "T_LEAK", "head_id": self.user_head.id,
            "member_ids": [(6, 0, self.user_manager_2.ids)], "alias_name": "t-leaks",
        })
        team = direction.team_id
        self.assertEqual(team.name, "Leak detection")
        self.assertEqual(team.user_id, self.user_head, "the head leads the team")
        self.assertEqual(team.member_ids, self.user_manager_2, "the managers are the team's members")
        self.assertTrue(team.use_leads and team.use_opportunities)
        self.assertEqual(team.alias_name, "t-leaks", "the team's alias is the direction's")
        self.assertEqual(team.alias_id.alias_model_id.model, "industrial.request")
        self.assertEqual(team.alias_id.alias_defaults, repr({"direction_id": direction.id}))

    def test_members_edited_on_the_team_are_the_direction_managers(self):
        self.team_hv.member_ids = [(4, self.user_manager_other.id)]
        self.assertIn(self.user_manager_other, self.direction_hv.member_ids)
        self.assertIn(self.user_manager_other, self.direction_pump.member_ids, "a manager may sell for two directions")
        lead = self.env["crm.lead"].create({
            "name": "Turbo pump", "type": "lead", "direction_id": self.direction_hv.id,
        })
        self.assertIn(self.user_manager_other, lead.industrial_assignable_user_ids)
        self.assertEqual(
            self.env["crm.lead"].with_user(self.user_manager_other).search([("id", "=", lead.id)]), lead,
            "record rules see the new member at once",
        )
        self.team_hv.member_ids = [(3, self.user_manager_other.id)]
        self.assertFalse(
            self.env["crm.lead"].with_user(self.user_manager_other).search([("id", "=", lead.id)]),
            "and forget him at once",
        )

    def test_head_changed_on_the_team_heads_the_direction(self):
        self.team_pump.user_id = self.user_head
        self.assertEqual(self.direction_pump.head_id, self.user_head)
        self.assertIn(self.direction_pump, self.user_head.industrial_direction_ids)

    def test_one_team_is_one_direction(self):
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"), self.cr.savepoint():
            self.env["industrial.direction"].create({"code": "T_TWIN", "team_id": self.team_hv.id})
            self.env.flush_all()

    def test_email_to_the_team_alias_is_a_request_of_the_direction(self):
        self.assertEqual(self.team_hv.alias_name, "t-vacuum")
        self.assertEqual(self.direction_hv.alias_email, self.team_hv.alias_email)
