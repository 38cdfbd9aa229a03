"""What the screens show at 1440 px in Russian: widths, folded stages, the funnel's measures, counts that agree."""
from lxml import etree

from odoo.modules.module import get_manifest
from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from .common import IndustrialCrmCommon


@tagged("post_install", "-at_install")
class TestViews(IndustrialCrmCommon):
    def _arch(self, model, view_type, user=None):
        env = self.env(user=user) if user else self.env
        return etree.fromstring(env[model].get_view(view_type=view_type)["arch"])

    def test_request_list_keeps_number_channel_and_state_readable(self):
        arch = self._arch("industrial.request", "list", self.user_dispatcher)
        widths = {field.get("name"): field.get("width") for field in arch.iter("field")}
        self.assertEqual(widths["name"], "130px", "REQ-2026-00001 is cut without a fixed width")
        self.assertTrue(widths["channel"])
        self.assertTrue(widths["state"])

    def test_late_stages_folded_so_the_board_fits(self):
        folded = {code: stage.fold for code, stage in self.stages.items()}
        self.assertEqual(folded, {
            "selection": False, "negotiation": False, "reservation": False, "shipment": False,
            "commissioning": False, "certification": True, "service": True, "closed": True,
        })
        arch = self._arch("crm.lead", "kanban", self.user_head)
        self.assertIn("o_industrial_deal_kanban", arch.get("class").split())
        self.assertIn("industrial_crm/static/src/scss/*.scss", get_manifest("industrial_crm")["assets"]["web.assets_backend"])

    def test_funnel_in_process_order_counting_deals(self):
        Report = self.env["industrial.funnel.report"]
        measures = Report.fields_get(attributes=["aggregator"])
        self.assertFalse(measures["stage_sequence"].get("aggregator"), "a sum of sequences is no measure")
        self.assertEqual(measures["conversion_rate"].get("aggregator"), "avg")
        graph = self._arch("industrial.funnel.report", "graph", self.user_director)
        self.assertIsNone(graph.get("order"), "sorting by value would turn the funnel around")
        self.assertFalse([f for f in graph.iter("field") if f.get("type") == "measure"])
        context = safe_eval(self.env.ref("industrial_crm.industrial_funnel_report_action").context)
        self.assertEqual(context["graph_measure"], "__count__")
        self.assertEqual(context["pivot_measures"][0], "__count__")
        deals = self._create_deal(name="Bench", equipment_type_ids=[(6, 0, self.eq_certified.ids)])
        deals |= self._create_deal(name="Pump")
        deals[0].reached_stage_sequence = self.stages["service"].sequence
        deals[1].reached_stage_sequence = self.stages["reservation"].sequence
        self.env.flush_all()
        groups = Report.with_user(self.user_director)._read_group(
            [("lead_id", "in", deals.ids)], ["stage_id"], ["__count"])
        self.assertEqual([(stage.industrial_code, count) for stage, count in groups], [
            ("selection", 2), ("negotiation", 2), ("reservation", 2), ("shipment", 1),
            ("commissioning", 1), ("certification", 1), ("service", 1),
        ])


@tagged("post_install", "-at_install")
class TestMarketerReadsDeals(IndustrialCrmCommon):
    """The marketer reads leads and deals: she is offered no button she may not use."""

    def _views(self, xmlid):
        action = self.env.ref(xmlid)
        views = {view.view_mode: view.view_id for view in action.view_ids}
        Lead = self.env["crm.lead"].with_user(self.user_marketer)
        return {
            mode: etree.fromstring(Lead.get_view(view.id, mode)["arch"]) for mode, view in views.items()
            if mode in ("form", "kanban")
        }

    def test_marketing_deal_form_is_read_only_without_actions(self):
        for xmlid in ("industrial_crm.crm_lead_action_marketing_deals", "industrial_crm.crm_lead_action_marketing_leads"):
            with self.subTest(action=xmlid):
                views = self._views(xmlid)
                form = views["form"]
                self.assertEqual(
                    [form.get(attr) for attr in ("create", "edit", "delete")], ["0", "0", "0"]
                )
                header = form.find("header")
                self.assertEqual(header.findall(".//button"), [], "no Won / Lost / Convert / quotation button")
                self.assertEqual([f.get("name") for f in header.iter("field")], ["stage_id"])
                self.assertFalse(form.xpath("//div[@name='button_box']"))
                kanban = views["kanban"]
                self.assertEqual(kanban.get("records_draggable"), "0", "no stage move by drag and drop")
                self.assertEqual(kanban.get("quick_create"), "0")
