from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import IndustrialCrmCommon


@tagged("post_install", "-at_install")
class TestSatisfactionCall(IndustrialCrmCommon):
    """Heads call a sample of the customers of closed deals and keep their answer."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        closed = cls.stages["closed"].id
        cls.closed_hv = cls.env["crm.lead"].browse([
            cls._create_deal(name=f"Closed HV {i}", stage_id=closed,
                             user_id=(cls.user_manager if i % 2 else cls.user_manager_2).id).id
            for i in range(6)
        ])
        cls.open_hv = cls._create_deal(name="Open HV", stage_id=cls.stages["negotiation"].id)
        cls.closed_pump = cls.env["crm.lead"].browse([
            cls._create_deal(name=f"Closed pump {i}", stage_id=closed, direction_id=cls.direction_pump.id,
                             team_id=cls.team_pump.id, user_id=cls.user_manager_other.id).id
            for i in range(3)
        ])
        cls.call_type = cls.env.ref("industrial_crm.mail_act_satisfaction_call")
        cls.Wizard = cls.env["industrial.satisfaction.call.wizard"]

    def _calls(self):
        return self.env["mail.activity"].search([("activity_type_id", "=", self.call_type.id)])

    def _record(self, deal, outcome, note=False, user=None):
        action = deal.with_user(user or self.user_head).action_record_satisfaction()
        wizard = self.env[action["res_model"]].with_user(user or self.user_head).with_context(
            action["context"]
        ).create({"outcome": outcome, "note": note})
        wizard.action_confirm()

    def test_random_sample(self):
        self.Wizard.with_user(self.user_head).create({"mode": "sample", "sample_size": 4}).action_plan()
        calls = self._calls()
        deals = self.env["crm.lead"].browse(calls.mapped("res_id"))
        self.assertEqual(len(calls), 4)
        self.assertEqual(len(deals), 4, "four distinct deals")
        self.assertLessEqual(deals, self.closed_hv, "closed deals of the head's direction only")
        self.assertEqual(calls.user_id, self.user_head, "the head calls himself")
        # the head's own day (at 02:00 in Moscow it is still yesterday in UTC)
        self.assertEqual(set(calls.mapped("date_deadline")),
                         {self.call_type.with_user(self.user_head)._get_date_deadline()})

        # the next sample takes the deals not surveyed yet, then there is nothing left
        self.Wizard.with_user(self.user_head).create({"mode": "sample", "sample_size": 4}).action_plan()
        self.assertEqual(self.env["crm.lead"].browse(self._calls().mapped("res_id")), self.closed_hv)
        with self.assertRaisesRegex(UserError, "nothing to call"):
            self.Wizard.with_user(self.user_head).create({"mode": "sample", "sample_size": 4}).action_plan()

    def test_director_samples_every_direction(self):
        closed = self.env["crm.lead"].search([("stage_code", "=", "closed")])  # demo deals too
        self.Wizard.with_user(self.user_director).create({
            "mode": "sample", "sample_size": len(closed) + 1,
        }).action_plan()
        self.assertEqual(self.env["crm.lead"].browse(self._calls().mapped("res_id")), closed)
        self.assertLessEqual(self.closed_hv | self.closed_pump, closed)

    def test_selected_deals(self):
        wizard = self.Wizard.with_user(self.user_head).with_context(
            active_model="crm.lead", active_ids=self.closed_hv[:2].ids
        ).create({"user_id": self.user_manager_2.id})
        self.assertEqual(wizard.mode, "selected")
        wizard.action_plan()
        self.assertEqual(self.env["crm.lead"].browse(self._calls().mapped("res_id")), self.closed_hv[:2])
        self.assertEqual(self._calls().user_id, self.user_manager_2, "assignable to someone else")
        self.assertTrue(all(self.closed_hv[:2].mapped("satisfaction_call_pending")))
        self.assertEqual(
            self.env["crm.lead"].search([("satisfaction_call_pending", "=", True)]), self.closed_hv[:2]
        )

        with self.assertRaisesRegex(UserError, "closed deals of your directions only"):
            self.Wizard.with_user(self.user_head).create({
                "mode": "selected", "lead_ids": [(6, 0, self.open_hv.ids)],
            }).action_plan()
        # a member of another direction sees its deals, but surveys those he heads only
        self.direction_pump.member_ids = [(4, self.user_head.id)]
        with self.assertRaisesRegex(UserError, "closed deals of your directions only"):
            self.Wizard.with_user(self.user_head).create({
                "mode": "selected", "lead_ids": [(6, 0, self.closed_pump[:1].ids)],
            }).action_plan()
        self.assertEqual(len(self._calls()), 2)

    def test_outcome_stored_and_logged(self):
        deal = self.closed_hv[0]
        self.Wizard.with_user(self.user_head).create({
            "mode": "selected", "lead_ids": [(6, 0, deal.ids)],
        }).action_plan()
        call = self._calls()
        self._record(deal, "issue", "The pump was delivered a week late")
        self.assertEqual(deal.satisfaction_outcome, "issue")
        self.assertEqual(deal.satisfaction_date, fields.Date.context_today(deal.with_user(self.user_head)))
        self.assertFalse(deal.satisfaction_call_pending)
        self.assertFalse(call.active, "the call is done, and kept")
        self.flush_tracking()
        self.assertTrue(deal.message_ids.filtered(
            lambda m: m.mail_activity_type_id == self.call_type
            and "The pump was delivered a week late" in m.body and "Issue" in m.body
        ))
        self.assertEqual(
            deal.message_ids.tracking_value_ids.filtered(
                lambda t: t.field_id.name == "satisfaction_outcome"
            ).new_value_char, "Issue",
        )
        # the deals are found by outcome
        self.assertEqual(self.env["crm.lead"].search([("satisfaction_outcome", "=", "issue")]), deal)

    def test_satisfaction_share_per_manager(self):
        mark_deals = self.closed_hv.filtered(lambda d: d.user_id == self.user_manager)
        for deal, outcome in zip(mark_deals, ("satisfied", "issue", "no_answer")):
            self._record(deal, outcome)
        maria_deal = self.closed_hv.filtered(lambda d: d.user_id == self.user_manager_2)[0]
        self._record(maria_deal, "satisfied")
        self.assertEqual(self.env["crm.lead"].fields_get(["satisfaction_rate"])["satisfaction_rate"]["aggregator"],
                         "avg", "a measure of the deal pivot")
        shares = dict(self.env["crm.lead"].with_user(self.user_head)._read_group(
            [("id", "in", self.closed_hv.ids)], ["user_id"], ["satisfaction_rate:avg"]
        ))
        self.assertEqual(shares[self.user_manager], 50.0, "one satisfied of two answered, no answer left out")
        self.assertEqual(shares[self.user_manager_2], 100.0)

    def test_managers_cannot_survey(self):
        with self.assertRaises(AccessError):
            self.Wizard.with_user(self.user_manager).create({"mode": "sample", "sample_size": 2})
        deal = self.closed_hv.filtered(lambda d: d.user_id == self.user_manager)[0]
        with self.assertRaises(AccessError):
            deal.with_user(self.user_manager).write({"satisfaction_outcome": "satisfied"})
        with self.assertRaises(AccessError):
            deal.with_user(self.user_manager)._record_satisfaction_outcome("satisfied")
        self.assertFalse(deal.satisfaction_outcome)
