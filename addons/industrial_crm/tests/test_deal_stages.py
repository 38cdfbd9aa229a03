from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from odoo.addons.account.tests.common import AccountTestInvoicingCommon

from .common import IndustrialCrmCommon


@tagged("post_install", "-at_install")
class TestDealStages(IndustrialCrmCommon):
    def test_stages_in_order(self):
        stages = self.env["crm.stage"].search([("industrial_code", "!=", False)], order="sequence")
        self.assertEqual(
            stages.mapped("industrial_code"),
            ["selection", "negotiation", "reservation", "shipment", "commissioning",
             "certification", "service", "closed"],
        )
        self.assertTrue(self.stages["closed"].is_won)
        self.assertFalse(
            self.env["crm.stage"].search([("industrial_code", "=", False), ("team_id", "=", False)]),
            "crm's generic stages are replaced by the process stages",
        )
        self.assertFalse(self.env.ref("crm.stage_lead1", raise_if_not_found=False))

    def test_deal_requires_fields(self):
        for missing in ("partner_id", "direction_id", "equipment_type_ids", "expected_revenue"):
            with self.subTest(missing=missing), self.assertRaises(ValidationError):
                with self.env.cr.savepoint():
                    self._create_deal(**{missing: False if missing != "equipment_type_ids" else [(5,)]})

    def test_lead_conversion_requires_fields(self):
        lead = self.env["crm.lead"].create({"name": "Bare lead", "type": "lead", "partner_id": self.customer.id})
        with self.assertRaises(ValidationError):
            with self.env.cr.savepoint():
                lead.convert_opportunity(self.customer)
        lead.write({
            "direction_id": self.direction_hv.id,
            "equipment_type_ids": [(6, 0, self.eq_plain.ids)],
            "expected_revenue": 900000,
        })
        lead.convert_opportunity(self.customer)
        self.assertEqual(lead.type, "opportunity")

    def test_manager_walks_deal_to_closed(self):
        deal = self._create_deal()
        invoice = self._invoice_deal(deal)
        deal = deal.with_user(self.user_manager)
        for code in ("negotiation", "reservation", "shipment", "commissioning"):
            deal.action_next_stage()
            self.assertEqual(deal.stage_code, code)
        with self.assertRaisesRegex(UserError, "acceptance act"):
            deal.action_next_stage()
        deal.acceptance_act_ids = [(4, self._attachment().id)]
        self.assertEqual(deal.acceptance_act_count, 1)
        deal.action_next_stage()
        self.assertEqual(deal.stage_code, "service", "no certification for this equipment")
        offer = deal.activity_ids.filtered(
            lambda a: a.activity_type_id == self.env.ref("industrial_crm.mail_act_offer_service")
        )
        self.assertEqual(offer.user_id, self.user_manager)
        with self.assertRaisesRegex(UserError, "service offer"):
            deal.action_next_stage()
        deal.service_decision = "accepted"
        self.assertFalse(deal.activity_ids.filtered(
            lambda a: a.activity_type_id == self.env.ref("industrial_crm.mail_act_offer_service")
        ))
        sign = deal.activity_ids.filtered(
            lambda a: a.activity_type_id == self.env.ref("industrial_crm.mail_act_sign_service_contract")
        )
        self.assertEqual(sign.user_id, self.user_manager)
        with self.assertRaisesRegex(UserError, "not paid"):
            deal.action_next_stage()
        self._register_payment(invoice)
        deal.action_next_stage()
        self.assertEqual(deal.stage_code, "closed")
        self.assertEqual(deal.reached_stage_sequence, self.stages["closed"].sequence)

    def test_declined_service_closes_without_contract_task(self):
        deal = self._create_deal(stage_id=self.stages["service"].id)
        self._pay_deal(deal)
        deal.service_decision = "declined"
        self.assertFalse(deal.activity_ids.filtered(
            lambda a: a.activity_type_id == self.env.ref("industrial_crm.mail_act_sign_service_contract")
        ))
        deal.stage_id = self.stages["closed"]
        self.assertTrue(deal.stage_id.is_won)

    def test_certification_required_for_flagged_equipment(self):
        deal = self._create_deal(
            equipment_type_ids=[(6, 0, (self.eq_certified | self.eq_plain).ids)],
            stage_id=self.stages["commissioning"].id,
            acceptance_act_ids=[(4, self._attachment().id)],
        )
        self.assertTrue(deal.needs_certification)
        with self.assertRaisesRegex(UserError, "certification is pending"):
            deal.stage_id = self.stages["service"]
        deal.action_next_stage()
        self.assertEqual(deal.stage_code, "certification")
        with self.assertRaisesRegex(UserError, "certification is pending"):
            deal.action_next_stage()
        deal.certificate_ids = [(4, self._attachment("certificate.pdf").id)]
        self.assertEqual(deal.certificate_count, 1)
        deal.action_next_stage()
        self.assertEqual(deal.stage_code, "service")

    def test_certification_stage_refused_when_not_needed(self):
        deal = self._create_deal(
            stage_id=self.stages["commissioning"].id, acceptance_act_ids=[(4, self._attachment().id)]
        )
        with self.assertRaisesRegex(UserError, "needs no certification"):
            deal.stage_id = self.stages["certification"]

    def test_jumping_ahead_checks_skipped_stages(self):
        deal = self._create_deal()
        with self.assertRaisesRegex(UserError, "acceptance act"):
            deal.stage_id = self.stages["closed"]
        self._invoice_deal(deal)
        deal.stage_id = self.stages["shipment"]
        deal.stage_id = self.stages["negotiation"]
        self.assertEqual(deal.stage_code, "negotiation", "going back is always allowed")

    def test_kanban_drag_shows_clear_message(self):
        deal = self._create_deal(stage_id=self.stages["commissioning"].id)
        with self.assertRaises(UserError) as err:
            deal.with_user(self.user_manager).write({"stage_id": self.stages["service"].id})
        self.assertIn(deal.name, str(err.exception))
        self.assertIn("Service", str(err.exception))

    def test_head_forces_with_log_manager_cannot(self):
        deal = self._create_deal(stage_id=self.stages["commissioning"].id)
        with self.assertRaises(AccessError):
            deal.with_user(self.user_manager).action_force_next_stage()
        deal.with_user(self.user_head).action_force_next_stage()
        self.assertEqual(deal.stage_code, "service")
        note = deal.message_ids.filtered(lambda m: "forced the stage" in str(m.body))
        self.assertEqual(len(note), 1)
        self.assertIn("acceptance act", str(note.body))
        self.assertIn(self.user_head.name, str(note.body))

    def test_form_shows_documents(self):
        deal = self._create_deal()
        form = Form(deal.with_user(self.user_manager))
        self.assertEqual(form.acceptance_act_count, 0)
        self.assertEqual(form.request_count, 0)


@tagged("post_install", "-at_install")
class TestDealDocuments(AccountTestInvoicingCommon):
    """Orders, deliveries and invoices of a deal, and payment from invoices."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.user.groups_id |= cls.env.ref("sales_team.group_sale_salesman_all_leads") | cls.env.ref(
            "stock.group_stock_user"
        )
        team = cls.env["crm.team"].create({"name": "Test direction team"})
        cls.direction = cls.env["industrial.direction"].sudo().create({
            "name": "Test direction", "code": "TST", "team_id": team.id,
        })
        cls.equipment = cls.env["industrial.equipment.type"].sudo().create({"name": "Pump"})

    def _create_deal(self):
        return self.env["crm.lead"].create({
            "name": "Pump deal",
            "type": "opportunity",
            "partner_id": self.partner_a.id,
            "user_id": False,
            "direction_id": self.direction.id,
            "equipment_type_ids": [(6, 0, self.equipment.ids)],
            "expected_revenue": 1000,
        })

    def test_paid_from_invoices(self):
        product = self.env["product.product"].create({"name": "Vacuum pump", "list_price": 1000, "type": "consu"})
        deal = self._create_deal()
        order = self.env["sale.order"].create({
            "partner_id": self.partner_a.id,
            "opportunity_id": deal.id,
            "order_line": [(0, 0, {"product_id": product.id, "product_uom_qty": 1})],
        })
        order.action_confirm()
        self.assertEqual(deal.sale_order_count, 1)
        self.assertEqual(deal.delivery_count, 1)
        invoice = order._create_invoices()
        invoice.action_post()
        self.assertEqual(deal.invoice_count, 1)
        self.assertFalse(deal.is_paid)
        self.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=invoice.ids
        ).create({})._create_payments()
        self.assertIn(invoice.payment_state, ("paid", "in_payment"))
        self.assertTrue(deal.is_paid)
        action = deal.action_view_invoices()
        self.assertEqual(self.env["account.move"].search(action["domain"]), invoice)
        action = deal.action_view_deliveries()
        self.assertEqual(self.env["stock.picking"].search(action["domain"]), order.picking_ids)
