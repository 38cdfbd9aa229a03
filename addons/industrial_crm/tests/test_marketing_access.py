from odoo.exceptions import AccessError
from odoo.tests import tagged

from .marketing_common import MarketingCommon


@tagged("post_install", "-at_install")
class TestMarketingAccess(MarketingCommon):

    def test_marketer_manages_segments_syncs_exports(self):
        Segment = self.env["industrial.marketing.segment"].with_user(self.user_marketer)
        segment = Segment.create({"name": "Mine", "partner_domain": self.segment.partner_domain,
                                  "mailchimp_list_id": "mine01"})
        segment.name = "Mine, renamed"
        sync = self._sync(segment).with_user(self.user_marketer)
        self.assertEqual(sync.line_ids.mapped("result"), ["sent"] * 6)
        segment.action_export_telemarketing()
        self.assertEqual(segment.export_ids.row_count, 6)
        segment.unlink()
        self.assertFalse(sync.exists())

    def test_director_manages_segments(self):
        self.assertEqual(self._sync(self.segment, self.user_director).sent_count, 6)

    def test_head_reads_only(self):
        segment = self.segment.with_user(self.user_head)
        self.assertEqual(segment.name, "Cryogenmash people")
        with self.assertRaises(AccessError):
            segment.name = "Changed"
        with self.assertRaises(AccessError):
            self._sync(self.segment, self.user_head)

    def test_other_roles_see_nothing(self):
        for user in (self.user_manager, self.user_dispatcher):
            for model in ("industrial.marketing.segment", "industrial.mailchimp.sync",
                          "industrial.telemarketing.export", "industrial.mailchimp.member"):
                with self.assertRaises(AccessError, msg=f"{user.login} on {model}"):
                    self.env[model].with_user(user).search([])

    def test_api_key_for_admins_only(self):
        settings_fields = self.env["res.config.settings"].with_user(self.user_marketer).fields_get()
        self.assertNotIn("industrial_mailchimp_api_key", settings_fields)
        self.assertIn("industrial_mailchimp_api_key", self.env["res.config.settings"].with_user(
            self.env.ref("base.user_admin")).fields_get())
        with self.assertRaises(AccessError):
            self.env["industrial.mailchimp.member"].with_user(self.user_marketer).create({
                "list_id": "x1", "email": "a@b.example.com", "subscriber_hash": "00"})

    def test_views_open_for_each_role(self):
        """The marketing menus open for the roles that see them."""
        actions = {
            "industrial_crm.action_industrial_marketing_segment": (self.user_marketer, self.user_head),
            "industrial_crm.action_industrial_mailchimp_sync": (self.user_marketer,),
            "industrial_crm.action_industrial_telemarketing_export": (self.user_marketer,),
            "industrial_crm.action_industrial_call_tasks": (self.user_marketer, self.user_head),
            "industrial_crm.action_industrial_call_task_wizard": (self.user_marketer, self.user_head),
        }
        for xmlid, users in actions.items():
            action = self.env.ref(xmlid)
            for user in users:
                with self.subTest(action=xmlid, user=user.login):
                    views = self.env[action.res_model].with_user(user).get_views(
                        [(view.view_id.id, view.view_mode) for view in action.view_ids]
                        or [(False, mode) for mode in action.view_mode.split(",")] + [(False, "search")])
                    self.assertTrue(views["views"])

    def test_marketer_cannot_see_deal_amounts(self):
        deal = self._create_deal()
        as_marketer = deal.with_user(self.user_marketer)
        self.assertEqual(as_marketer.read(["name"])[0]["name"], deal.name)
        for model, record, field in (
            ("crm.lead", as_marketer, "expected_revenue"),
            ("crm.lead", as_marketer, "prorated_revenue"),
            ("res.partner", self.customer.with_user(self.user_marketer), "industrial_won_amount"),
        ):
            with self.subTest(field=field):
                self.assertNotIn(field, self.env[model].with_user(self.user_marketer).fields_get())
                with self.assertRaises(AccessError):
                    record.read([field])
        with self.assertRaises(AccessError):
            self.env["crm.lead"].with_user(self.user_marketer).read_group(
                [], ["expected_revenue:sum"], ["stage_id"])
        self.assertNotIn("expected_revenue", self.env["industrial.funnel.report"].with_user(
            self.user_marketer).fields_get())
        # the pipeline opens for him, with no amounts in columns, lists or reports
        for view_type in ("kanban", "list", "form", "pivot", "graph"):
            with self.subTest(view=view_type):
                arch = self.env["crm.lead"].with_user(self.user_marketer).get_view(view_type=view_type)["arch"]
                for name in ("expected_revenue", "prorated_revenue", "recurring_revenue_monthly", "sum_field"):
                    self.assertNotIn(name, arch)
        # sales staff keep them
        self.assertEqual(deal.with_user(self.user_manager).read(["expected_revenue"])[0]["expected_revenue"], 1500000)
        self.assertIn("sum_field", self.env["crm.lead"].with_user(self.user_manager).get_view(view_type="kanban")["arch"])
