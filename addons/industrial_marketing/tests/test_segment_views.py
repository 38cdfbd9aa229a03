from lxml import etree

from odoo.tests import tagged

from odoo.addons.industrial_crm.tests.common import IndustrialCrmCommon


@tagged("post_install", "-at_install")
class TestSegmentViews(IndustrialCrmCommon):
    """What the segment form shows: counts that agree, or say what they count."""

    def _arch(self, model, view_type, user=None):
        env = self.env(user=user) if user else self.env
        return etree.fromstring(env[model].get_view(view_type=view_type)["arch"])

    def test_segment_counts_agree_or_say_what_they_count(self):
        segment = self.env["industrial.marketing.segment"].create({
            "name": "Cryogenmash people", "customer_status": "all",
            "partner_domain": "[('is_company', '=', False)]",
            "direction_ids": [(6, 0, self.direction_hv.ids)],
        })
        self.env["res.partner"].create([
            {"name": f"Ivan Petrov{i}", "parent_id": self.customer.id} for i in range(3)])
        self._create_deal()
        segment.invalidate_recordset()
        action = segment.with_user(self.user_marketer).action_view_partners()
        self.assertEqual(segment.partner_count, self.env["res.partner"].search_count(action["domain"]))
        self.assertEqual(segment.partner_count, 3)
        # the domain widget counts the extra filter alone: the form says so beside it
        arch = self._arch("industrial.marketing.segment", "form", self.user_marketer)
        separator = arch.xpath("//separator[@name='extra_filter']")
        self.assertTrue(separator)
        following = separator[0].getnext()
        self.assertIn("on its own", "".join(following.itertext()))
        self.assertEqual(following.getnext().get("name"), "partner_domain")
