from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import IndustrialCrmCommon


@tagged("post_install", "-at_install")
class TestActivityReport(IndustrialCrmCommon):
    """Task discipline: the activities of leads, deals and requests per manager,
    done on time, done late, overdue or open, each head for his directions."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.today = fields.Date.today()
        Request = cls.env["industrial.request"]
        cls.deal = cls._create_deal()
        cls.deal_pump = cls._create_deal(
            direction_id=cls.direction_pump.id, team_id=cls.team_pump.id, user_id=cls.user_manager_other.id,
        )
        cls.request_hv = Request.browse(
            Request.register_request("phone", phone="+7 903 710-00-01", direction_code="T_HV")["request_id"]
        )
        cls.Report = cls.env["industrial.activity.report"]

    def _activity(self, record, user, days):
        return record.activity_schedule(
            "mail.mail_activity_data_todo", date_deadline=self.today + timedelta(days=days), user_id=user.id
        )

    def _counts(self, user):
        """Rows per (assignee, state) that ``user`` sees, among this test's users (not demo data)."""
        self.env.flush_all()
        staff = (self.user_manager | self.user_manager_2 | self.user_manager_other
                 | self.user_head | self.user_head_other | self.user_dispatcher)
        return {
            (manager.name, state): count
            for manager, state, count in self.Report.with_user(user)._read_group(
                [("user_id", "in", staff.ids)], ["user_id", "state"], ["__count"]
            )
        }

    def test_states_per_manager(self):
        on_time = self._activity(self.deal, self.user_manager, 2)
        on_the_day = self._activity(self.deal, self.user_manager, 0)
        late = self._activity(self.deal, self.user_manager, -3)
        overdue = self._activity(self.deal, self.user_manager, -2)
        self._activity(self.deal, self.user_manager, 5)
        cancelled = self._activity(self.deal, self.user_manager, -1)
        self._activity(self.request_hv, self.user_manager_2, -4)
        self._activity(self.deal_pump, self.user_manager_other, -1)
        (on_time | on_the_day | late).with_user(self.user_manager).action_feedback("Done")
        cancelled.unlink()

        self.assertEqual((on_time | late).mapped("active"), [False, False], "done activities of a deal are kept")
        self.assertEqual(len(self.deal.activity_ids), 2, "the chatter still shows the open ones only")
        self.assertEqual(self._counts(self.user_head), {
            ("Mark Manager", "done_on_time"): 2,
            ("Mark Manager", "done_late"): 1,
            ("Mark Manager", "overdue"): 1,
            ("Mark Manager", "open"): 1,
            ("Maria Manager", "overdue"): 1,
            ("Helen Head", "open"): 1,  # "Assign a manager" on the request's lead
        })
        rows = self.Report.with_user(self.user_head).search([("user_id", "=", self.user_manager.id)])
        self.assertEqual(rows.filtered(lambda r: r.state == "done_late").delay_days, 3)
        self.assertEqual(rows.filtered(lambda r: r.id == overdue.id).delay_days, 2)
        self.assertEqual(set(rows.filtered(lambda r: r.state == "done_on_time").mapped("date_done")), {self.today})
        self.assertEqual(rows.direction_id, self.direction_hv)
        self.assertEqual(
            self.Report.with_user(self.user_head).search([("user_id", "=", self.user_manager_2.id)]).request_id,
            self.request_hv,
        )
        [(rate,)] = self.Report.with_user(self.user_head)._read_group(
            [("user_id", "=", self.user_manager.id)], [], ["on_time_rate:avg"]
        )
        self.assertEqual(rate, 50.0, "2 of the 4 due tasks on time; the one not yet due is left out")

    def test_heads_see_their_directions_only(self):
        self._activity(self.deal, self.user_manager, -1)
        self._activity(self.deal_pump, self.user_manager_other, -1)
        self.assertEqual(self._counts(self.user_head), {
            ("Mark Manager", "overdue"): 1, ("Helen Head", "open"): 1,
        })
        self.assertEqual(self._counts(self.user_head_other), {("Oleg Other", "overdue"): 1})
        self.assertEqual(self._counts(self.user_director), {
            ("Mark Manager", "overdue"): 1, ("Oleg Other", "overdue"): 1, ("Helen Head", "open"): 1,
        })

    def test_head_sees_his_managers_outside_directions(self):
        """An unsorted request's task given to one of his managers still counts for the head."""
        Request = self.env["industrial.request"]
        unsorted = Request.browse(Request.register_request("phone", phone="+7 903 710-00-09")["request_id"])
        self._activity(unsorted, self.user_manager_2, -1)
        self.assertEqual(self._counts(self.user_head), {
            ("Maria Manager", "overdue"): 1, ("Helen Head", "open"): 1,
        })
        self.assertEqual(self._counts(self.user_head_other), {})

    def test_managers_have_no_access(self):
        with self.assertRaises(AccessError):
            self.Report.with_user(self.user_manager).search([])

    def test_other_documents_unchanged(self):
        """Done activities of other documents are deleted as before."""
        activity = self._activity(self.customer, self.user_manager, 0)
        activity.action_feedback("Done")
        self.assertFalse(activity.exists())
