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
