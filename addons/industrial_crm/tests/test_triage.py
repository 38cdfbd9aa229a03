from odoo.exceptions import AccessError
from odoo.tests import Form, tagged

from .common import IndustrialCrmCommon


@tagged("post_install", "-at_install")
class TestTriage(IndustrialCrmCommon):
    def _unsorted(self, phone="+7 903 600-00-01"):
        result = self.env["industrial.request"].register_request("phone", phone=phone)
        return self.env["industrial.request"].browse(result["request_id"])

    def test_cron_gives_each_dispatcher_one_activity(self):
        self.env["industrial.request"].search([("state", "=", "new")]).direction_id = self.direction_pump
        first = self._unsorted()
        self._unsorted(phone="+7 903 600-00-02")
        self.env["industrial.request"]._cron_remind_dispatchers()
        activity_type = self.env.ref("industrial_crm.mail_act_sort_requests")
        activities = self.env["mail.activity"].search([("activity_type_id", "=", activity_type.id)])
        mine = activities.filtered(lambda a: a.user_id == self.user_dispatcher)
        self.assertEqual(len(mine), 1)
        self.assertEqual(mine.res_id, first.id, "attached to the oldest waiting request")
        self.env["industrial.request"]._cron_remind_dispatchers()
        self.assertEqual(
            self.env["mail.activity"].search_count([
                ("activity_type_id", "=", activity_type.id), ("user_id", "=", self.user_dispatcher.id)
            ]), 1, "no second reminder while one is open",
        )

    def test_cron_quiet_when_nothing_waits(self):
        self.env["industrial.request"].search([("state", "=", "new")]).write(
            {"direction_id": self.direction_hv.id}
        )
        self.env["industrial.request"]._cron_remind_dispatchers()
        self.assertFalse(self.env["mail.activity"].search([
            ("activity_type_id", "=", self.env.ref("industrial_crm.mail_act_sort_requests").id)
        ]))

    def test_cron_runs_at_least_twice_a_day(self):
        cron = self.env.ref("industrial_crm.ir_cron_remind_dispatchers")
        self.assertTrue(cron.active)
        self.assertEqual(cron.interval_type, "hours")
        self.assertLessEqual(cron.interval_number, 12)
        settings = self.env["res.config.settings"].create({"industrial_triage_interval": 6})
        settings.execute()
        self.assertEqual(cron.interval_number, 6)
        settings = self.env["res.config.settings"].create({"industrial_triage_interval": 48})
        settings.execute()
        self.assertEqual(cron.interval_number, 12, "never less than twice a day")

    def test_dispatcher_routes_head_assigns(self):
        request = self._unsorted()
        wizard_form = Form(
            self.env["industrial.request.route"].with_user(self.user_dispatcher).with_context(
                active_model="industrial.request", active_ids=request.ids
            )
        )
        wizard_form.direction_id = self.direction_hv
        wizard_form.save().action_route()
        self.assertEqual(request.state, "routed")
        self.assertEqual(request.dispatcher_id, self.user_dispatcher)
        lead = request.lead_id
        self.assertEqual(lead.direction_id, self.direction_hv)
        self.assertEqual(lead.team_id, self.team_hv)
        activity = lead.activity_ids.filtered(
            lambda a: a.activity_type_id == self.env.ref("industrial_crm.mail_act_assign_manager")
        )
        self.assertEqual(activity.user_id, self.user_head)
        # the dispatcher still sees what he sorted
        self.assertEqual(request.with_user(self.user_dispatcher).name, request.name)

        with Form(request.with_user(self.user_head)) as form:
            form.user_id = self.user_manager
        self.assertEqual(lead.user_id, self.user_manager)
        self.assertEqual(request.state, "assigned")
        self.assertTrue(lead.date_open, "Odoo's own assignment date")
        self.assertFalse(lead.activity_ids.filtered(
            lambda a: a.activity_type_id == self.env.ref("industrial_crm.mail_act_assign_manager")
        ), "assigning closes the head's activity")

    def test_manager_cannot_assign_others(self):
        request = self._unsorted()
        request.direction_id = self.direction_hv
        with self.assertRaises(AccessError):
            request.lead_id.with_user(self.user_manager).write({"user_id": self.user_manager_2.id})
        request.lead_id.with_user(self.user_manager).write({"user_id": self.user_manager.id})
        self.assertEqual(request.user_id, self.user_manager, "a manager may take a lead himself")
        with self.assertRaises(AccessError):
            request.lead_id.with_user(self.user_manager).write({"user_id": False})

    def test_head_assigns_only_within_direction(self):
        request = self._unsorted()
        request.direction_id = self.direction_hv
        from odoo.exceptions import ValidationError
        with self.assertRaises(ValidationError):
            request.lead_id.with_user(self.user_head).write({"user_id": self.user_manager_other.id})
