from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestIndustrialCrmUi(HttpCase):
    """A dispatcher and a manager walk a request to a deal in a real browser."""

    def test_request_to_deal(self):
        env = self.env
        dispatcher = new_test_user(env, "tour_dispatcher", groups="industrial_crm.group_dispatcher")
        manager = new_test_user(env, "tour_manager", groups="industrial_crm.group_manager")
        head = new_test_user(env, "tour_head", groups="industrial_crm.group_head")
        team = env["crm.team"].create({"name": "Tour Vacuum team"})
        direction = env["industrial.direction"].create({
            "name": "Tour Vacuum", "code": "TOUR", "team_id": team.id,
            "head_id": head.id, "member_ids": [(6, 0, manager.ids)],
        })
        env["industrial.equipment.type"].create({"name": "Tour pump"})
        result = env["industrial.request"].register_request(
            "phone", phone="+7 903 900-00-01", name="Tour customer", subject="Tour: vacuum pump",
        )
        request = env["industrial.request"].browse(result["request_id"])
        request.lead_id.name = "Tour: vacuum pump"

        self.start_tour("/odoo/action-industrial_crm.industrial_request_action_unsorted", "industrial_crm_dispatcher_tour", login=dispatcher.login)
        self.assertEqual(request.direction_id, direction)
        self.assertEqual(request.dispatcher_id, dispatcher)

        request.lead_id.with_user(head).user_id = manager
        self.start_tour("/odoo/action-crm.crm_lead_all_leads", "industrial_crm_manager_tour", login=manager.login)
        lead = request.lead_id
        self.assertEqual(lead.type, "opportunity")
        self.assertEqual(lead.stage_id.industrial_code, "selection")
        self.assertEqual(lead.expected_revenue, 900000)
        self.assertEqual(lead.user_id, manager)
