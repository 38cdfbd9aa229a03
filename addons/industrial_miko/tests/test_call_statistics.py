from datetime import datetime

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import MikoCommon


@tagged("post_install", "-at_install")
class TestCallStatistics(MikoCommon):
    """Calls per manager and day of the exchange: answered, missed, average talk time, and missed calls
    not called back within the exchange's time (30 min here)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.deal_hv = cls._create_deal(partner_id=cls.customer.id, user_id=cls.user_manager.id)
        cls.deal_pump = cls._create_deal(
            partner_id=cls.env["res.partner"].create({"name": "Pump Buyer"}).id, user_id=cls.user_manager_other.id,
            direction_id=cls.direction_pump.id, team_id=cls.team_pump.id,
        )
        Call = cls.env["industrial.call"].with_context(industrial_miko_defer_link=True)

        def call(key, user, lead, start, disposition="answered", talk=0, direction="incoming", e164="+74951112233"):
            return Call.create({
                "connection_id": cls.connection.id, "pbx_call_id": key, "user_id": user.id, "lead_id": lead.id,
                "call_direction": direction, "external_e164": e164, "disposition": disposition,
                "start_date": start, "answer_date": start if disposition == "answered" else False,
                "end_date": datetime.fromtimestamp(start.timestamp() + talk) if talk else start,
                "linked": True,
            })

        day = datetime(2026, 11, 20, 7, 0, 0)  # 10:00 in Moscow
        call("s1", cls.user_manager, cls.deal_hv, day, talk=60)
        call("s2", cls.user_manager, cls.deal_hv, day.replace(hour=8), talk=120)
        call("s3", cls.user_manager, cls.deal_hv, day.replace(hour=9), disposition="missed")  # called back
        call("s4", cls.user_manager, cls.deal_hv, day.replace(hour=9, minute=20), talk=30, direction="outgoing")
        call("s5", cls.user_manager, cls.deal_hv, day.replace(hour=11), disposition="missed", e164="+79160000001")
        call("s6", cls.user_manager, cls.deal_hv, day.replace(hour=22), disposition="busy", e164="+79160000002")
        call("s7", cls.user_manager_other, cls.deal_pump, day, disposition="missed", e164="+78120001122")
        # an answered call of no deal yet (a supplier, a wrong number) still counts for its manager
        call("s9", cls.user_manager, cls.env["crm.lead"], day.replace(hour=12), talk=30, e164="+79160000009")

    def figures(self, user):
        Report = self.env["industrial.call.report"].with_user(user)
        groups = Report._read_group(
            [("connection_id", "=", self.connection.id)], ["user_id", "date:day"],
            ["call_count:sum", "answered_count:sum", "missed_count:sum", "avg_talk_time:avg",
             "not_called_back_count:sum"],
        )
        return {(u.name, day.strftime("%Y-%m-%d")): rest for u, day, *rest in groups}

    def test_figures_per_manager_and_day(self):
        figures = self.figures(self.user_director)
        self.assertEqual(figures[("Mark Manager", "2026-11-20")], [6, 4, 2, 60.0, 1])
        # 22:00 UTC is already the next day in Moscow
        self.assertEqual(figures[("Mark Manager", "2026-11-21")], [1, 0, 1, False, 1])
        self.assertEqual(figures[("Oleg Other", "2026-11-20")], [1, 0, 1, False, 1])

    def test_recent_missed_call_is_not_late_yet(self):
        """A missed call of a minute ago still has time to be called back."""
        self.env["industrial.call"].with_context(industrial_miko_defer_link=True).create({
            "connection_id": self.connection.id, "pbx_call_id": "s8", "user_id": self.user_manager.id,
            "call_direction": "incoming", "external_e164": "+79160000003", "disposition": "missed",
            "start_date": datetime.now(), "linked": True,
        })
        record = self.env["industrial.call.report"].search([("id", "=", self.calls("s8").id)])
        self.assertEqual((record.missed_count, record.not_called_back_count), (1, 0))

    def test_access_by_role(self):
        """Heads see their directions, the director all; managers, dispatchers and marketers none."""
        self.assertEqual(set(self.figures(self.user_head)), {
            ("Mark Manager", "2026-11-20"), ("Mark Manager", "2026-11-21"),
        })
        self.assertEqual(set(self.figures(self.user_head_other)), {("Oleg Other", "2026-11-20")})
        self.assertEqual(len(self.figures(self.user_director)), 3)
        for user in (self.user_manager, self.user_dispatcher, self.user_marketer):
            with self.assertRaises(AccessError):
                self.env["industrial.call.report"].with_user(user).search([])

    def test_views_load(self):
        action = self.env["ir.actions.act_window"]._for_xml_id("industrial_miko.action_industrial_call_report")
        self.assertEqual(action["view_mode"], "pivot,graph")
        Report = self.env["industrial.call.report"].with_user(self.user_head)
        for view in ("pivot", "graph", "search"):
            self.assertTrue(Report.get_view(view_type=view)["arch"])
