"""What a stranger, a manager or a scheduled job must not be able to do (issue "Trust")."""
from datetime import datetime, timedelta

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools.misc import format_amount

from odoo.addons.sms.tests.common import SMSCase

from .common import IndustrialCrmCommon

SALES_TEAM_EMAIL = """Return-Path: <olga.smirnova@vakuum-stroy.example.ru>
From: Olga Smirnova <olga.smirnova@vakuum-stroy.example.ru>
To: {to}
Subject: Нужен диффузионный насос
Date: Mon, 30 Nov 2026 10:00:00 +0300
Message-Id: {msg_id}
MIME-Version: 1.0
Content-Type: text/plain; charset="utf-8"
Content-Transfer-Encoding: 8bit

Добрый день! Пришлите цену на диффузионный насос.
"""


@tagged("post_install", "-at_install")
class TestClaimedCompany(IndustrialCrmCommon):
    """A company name typed by a stranger never hands him that company's deal."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.real = cls.env["res.partner"].create({
            "name": "Real Vacuum LLC", "is_company": True, "email": "office@realvac.example.ru",
        })
        cls.real_contact = cls.env["res.partner"].create({
            "name": "Anna Real", "parent_id": cls.real.id, "email": "anna@realvac.example.ru",
            "phone": "+7 495 700-10-10",
        })
        cls.real_deal = cls._create_deal(partner_id=cls.real_contact.id, name="Furnace for Real Vacuum")

    def _register(self, **kwargs):
        Request = self.env["industrial.request"]
        return Request.browse(Request.register_request("web_form", **kwargs)["request_id"])

    def test_like_pattern_in_company_name_matches_nothing(self):
        for index, claim in enumerate(("%", "Real%", "_eal Vacuum LLC", "\\")):
            with self.subTest(claim=claim):
                request = self._register(phone="+7 903 100-%02d-00" % index, company=claim)
                self.assertNotEqual(request.lead_id, self.real_deal)
                self.assertNotEqual(request.partner_id.commercial_partner_id, self.real)
                self.assertFalse(request.suggested_company_id)
                self.assertEqual(request.partner_id.parent_id.name, claim, "his own new company")

    def test_exact_company_name_only_suggests(self):
        request = self._register(email="stranger@mailbox.example.org", company="real vacuum llc")
        self.assertNotEqual(request.lead_id, self.real_deal)
        self.assertFalse(request.partner_id.parent_id, "not attached to the company he named")
        self.assertEqual(request.partner_id.company_name, "real vacuum llc")
        self.assertEqual(request.suggested_company_id, self.real)
        self.assertTrue(request.is_new_customer)
        self.assertNotIn(request, self.real_deal.request_ids)

    def test_email_domain_only_suggests(self):
        request = self._register(email="boris@realvac.example.ru", name="Boris")
        self.assertEqual(request.suggested_company_id, self.real)
        self.assertFalse(request.partner_id.parent_id)
        self.assertNotEqual(request.lead_id, self.real_deal)
        public = self._register(email="boris@mail.ru", name="Boris")
        self.assertFalse(public.suggested_company_id, "a public mail service says nothing of the company")

    def test_own_phone_joins_the_company_deal(self):
        request = self._register(phone="8 (495) 700-10-10", company="%")
        self.assertEqual(request.partner_id, self.real_contact)
        self.assertEqual(request.lead_id, self.real_deal)

    def test_dispatcher_attaches_the_suggested_company(self):
        request = self._register(email="boris@realvac.example.ru", name="Boris")
        request.with_user(self.user_dispatcher).action_attach_suggested_company()
        self.assertEqual(request.partner_id.parent_id, self.real)
        self.assertFalse(request.suggested_company_id)


@tagged("post_install", "-at_install")
class TestPaidIsProven(IndustrialCrmCommon):
    """Only a payment makes a deal paid; nobody ticks it."""

    def test_paid_cannot_be_ticked(self):
        deal = self._create_deal(stage_id=self.stages["service"].id, service_decision="declined")
        self.assertTrue(self.env["crm.lead"]._fields["is_paid"].readonly)
        for field in ("is_paid", "paid_amount", "payment_state"):
            with self.subTest(field=field), self.assertRaisesRegex(UserError, "cannot be set by hand"):
                value = {"is_paid": True, "paid_amount": 1500000, "payment_state": "paid"}[field]
                deal.with_user(self.user_manager).write({field: value})
        self.assertFalse(deal.is_paid)
        with self.assertRaisesRegex(UserError, "not paid"):
            deal.with_user(self.user_manager).action_next_stage()

    def test_prepayment_then_full_payment(self):
        deal = self._create_deal(stage_id=self.stages["negotiation"].id)
        invoice = self._invoice_deal(deal, price=1000)
        self.assertEqual(deal.payment_state, "unpaid")
        self.assertEqual(deal.industrial_amount_due, 1000)
        self._register_payment(invoice, 300)
        self.assertEqual(deal.payment_state, "prepaid")
        self.assertEqual(deal.paid_amount, 300)
        self.assertFalse(deal.is_paid)
        deal.with_context(industrial_stage_override=True).stage_id = self.stages["service"]
        deal.service_decision = "declined"
        self.assertEqual(deal.payment_state, "partial", "after shipment a part is a part, not a prepayment")
        with self.assertRaisesRegex(UserError, "not paid") as refusal:
            deal.action_next_stage()
        # the amounts read as money, not as Python floats
        currency = deal.company_currency
        self.assertIn(
            f"({format_amount(self.env, 300, currency)} of {format_amount(self.env, 1000, currency)} received)",
            str(refusal.exception),
        )
        self.assertNotIn("300.0 ", str(refusal.exception))
        self._register_payment(invoice, 700)
        self.assertEqual(deal.payment_state, "paid")
        self.assertTrue(deal.is_paid)
        self.assertTrue(deal.paid_date)
        deal.action_next_stage()
        self.assertEqual(deal.stage_code, "closed")

    def test_head_may_still_force(self):
        deal = self._create_deal(stage_id=self.stages["service"].id, service_decision="declined")
        deal.with_user(self.user_head).action_force_next_stage()
        self.assertEqual(deal.stage_code, "closed")
        self.assertIn("not paid", deal.message_ids[0].body)


@tagged("post_install", "-at_install")
class TestEscalationScope(IndustrialCrmCommon):
    def setUp(self):
        super().setUp()
        self.start = datetime(2026, 11, 2, 9, 0)
        self.escalation = self.env.ref("industrial_crm.mail_act_escalation")

    def _escalations(self, lead):
        return lead.activity_ids.filtered(lambda a: a.activity_type_id == self.escalation)

    def test_deal_waiting_for_production_is_not_escalated(self):
        with freeze_time(self.start):
            deal = self._create_deal(stage_id=self.stages["reservation"].id)
        with freeze_time(self.start + timedelta(days=10)):
            self.env["crm.lead"]._cron_escalate_stale_leads()
        self.assertEqual(deal.escalation_level, "0")
        self.assertFalse(self._escalations(deal))

    def test_escalation_closes_when_the_lead_moves_on(self):
        with freeze_time(self.start):
            lead = self.env["crm.lead"].create({
                "name": "Leak detector", "type": "lead", "direction_id": self.direction_hv.id,
                "user_id": self.user_manager.id, "partner_id": self.customer.id,
            })
        with freeze_time(self.start + timedelta(hours=49)):
            self.env["crm.lead"]._cron_escalate_stale_leads()
            self.env["crm.lead"]._cron_escalate_stale_leads()
        self.assertEqual(lead.escalation_level, "2")
        self.assertTrue(self._escalations(lead))
        lead.write({"equipment_type_ids": [(6, 0, self.eq_plain.ids)], "expected_revenue": 50000})
        lead.with_user(self.user_manager).convert_opportunity(self.customer)
        self.assertEqual(lead.escalation_level, "0")
        self.assertFalse(self._escalations(lead), "the head and the director have nothing left to chase")


@tagged("post_install", "-at_install")
class TestIntakeForEveryAlias(IndustrialCrmCommon):
    def test_sales_team_alias_makes_a_request(self):
        team = self.team_pump
        team.alias_name = "t-pumps-team"
        leads = self.env["crm.lead"].search_count([])
        with self.mock_mail_gateway():
            self.env["mail.thread"].sudo().message_process(None, SALES_TEAM_EMAIL.format(
                to=f"t-pumps-team@{self.alias_domain}", msg_id="<team-1@vakuum-stroy>",
            ))
        request = self.env["industrial.request"].search([("message_key", "=", "<team-1@vakuum-stroy>")])
        self.assertEqual(len(request), 1)
        self.assertTrue(request.name.startswith("REQ-"))
        self.assertEqual(request.partner_id.email_normalized, "olga.smirnova@vakuum-stroy.example.ru")
        self.assertEqual(request.direction_id, self.direction_pump)
        self.assertEqual(request.ack_state, "pending")
        self.assertEqual(request.lead_id.partner_id, request.partner_id, "no bare lead without a contact")
        self.assertEqual(request.lead_id.team_id, team)
        self.assertEqual(self.env["crm.lead"].search_count([]), leads + 1)
        self.assertTrue(any("диффузионный" in body for body in request.message_ids.mapped("body")),
                        "the email itself is on the request (the team's alias is the direction's)")
        self.assertIn("диффузионный", request.lead_id.description, "and its text on the lead")
        with self.mock_mail_gateway():
            self.env["mail.thread"].sudo().message_process(None, SALES_TEAM_EMAIL.format(
                to=f"t-pumps-team@{self.alias_domain}", msg_id="<team-2@vakuum-stroy>",
            ))
        second = self.env["industrial.request"].search([("message_key", "=", "<team-2@vakuum-stroy>")])
        self.assertEqual(second.lead_id, request.lead_id, "the known sender joins his lead")
        self.assertEqual(self.env["crm.lead"].search_count([]), leads + 1)


@tagged("post_install", "-at_install")
class TestRegisterByRole(IndustrialCrmCommon):
    """The README's call works for every role that takes requests."""

    def test_dispatcher_and_manager_register_for_a_direction(self):
        for user in (self.user_dispatcher, self.user_manager, self.user_head):
            with self.subTest(user=user.login):
                result = self.env["industrial.request"].with_user(user).register_request(
                    "phone", phone="+7 903 200-%s" % str(user.id)[-4:].zfill(4), name="Ivan Petrov",
                    text="Need a vacuum pump", direction_code="T_HV",
                )
                self.assertTrue(result["number"].startswith("REQ-"))
                self.assertTrue(result["lead_id"])
                self.assertTrue(result["is_new_customer"])

    def test_marketer_cannot_register(self):
        with self.assertRaises(AccessError):
            self.env["industrial.request"].with_user(self.user_marketer).register_request(
                "phone", phone="+7 903 200-99-99",
            )


@tagged("post_install", "-at_install")
class TestFunnelCertification(IndustrialCrmCommon):
    def test_certification_counted_only_when_needed(self):
        plain = self._create_deal(name="Plain pump deal")
        certified = self._create_deal(name="Certified bench deal", equipment_type_ids=[(6, 0, self.eq_certified.ids)])
        (plain | certified).write({"reached_stage_sequence": self.stages["service"].sequence})
        self.env.flush_all()
        Report = self.env["industrial.funnel.report"]
        reached = Report.search([("stage_id", "=", self.stages["certification"].id),
                                 ("lead_id", "in", (plain | certified).ids)])
        self.assertEqual(reached.lead_id, certified)
        commissioning = Report.search([("stage_id", "=", self.stages["commissioning"].id),
                                       ("lead_id", "in", (plain | certified).ids)])
        self.assertEqual(commissioning.mapped("conversion_rate"), [100.0, 100.0])


@tagged("post_install", "-at_install")
class TestSmsAcknowledgementFailure(IndustrialCrmCommon, SMSCase):
    def setUp(self):
        super().setUp()
        self.env["ir.config_parameter"].sudo().set_param("industrial_crm.sms_acknowledgement", "True")

    def _register(self, phone):
        Request = self.env["industrial.request"]
        return Request.browse(Request.register_request("phone", phone=phone)["request_id"])

    def test_refused_sms_does_not_show_sent(self):
        """The job sends the SMS through Odoo's gateway, which refuses it here as it
        does when the gateway is unreachable: the request shows the failure, once."""
        request = self._register("+7 903 555-01-77")
        self._run_acknowledgements()
        sms = self.env["sms.sms"].sudo().search([("number", "=", "+79035550177")])
        self.assertEqual(sms.state, "error")
        self.assertEqual(request.ack_state, "failed")
        notes = request.message_ids.filtered(lambda m: "could not be sent" in (m.body or ""))
        self.assertEqual(len(notes), 1)

    def test_sms_lost_after_sending_turns_failed(self):
        """Accepted by the gateway, then reported undelivered: no longer 'Sent'."""
        request = self._register("+7 903 555-01-78")
        with self.mockSMSGateway():
            self._run_acknowledgements()
        self.assertEqual(request.ack_state, "sent")
        tracker = self.env["sms.tracker"].sudo().search([
            ("mail_notification_id.mail_message_id.res_id", "=", request.id),
            ("mail_notification_id.mail_message_id.model", "=", "industrial.request"),
        ])
        self.assertEqual(len(tracker), 1)
        # what Odoo's delivery report route (/sms/status) does with the provider's answer
        tracker._action_update_from_provider_error("invalid_destination")
        self.assertEqual(request.ack_state, "failed")
        self.assertIn("could not be sent", request.message_ids[0].body)
