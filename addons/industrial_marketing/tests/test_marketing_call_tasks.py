from lxml import etree

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from .marketing_common import MarketingCommon
from odoo.addons.industrial_crm.tests.web_client import open_action


@tagged("post_install", "-at_install")
class TestMarketingCallTasks(MarketingCommon):

    def _wizard(self, user, partners, manager=None):
        form = Form(self.env["industrial.call.task.wizard"].with_user(user).with_context(
            active_model="res.partner", active_ids=partners.ids))
        form.user_id = manager or self.user_manager
        form.date_deadline = "2030-01-15"
        form.note = "<p>Offer the new pump line</p>"
        return form.save()

    def _activities(self, **extra):
        return self.env["mail.activity"].with_context(active_test=False).search([
            ("activity_type_id", "=", self.env.ref("industrial_crm.mail_act_call_client").id),
            ("res_model", "=", "res.partner"),
        ] + [(k, "=", v) for k, v in extra.items()])

    def test_marketer_assigns_calls_in_bulk(self):
        partners = self.contacts[:3]
        self._wizard(self.user_marketer, partners).action_assign()
        activities = self._activities()
        self.assertEqual(sorted(activities.mapped("res_id")), sorted(partners.ids))
        self.assertEqual(set(activities.mapped("user_id")), {self.user_manager})
        self.assertEqual(str(activities[0].date_deadline), "2030-01-15")
        self.assertIn("new pump line", str(activities[0].note))
        self.assertEqual(activities[0].summary, "Call the client")
        result = self._wizard(self.user_marketer, self.contacts[:4]).action_assign()
        self.assertIn("1 call tasks assigned", result["params"]["message"])
        self.assertIn("3 contacts already had this task", result["params"]["message"])
        self.assertEqual(len(self._activities()), 4, "nobody gets the same call twice")

    def test_head_sees_completion_per_manager(self):
        self._wizard(self.user_marketer, self.contacts[:3]).action_assign()
        self._wizard(self.user_marketer, self.contacts[3:5], self.user_manager_2).action_assign()
        self._activities(res_id=self.contacts[0].id).with_user(self.user_manager).action_feedback("Called, quote sent")
        groups = self.env["mail.activity"].with_user(self.user_head).with_context(active_test=False)._read_group(
            [("activity_type_id", "=", self.env.ref("industrial_crm.mail_act_call_client").id)],
            ["user_id", "active"], ["__count"])
        self.assertEqual(sorted((u.name, a, c) for u, a, c in groups), [
            ("Maria Manager", True, 2), ("Mark Manager", False, 1), ("Mark Manager", True, 2)])

    def test_only_managers_receive_calls(self):
        with self.assertRaisesRegex(UserError, "is not a sales manager"):
            self._wizard(self.user_marketer, self.contacts[:1], self.user_dispatcher).action_assign()
        self.assertFalse(self._activities())

    def test_managers_do_not_assign(self):
        with self.assertRaises(AccessError):
            self.env["industrial.call.task.wizard"].with_user(self.user_manager).create({
                "partner_ids": [(6, 0, self.contacts.ids)], "user_id": self.user_manager_2.id})
        self._wizard(self.user_head, self.contacts[:1], self.user_manager_2).action_assign()
        self.assertEqual(len(self._activities()), 1)

    def test_marketer_follows_her_tasks_per_manager(self):
        """The report shows her the tasks she gave, per manager: open, overdue or done,
        although she may not edit the contacts they are on."""
        self._wizard(self.user_marketer, self.contacts[:3]).action_assign()
        self._wizard(self.user_marketer, self.contacts[3:5], self.user_manager_2).action_assign()
        self._activities(res_id=self.contacts[0].id).with_user(self.user_manager).action_feedback("Called")
        self._activities(res_id=self.contacts[1].id).date_deadline = "2020-01-10"
        self.env["mail.activity"].create({
            "res_model_id": self.env["ir.model"]._get_id("res.partner"), "res_id": self.contacts[5].id,
            "activity_type_id": self.env.ref("mail.mail_activity_data_call").id, "user_id": self.user_manager.id,
        })
        for user in (self.user_marketer, self.user_head):
            with self.subTest(user=user.login):
                Report = self.env["industrial.call.task.report"].with_user(user)
                groups = Report._read_group([], ["user_id", "state"], ["__count"])
                self.assertEqual(sorted((u.name, state, count) for u, state, count in groups), [
                    ("Maria Manager", "open", 2),
                    ("Mark Manager", "done", 1), ("Mark Manager", "open", 1), ("Mark Manager", "overdue", 1),
                ])
        rows = self.env["industrial.call.task.report"].with_user(self.user_marketer).search_read(
            [("partner_id", "=", self.contacts[0].id)], ["user_id", "assigned_by_id", "state", "date_done"])
        self.assertEqual(rows[0]["assigned_by_id"][0], self.user_marketer.id)
        self.assertEqual(rows[0]["user_id"][0], self.user_manager.id)
        self.assertTrue(rows[0]["date_done"])
        # managers in rows, the status in columns under its own labels (not "Yes"/"No")
        read = open_action(self.env, "industrial_marketing.action_industrial_call_tasks", self.user_marketer)
        self.assertEqual(len(read["list"]), 5)
        Report = self.env["industrial.call.task.report"].with_user(self.user_marketer)
        pivot = etree.fromstring(Report.get_views([(False, "pivot")])["views"]["pivot"]["arch"])
        self.assertEqual([node.get("name") for node in pivot.xpath("//field[@type='col']")], ["state"])
        self.assertEqual([node.get("name") for node in pivot.xpath("//field[@type='row']")], ["user_id"])
        self.assertEqual(Report.fields_get(["state"])["state"]["selection"],
                         [("open", "Open"), ("overdue", "Overdue"), ("done", "Completed")])
        with self.assertRaises(AccessError):
            self.env["industrial.call.task.report"].with_user(self.user_manager).search([])
