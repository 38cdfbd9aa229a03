from lxml import etree

from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from .common import IndustrialCrmCommon


@tagged("post_install", "-at_install")
class TestLeadSearch(IndustrialCrmCommon):
    """A lead or deal is found by the number of any of its requests."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Request = cls.env["industrial.request"]
        cls.first = Request.browse(Request.register_request(
            "phone", phone="+7 903 711-00-01", direction_code="T_HV")["request_id"])
        cls.lead = cls.first.lead_id
        cls.second = Request.create({
            "channel": "email", "email": "again@example.ru", "lead_id": cls.lead.id, "direction_id": cls.direction_hv.id,
        })
        cls.other = Request.browse(Request.register_request(
            "phone", phone="+7 903 711-00-02", direction_code="T_HV")["request_id"])

    def _search_domain(self, view_xmlid, text):
        """The domain the search bar builds for "Request Number: <text>"."""
        arch = self.env["crm.lead"].get_view(self.env.ref(view_xmlid).id, "search")["arch"]
        node = etree.fromstring(arch).xpath("//field[@name='industrial_request_number']")[0]
        return safe_eval(node.get("filter_domain"), {"self": text})

    def test_search_bar_finds_lead_by_request_number(self):
        self.assertNotEqual(self.first.name, self.second.name)
        for view in ("crm.view_crm_case_leads_filter", "crm.view_crm_case_opportunities_filter"):
            for user in (self.env.user, self.user_manager, self.user_marketer):
                for text in (self.second.name, self.first.name, self.second.name[-5:]):
                    with self.subTest(view=view, user=user.login, text=text):
                        found = self.env["crm.lead"].with_user(user).search_read(
                            self._search_domain(view, text), ["industrial_request_number"])
                        self.assertEqual([row["id"] for row in found], self.lead.ids)
                        self.assertEqual(found[0]["industrial_request_number"], self.first.name,
                                         "the list shows the number of the first request")
        self.assertEqual(self.env["crm.lead"].search([("industrial_request_number", "=", self.other.name)]),
                         self.other.lead_id)

    def test_request_number_in_one_query(self):
        leads = self.lead | self.other.lead_id | self._create_deal()
        self.env.invalidate_all()
        with self.assertQueryCount(1):
            numbers = leads.mapped("industrial_request_number")
        self.assertEqual(numbers, [self.first.name, self.other.name, False])
        for view_type in ("list", "kanban"):
            self.assertIn("industrial_request_number", self.env["crm.lead"].get_view(view_type=view_type)["arch"])
