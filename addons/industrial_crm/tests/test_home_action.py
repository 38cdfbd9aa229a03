from lxml import etree

from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools.safe_eval import safe_eval

from odoo.addons.mail.tests.common import mail_new_test_user

from .common import IndustrialCrmCommon

HOME = {
    "dispatcher": "industrial_crm.industrial_request_action_unsorted",
    "manager": "industrial_crm.crm_lead_action_my_deals",
    "head": "industrial_crm.crm_lead_action_direction_pipeline",
    "marketer": "industrial_marketing.action_industrial_marketing_segment",
    "director": "industrial_crm.crm_lead_action_all_pipelines",
}


@tagged("post_install", "-at_install")
class TestHomeAction(IndustrialCrmCommon):

    def test_each_role_lands_on_its_work(self):
        for role, xmlid in HOME.items():
            user = getattr(self, f"user_{role}")
            with self.subTest(role=role):
                self.assertFalse(user.action_id)
                self.assertEqual(user._get_industrial_home_action().id, self.env.ref(xmlid).id)
        # the highest role wins: a dispatcher who also sells lands on his deals
        self.user_dispatcher.groups_id = [(4, self.env.ref("industrial_crm.group_manager").id)]
        self.assertEqual(self.user_dispatcher._get_industrial_home_action().id, self.env.ref(HOME["manager"]).id)
        # a Home Action chosen for the user is kept; a user without a role keeps Odoo's default
        self.user_head.action_id = self.env.ref(HOME["marketer"]).id
        self.assertEqual(self.user_head._get_industrial_home_action().id, self.env.ref(HOME["marketer"]).id)
        plain = mail_new_test_user(self.env, login="t_plain", groups="base.group_user")
        self.assertFalse(plain._get_industrial_home_action())

    def test_direction_pipeline_shows_his_directions(self):
        deal_hv = self._create_deal()
        deal_pump = self._create_deal(
            direction_id=self.direction_pump.id, team_id=self.team_pump.id, user_id=self.user_manager_other.id)
        action = self.env.ref(HOME["head"])
        self.assertEqual(safe_eval(action.context)["search_default_my_directions"], 1)
        search = etree.fromstring(self.env["crm.lead"].get_view(action.search_view_id.id, "search")["arch"])
        domain = search.xpath("//filter[@name='my_directions']")[0].get("domain")
        for user, deal in ((self.user_head, deal_hv), (self.user_manager_2, deal_hv),
                           (self.user_head_other, deal_pump)):
            with self.subTest(user=user.login):
                found = self.env["crm.lead"].with_user(self.user_director).search(
                    safe_eval(domain, {"uid": user.id}) + [("id", "in", (deal_hv | deal_pump).ids)])
                self.assertEqual(found, deal)


@tagged("post_install", "-at_install")
class TestHomeActionUi(HttpCase):
    """After login, the web client opens each role's work rather than Discuss."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.users = {
            role: new_test_user(cls.env, f"home_{role}", groups=f"industrial_crm.group_{role}")
            for role in HOME
        }
        team = cls.env["crm.team"].create({"name": "Home tour team"})
        cls.env["industrial.direction"].create({
            "name": "Home tour", "code": "HOME", "team_id": team.id,
            "head_id": cls.users["head"].id, "member_ids": [(6, 0, cls.users["manager"].ids)],
        })

    def test_session_home_action(self):
        for role, xmlid in HOME.items():
            with self.subTest(role=role):
                self.authenticate(f"home_{role}", f"home_{role}")
                info = self.make_jsonrpc_request("/web/session/get_session_info")
                self.assertEqual(info["home_action_id"], self.env.ref(xmlid).id)

    def test_head_lands_on_his_pipeline(self):
        customer = self.env["res.partner"].create({"name": "Home tour customer", "is_company": True})
        self.env["crm.lead"].create({
            "name": "Home tour: vacuum oven", "type": "opportunity", "partner_id": customer.id,
            "direction_id": self.env["industrial.direction"].search([("code", "=", "HOME")]).id,
            "user_id": self.users["manager"].id, "expected_revenue": 100000,
            "equipment_type_ids": [(0, 0, {"name": "Home tour oven"})],
        })
        self.start_tour("/odoo", "industrial_crm_head_home_tour", login="home_head")
