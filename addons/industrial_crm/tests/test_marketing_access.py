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
