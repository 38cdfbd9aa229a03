"""The caller card: the call to an employee rings his web client over the Odoo bus; the card is read
with his own rights; the tour shows it to the demo manager in Russian."""

import json
from datetime import datetime

from odoo.tests import HttpCase, tagged

from odoo.addons.industrial_crm.tests.test_role_tours import RoleTourCase
from odoo.addons.industrial_miko.tools.miko_emulator import HttpAlert

from .common import WEBHOOK_SECRET, MikoCommon

RINGING = "industrial_miko/ringing"


def ringing(env, partner):
    """Ringing notifications queued on ``partner``'s bus channel, as payloads."""
    found = []
    for bus in env["bus.bus"].sudo().search([("channel", "like", "res.partner")]):
        channel, message = json.loads(bus.channel), json.loads(bus.message)
        if channel[1:] == ["res.partner", partner.id] and message["type"] == RINGING:
            found.append(message["payload"])
    return found


@tagged("post_install", "-at_install")
class TestCallCard(HttpCase, MikoCommon):
    def setUp(self):
        super().setUp()
        self.alert = HttpAlert(f"{self.base_url()}/industrial_miko/alert/{WEBHOOK_SECRET}")

    def ring(self, call_id, number, extension="201"):
        self.alert.incoming_call(call_id, number)
        code, _body = self.alert.call(call_id, number, extension, datetime(2026, 11, 20, 10, 0, 0))
        self.assertEqual(code, 200)
        self.env.flush_all()
        return self.calls(call_id)

    def test_known_customer(self):
        """The ringing manager gets the call on his bus; the card names the deal, stage, manager, last request."""
        deal = self._create_deal(partner_id=self.customer.id, user_id=self.user_manager.id,
                                 stage_id=self.stages["negotiation"].id)
        self.env["industrial.request"].register_request("phone", phone="+7 495 111-22-33", subject="Quote for a furnace")
        call = self.ring("mikopbx-70.1", "84951112233")
        self.assertIn({"call_id": call.id}, ringing(self.env, self.user_manager.partner_id))
        self.assertFalse(ringing(self.env, self.user_manager_other.partner_id))
        self.authenticate("t_manager", "t_manager")
        card = self.make_jsonrpc_request(f"/industrial_miko/call/{call.id}/card", {})
        self.assertEqual(card["lead_id"], deal.id)
        self.assertEqual(card["button"], "Open the deal")
        self.assertEqual(card["contact"], "Cryogenmash JSC")
        text = "\n".join(card["lines"])
        self.assertIn(deal.name, text)
        self.assertIn(self.stages["negotiation"].name, text)
        self.assertIn("Mark Manager", text)
        self.assertIn("Quote for a furnace", text, "the last request, not the call's own")

    def test_unknown_number(self):
        """An unknown number: the lead exists as the phone rings, and the card offers it."""
        call = self.ring("mikopbx-71.1", "89990001122")
        self.assertTrue(call.lead_id)
        self.authenticate("t_manager", "t_manager")
        card = self.make_jsonrpc_request(f"/industrial_miko/call/{call.id}/card", {})
        self.assertEqual((card["lead_id"], card["button"]), (call.lead_id.id, "Open the new lead"))

    def test_card_needs_access(self):
        """Another direction's manager cannot read the card of a call that is not his."""
        self._create_deal(partner_id=self.customer.id, user_id=self.user_manager.id)
        call = self.ring("mikopbx-72.1", "84951112233")
        self.authenticate("t_manager_o", "t_manager_o")
        with self.assertRaises(Exception):
            self.make_jsonrpc_request(f"/industrial_miko/call/{call.id}/card", {})

    def test_incoming_call_rings_nobody(self):
        """The call to the company names no extension: no card yet, only the caller's name answered."""
        self.alert.incoming_call("mikopbx-73.1", "84951112233")
        self.env.flush_all()
        self.assertFalse(ringing(self.env, self.user_manager.partner_id))


@tagged("post_install", "-at_install")
class TestCallCardTour(RoleTourCase):
    """The demo manager (extension 201 of a test exchange) is at work when the customer calls."""

    def test_manager_answers_with_the_card(self):
        manager = self._demo_user("manager_hv")
        connection = self.env["industrial.pbx.connection"].create({
            "name": "Тур: АТС", "base_url": "http://127.0.0.1:9", "webhook_secret": "tour-webhook-secret",
            "extension_ids": [(0, 0, {"extension": "201", "user_id": manager.id})],
        })
        direction = self.env.ref("industrial_crm.direction_hv")
        deal = self._deal("Тур звонка: вакуумная печь", direction, manager, stage="negotiation")
        company = deal.partner_id
        company.write({"name": "Тур звонка: Криогенмаш", "phone": "+7 495 700-11-22"})
        self.env["industrial.request"].register_request(
            "phone", phone="+7 495 700-11-22", subject="Тур звонка: запрос на печь",
        )
        alert = HttpAlert(f"{self.base_url()}/industrial_miko/alert/{connection.webhook_secret}")
        alert.incoming_call("mikopbx-tour.1", "84957001122")
        code, _body = alert.call("mikopbx-tour.1", "84957001122", "201", datetime(2026, 11, 20, 10, 0, 0))
        self.assertEqual(code, 200)
        call = self.env["industrial.call"].search([("pbx_call_id", "=", "mikopbx-tour.1")])
        self.assertEqual(call.lead_id, deal)
        self.env.flush_all()
        self.assertIn({"call_id": call.id}, ringing(self.env, manager.partner_id))
        self.start_tour("/odoo", "industrial_miko_call_card", login=manager.login)
