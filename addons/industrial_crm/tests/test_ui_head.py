from odoo.tests import HttpCase, new_test_user, tagged

# waits for a selector, clicks through the head's screens; any console error fails the test
HEAD_SCREENS_JS = """
(async () => {
    const wait = async (selector, absent = false) => {
        for (let i = 0; i < 150; i++) {
            const node = document.querySelector(selector);
            if (absent ? !node : node) { return node; }
            await new Promise((resolve) => setTimeout(resolve, 100));
        }
        throw new Error((absent ? "Still there: " : "Not found: ") + selector);
    };
    await wait(".o_pivot table");
    const action = odoo.__WOWL_DEBUG__.root.env.services.action;
    (await wait(".o_switch_view.o_graph")).click();
    await wait(".o_graph_renderer canvas");
    (await wait(".o_switch_view.o_list")).click();
    await wait(".o_list_renderer");
    await action.doAction("industrial_crm.industrial_activity_report_action", {
        additionalContext: {search_default_last_month: 1, search_default_my_directions: 1, search_default_late: 1},
    });
    await wait(".o_pivot");
    await action.doAction("industrial_crm.crm_lead_action_satisfaction");
    await wait(".o_pivot");
    await action.doAction("industrial_crm.industrial_satisfaction_call_wizard_action");
    (await wait(".modal .o_field_widget[name=sample_size] input")).value = "1";
    document.querySelector(".modal .o_field_widget[name=sample_size] input").dispatchEvent(new Event("change"));
    (await wait(".modal button[name=action_plan]")).click();
    await wait(".o_notification");
    await action.doAction({
        type: "ir.actions.act_window", res_model: "crm.lead", res_id: %(deal_id)s, views: [[false, "form"]],
    });
    (await wait("button[name=action_record_satisfaction]")).click();
    (await wait(".modal .o_field_widget[name=outcome] input[data-value=satisfied]")).click();
    (await wait(".modal button[name=action_confirm]")).click();
    await wait(".modal", true);
    await wait("button[name=action_record_satisfaction]");
    console.log("test successful");
})();
"""


@tagged("post_install", "-at_install")
class TestHeadScreens(HttpCase):
    """A head opens Task Discipline (pivot, graph, list, filters), Customer Satisfaction,
    plans a satisfaction call and records the answer, in a real browser."""

    def test_head_screens(self):
        env = self.env
        head = new_test_user(env, "ui_head", groups="industrial_crm.group_head")
        manager = new_test_user(env, "ui_manager", groups="industrial_crm.group_manager")
        team = env["crm.team"].create({"name": "UI Vacuum team"})
        direction = env["industrial.direction"].create({
            "name": "UI Vacuum", "code": "UI_HV", "team_id": team.id,
            "head_id": head.id, "member_ids": [(6, 0, manager.ids)],
        })
        deal = env["crm.lead"].create({
            "name": "UI closed deal", "type": "opportunity", "user_id": manager.id,
            "partner_id": env["res.partner"].create({"name": "UI customer", "is_company": True}).id,
            "direction_id": direction.id, "team_id": team.id, "expected_revenue": 1000,
            "equipment_type_ids": [(0, 0, {"name": "UI pump"})],
            "stage_id": env["crm.stage"].search([("industrial_code", "=", "closed")], limit=1).id,
        })
        deal.activity_schedule("mail.mail_activity_data_todo", user_id=manager.id)
        self.browser_js(
            "/odoo/action-industrial_crm.industrial_activity_report_action",
            HEAD_SCREENS_JS % {"deal_id": deal.id}, login=head.login,
        )
        self.assertEqual(deal.satisfaction_outcome, "satisfied")
        self.assertFalse(deal.satisfaction_call_pending, "the planned call is done")
