from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import IndustrialCrmCommon


@tagged("post_install", "-at_install")
class TestRoleAccess(IndustrialCrmCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Request = cls.env["industrial.request"]
        cls.req_unsorted = Request.browse(
            Request.register_request("phone", phone="+7 903 700-00-01")["request_id"]
        )
        cls.req_hv = Request.browse(
            Request.register_request("phone", phone="+7 903 700-00-02", direction_code="T_HV")["request_id"]
        )
        cls.req_pump = Request.browse(
            Request.register_request("phone", phone="+7 903 700-00-03", direction_code="T_PUMP")["request_id"]
        )
        cls.deal_hv = cls._create_deal(user_id=cls.user_manager_2.id)
        cls.deal_pump = cls._create_deal(
            direction_id=cls.direction_pump.id, team_id=cls.team_pump.id, user_id=cls.user_manager_other.id,
            partner_id=cls.env["res.partner"].create({"name": "Pump buyer", "is_company": True}).id,
        )
        cls.all_requests = cls.req_unsorted | cls.req_hv | cls.req_pump
        cls.all_leads = cls.req_unsorted.lead_id | cls.req_hv.lead_id | cls.req_pump.lead_id | cls.deal_hv | cls.deal_pump

    def _visible(self, user, records):
        return records.with_user(user).search([("id", "in", records.ids)])

    def test_manager_sees_his_direction(self):
        self.assertEqual(self._visible(self.user_manager, self.all_requests), self.req_hv)
        self.assertEqual(
            self._visible(self.user_manager, self.all_leads), self.req_hv.lead_id | self.deal_hv,
            "his direction's leads and his colleagues' deals, nothing of other directions",
        )
        with self.assertRaises(AccessError):
            self.deal_pump.with_user(self.user_manager).read(["name"])
        with self.assertRaises(AccessError):
            self.req_unsorted.with_user(self.user_manager).read(["name"])

    def test_manager_edits_his_deal(self):
        self.deal_hv.user_id = self.user_manager
        self.deal_hv.with_user(self.user_manager).write({"expected_revenue": 2000000})
        self.assertEqual(self.deal_hv.expected_revenue, 2000000)

    def test_head_sees_and_assigns_within_direction(self):
        self.assertEqual(self._visible(self.user_head, self.all_requests), self.req_hv)
        self.assertEqual(self._visible(self.user_head, self.all_leads), self.req_hv.lead_id | self.deal_hv)
        self.req_hv.lead_id.with_user(self.user_head).user_id = self.user_manager_2
        self.assertEqual(self.req_hv.user_id, self.user_manager_2)
        with self.assertRaises(AccessError):
            self.deal_pump.with_user(self.user_head).write({"user_id": self.user_head.id})

    def test_dispatcher_sees_unsorted_requests(self):
        self.assertEqual(self._visible(self.user_dispatcher, self.all_requests), self.req_unsorted)
        self.req_unsorted.with_user(self.user_dispatcher).direction_id = self.direction_pump
        self.assertEqual(self.req_unsorted.state, "routed")
        self.assertEqual(self._visible(self.user_dispatcher, self.all_requests), self.req_unsorted)
        with self.assertRaises(AccessError):
            self.req_hv.with_user(self.user_dispatcher).write({"direction_id": self.direction_pump.id})
        with self.assertRaises(AccessError):
            self.req_hv.with_user(self.user_dispatcher).unlink()

    def test_director_sees_all(self):
        self.assertEqual(self._visible(self.user_director, self.all_requests), self.all_requests)
        self.assertEqual(self._visible(self.user_director, self.all_leads), self.all_leads)
        self.deal_pump.with_user(self.user_director).action_force_next_stage()
        self.assertEqual(self.deal_pump.stage_code, "negotiation")

    def test_marketer_reads_only(self):
        self.assertEqual(self._visible(self.user_marketer, self.all_requests), self.all_requests)
        self.assertEqual(self._visible(self.user_marketer, self.all_leads), self.all_leads)
        with self.assertRaises(AccessError):
            self.req_hv.with_user(self.user_marketer).write({"subject": "changed"})
        with self.assertRaises(AccessError):
            self.deal_hv.with_user(self.user_marketer).write({"name": "changed"})
        with self.assertRaises(AccessError):
            self.env["industrial.request"].with_user(self.user_marketer).create(
                {"channel": "manual", "email": "m@example.ru"}
            )

    def test_directions_configured_by_director_only(self):
        with self.assertRaises(AccessError):
            self.direction_hv.with_user(self.user_head).write({"name": "Renamed"})
        self.direction_hv.with_user(self.user_director).write({"name": "Renamed"})

    def test_membership_change_applies_at_once(self):
        self.assertFalse(self._visible(self.user_manager_other, self.req_hv))
        self.direction_hv.member_ids = [(4, self.user_manager_other.id)]
        self.assertEqual(self._visible(self.user_manager_other, self.req_hv), self.req_hv)

    def test_funnel_report_restricted(self):
        self.deal_hv.stage_id = self.stages["negotiation"]
        self.deal_pump.stage_id = self.stages["negotiation"]
        self.env.flush_all()
        rows = self.env["industrial.funnel.report"].with_user(self.user_manager).search([])
        self.assertEqual(set(rows.mapped("direction_id").ids), {self.direction_hv.id})
        rows = self.env["industrial.funnel.report"].with_user(self.user_director).search([
            ("lead_id", "in", (self.deal_hv | self.deal_pump).ids)
        ])
        self.assertEqual(len(rows), 4, "two deals, each reached two stages")
        first = rows.filtered(lambda r: r.stage_id == self.stages["selection"])
        self.assertEqual(set(first.mapped("conversion_rate")), {100.0})
