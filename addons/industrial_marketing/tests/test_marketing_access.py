from odoo.exceptions import AccessError
from odoo.tests import Form, tagged

from .marketing_common import MarketingCommon
from odoo.addons.industrial_crm.tests.web_client import open_action

# what sales staff see of a deal's money and orders, and a marketer does not
SALES_ONLY = {
    "expected_revenue", "prorated_revenue", "recurring_revenue_monthly", "recurring_revenue_monthly_prorated",
    "recurring_revenue_prorated", "sale_amount_total", "quotation_count", "sale_order_count",
    "industrial_amount_due", "paid_amount", "onec_document_count", "onec_document_ids",
}


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
            "industrial_marketing.action_industrial_marketing_segment": (self.user_marketer, self.user_head),
            "industrial_marketing.action_industrial_mailchimp_sync": (self.user_marketer,),
            "industrial_marketing.action_industrial_telemarketing_export": (self.user_marketer,),
            "industrial_marketing.action_industrial_call_tasks": (self.user_marketer, self.user_head),
            "industrial_marketing.action_industrial_call_task_wizard": (self.user_marketer, self.user_head),
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

    def _menus(self, user):
        menus = self.env["ir.ui.menu"].with_user(user).load_menus(debug=False)
        return menus["root"]["children"], {menu["xmlid"]: menu for key, menu in menus.items() if key != "root"}

    def test_marketing_app(self):
        """The marketer does not open CRM, a sales app: an app of her own holds her work
        and read-only lists of the customer base."""
        apps, menus = self._menus(self.user_marketer)
        root = self.env.ref("industrial_crm.menu_industrial_marketing")
        self.assertIn(root.id, apps)
        self.assertNotIn(self.env.ref("crm.crm_menu_root").id, apps)
        self.assertTrue(menus["industrial_crm.menu_industrial_marketing"]["web_icon_data"])
        in_app = {menu["action"] for menu in menus.values() if menu["app_id"] == root.id and menu["action"]}
        for xmlid in (
            "industrial_marketing.action_industrial_marketing_segment", "industrial_marketing.action_industrial_mailchimp_sync",
            "industrial_marketing.action_industrial_telemarketing_export", "industrial_marketing.action_industrial_call_tasks",
            "industrial_crm.res_partner_action_marketing", "industrial_crm.crm_lead_action_marketing_leads",
            "industrial_crm.crm_lead_action_marketing_deals", "industrial_crm.industrial_request_action",
            "industrial_crm.industrial_funnel_report_action",
        ):
            action = self.env.ref(xmlid)
            self.assertIn(f"{action._name},{action.id}", in_app, xmlid)
        # a head reads segments and call tasks there; his customers are in CRM
        apps, menus = self._menus(self.user_head)
        self.assertIn(root.id, apps)
        self.assertIn("industrial_marketing.menu_industrial_call_tasks", menus)
        self.assertNotIn("industrial_crm.menu_industrial_marketing_customers", menus)
        self.assertNotIn(root.id, self._menus(self.user_manager)[0])

    def test_marketer_opens_leads_and_deals(self):
        """Lists, kanban and form of leads and deals open for her as the web client loads
        them (tags, orders, invoices and deliveries behind the deal), with no amount."""
        tag = self.env["crm.tag"].create({"name": "Exhibition"})
        deal = self._create_deal(name="Furnace with an order", tag_ids=[(6, 0, tag.ids)])
        self._invoice_deal(deal, price=700000)
        request = self.env["industrial.request"].browse(self.env["industrial.request"].register_request(
            "phone", phone="+7 903 700-55-01", direction_code="T_HV")["request_id"])
        lead = request.lead_id
        lead.tag_ids = tag
        for xmlid, records in (
            ("industrial_crm.crm_lead_action_marketing_leads", lead),
            ("industrial_crm.crm_lead_action_marketing_deals", deal),
        ):
            with self.subTest(action=xmlid):
                read = open_action(self.env, xmlid, self.user_marketer, records)
                for view_type in ("list", "kanban", "form"):
                    self.assertEqual([row["id"] for row in read[view_type]], records.ids, view_type)
                    self.assertFalse(SALES_ONLY & read[view_type][0].keys(), view_type)
                self.assertEqual(read["form"][0]["tag_ids"], [{"id": tag.id, "display_name": "Exhibition"}])
        self.assertEqual(read["list"][0]["payment_state"], "unpaid")
        form = Form(deal.with_user(self.user_marketer))
        self.assertEqual(form.name, "Furnace with an order")
        self.assertFalse(SALES_ONLY & set(form._view["fields"]))
        self.assertFalse(SALES_ONLY & set(self.env["crm.lead"].with_user(self.user_marketer).fields_get()))
        # the request, its contact and the rest of her app open too
        open_action(self.env, "industrial_crm.industrial_request_action", self.user_marketer, request)
        open_action(self.env, "industrial_crm.res_partner_action_marketing", self.user_marketer, self.customer)
        open_action(self.env, "industrial_crm.industrial_funnel_report_action", self.user_marketer)
        # sales staff keep the order buttons
        self.assertEqual(deal.with_user(self.user_manager).read(["sale_order_count"])[0]["sale_order_count"], 1)
        arch = self.env["crm.lead"].with_user(self.user_manager).get_view(view_type="form")["arch"]
        self.assertIn("action_view_sale_order", arch)
        self.assertNotIn("action_view_sale_order", self.env["crm.lead"].with_user(
            self.user_marketer).get_view(view_type="form")["arch"])
