from unittest.mock import patch

from odoo.exceptions import UserError
from odoo.tests import tagged, users
from odoo.tools import mute_logger

from odoo.addons.sms.tests.common import SMSCase

from .common import IndustrialCrmCommon


@tagged("post_install", "-at_install")
class TestRegisterRequest(IndustrialCrmCommon):
    def _counts(self):
        return (
            self.env["industrial.request"].search_count([]),
            self.env["crm.lead"].with_context(active_test=False).search_count([]),
            self.env["res.partner"].with_context(active_test=False).search_count([]),
        )

    def test_unknown_customer_gets_contact_and_lead(self):
        Request = self.env["industrial.request"]
        with self.mock_mail_gateway():
            result = Request.register_request(
                "phone", phone="8 (903) 555-01-02", name="Pavel Orlov",
                text="Need a pump for a sputtering line", company="Polymer Synthesis LLC",
            )
        request = Request.browse(result["request_id"])
        self.assertTrue(result["number"].startswith("REQ-"))
        self.assertEqual(result["number"], request.name)
        self.assertTrue(result["is_new_customer"])
        partner = request.partner_id
        self.assertEqual(partner.id, result["partner_id"])
        self.assertEqual(partner.name, "Pavel Orlov")
        self.assertEqual(partner.industrial_customer_status, "potential")
        self.assertEqual(partner.parent_id.name, "Polymer Synthesis LLC")
        self.assertEqual(partner.industrial_phone_e164, "+79035550102")
        lead = request.lead_id
        self.assertEqual(lead.id, result["lead_id"])
        self.assertEqual(lead.type, "lead")
        self.assertEqual(lead.partner_id, partner)
        self.assertEqual(lead.phone, "8 (903) 555-01-02")
        self.assertEqual(lead.contact_name, "Pavel Orlov")
        self.assertIn("sputtering line", lead.description)
        self.assertFalse(lead.user_id, "a manager is assigned by the head, by hand")
        self.assertEqual(request.state, "new")

    def test_numbers_are_sequential(self):
        Request = self.env["industrial.request"]
        first = Request.register_request("manual", email="a@example.ru")["number"]
        second = Request.register_request("manual", email="b@example.ru")["number"]
        self.assertEqual(int(second.rsplit("-", 1)[1]), int(first.rsplit("-", 1)[1]) + 1)

    def test_phone_habits_match_the_same_contact(self):
        Request = self.env["industrial.request"]
        first = Request.register_request("phone", phone="8 (495) 123-45-67", name="Olga")
        for raw in ("+7 495 1234567", "74951234567"):
            with self.subTest(raw=raw):
                result = Request.register_request("phone", phone=raw)
                self.assertEqual(result["partner_id"], first["partner_id"])
                self.assertEqual(result["lead_id"], first["lead_id"], "never a duplicate lead")
                self.assertFalse(result["is_new_customer"])

    def test_email_matches_case_insensitively(self):
        contact = self.env["res.partner"].create({
            "name": "Anna", "email": "Anna.Petrova@Example.RU", "parent_id": self.customer.id,
        })
        result = self.env["industrial.request"].register_request(
            "email", email="anna.petrova@example.ru", text="Quote please"
        )
        self.assertEqual(result["partner_id"], contact.id)

    def test_known_contact_joins_open_deal(self):
        deal = self._create_deal()
        contact = self.env["res.partner"].create({
            "name": "Sergey", "phone": "+7 916 000-11-22", "parent_id": self.customer.id,
        })
        leads_before = self.env["crm.lead"].search_count([])
        result = self.env["industrial.request"].register_request(
            "phone", phone="89160001122", text="When is the delivery?"
        )
        self.assertEqual(result["partner_id"], contact.id)
        self.assertEqual(result["lead_id"], deal.id)
        self.assertEqual(self.env["crm.lead"].search_count([]), leads_before)
        request = self.env["industrial.request"].browse(result["request_id"])
        self.assertEqual(request.direction_id, self.direction_hv, "the deal's direction routes it")
        self.assertIn(request.name, deal.message_ids[0].body)

    def test_known_contact_without_deal_gets_a_lead(self):
        contact = self.env["res.partner"].create({"name": "Oksana", "phone": "+7 916 000-11-33"})
        result = self.env["industrial.request"].register_request(
            "phone", phone="+79160001133", text="Need a leak detector"
        )
        self.assertEqual(result["partner_id"], contact.id)
        self.assertFalse(result["is_new_customer"])
        lead = self.env["crm.lead"].browse(result["lead_id"])
        self.assertEqual(lead.partner_id, contact)
        self.assertIn("Need a leak detector", str(lead.description))
        self.assertFalse(
            lead.message_ids.filtered(lambda m: result["number"] in str(m.body)),
            "a lead created by the request holds it in its description, no note repeats it",
        )

    def test_direction_code_routes_and_notifies_head(self):
        result = self.env["industrial.request"].register_request(
            "phone", phone="+7 903 555-01-03", direction_code="T_HV"
        )
        lead = self.env["crm.lead"].browse(result["lead_id"])
        self.assertEqual(lead.direction_id, self.direction_hv)
        self.assertEqual(lead.team_id, self.team_hv)
        activity = lead.activity_ids
        self.assertEqual(activity.activity_type_id, self.env.ref("industrial_crm.mail_act_assign_manager"))
        self.assertEqual(activity.user_id, self.user_head)

    def test_acknowledgement_email_has_number(self):
        # an English-speaking customer (the Russian text is test_acknowledgement_in_russian's)
        self.env["ir.config_parameter"].sudo().set_param("industrial_crm.customer_lang", "en_US")
        job = self.env.ref("industrial_crm.ir_cron_send_acknowledgements")
        self.assertTrue(job.active)
        self.assertEqual((job.interval_number, job.interval_type), (1, "minutes"))
        scheduler = self.env.ref("mail.ir_cron_mail_scheduler_action")
        triggers = self.env["ir.cron.trigger"].search_count([("cron_id", "=", scheduler.id)])
        with self.mock_mail_gateway():
            result = self.env["industrial.request"].register_request(
                "email", email="new.customer@example.ru", name="Nina", text="Price list?"
            )
            request = self.env["industrial.request"].browse(result["request_id"])
            self.assertEqual(request.ack_state, "pending")
            self._run_acknowledgements()
        self.assertEqual(request.ack_state, "sent")
        self.assertEqual(
            self.env["ir.cron.trigger"].search_count([("cron_id", "=", scheduler.id)]), triggers + 1,
            "the queued acknowledgement goes out now, not at the mail queue's hourly run",
        )
        ack = request.message_ids.filtered(lambda m: result["number"] in (m.subject or ""))
        self.assertEqual(len(ack), 1)
        self.assertIn(request.partner_id, ack.partner_ids)
        self.assertIn(result["number"], str(ack.body))
        self.assertIn("Hello, Nina!", str(ack.body))
        mail = self._new_mails.filtered(lambda m: result["number"] in (m.subject or ""))
        self.assertEqual(mail.recipient_ids, request.partner_id, "queued for the customer")

    def test_acknowledgement_renders_without_qweb_engine(self):
        """Plain field placeholders only: a batch is rendered without compiling QWeb per request."""
        template = self.env.ref("industrial_crm.mail_template_request_ack")
        self.assertFalse(template._has_unsafe_expression_template_qweb(template.body_html, "industrial.request"))
        self.assertFalse(
            template._has_unsafe_expression_template_inline_template(template.subject, "industrial.request")
        )
        Request = self.env["industrial.request"]
        anonymous = Request.browse(Request.register_request("email", email="anon@example.ru")["request_id"])
        body = template._render_field("body_html", anonymous.ids)[anonymous.id]
        self.assertIn("Hello, dear customer!", body)
        self.assertIn(anonymous.name, body)
        self.assertIn(anonymous.company_id.name, body)

    def test_acknowledgement_in_russian(self):
        self.env["res.lang"]._activate_lang("ru_RU")
        self.env["ir.config_parameter"].sudo().set_param("industrial_crm.customer_lang", "ru_RU")
        template = self.env.ref("industrial_crm.mail_template_request_ack")
        template.with_context(lang="ru_RU").subject = "Ваше обращение № {{ object.name }} принято"
        result = self.env["industrial.request"].register_request("email", email="ru@example.ru")
        self._run_acknowledgements()
        request = self.env["industrial.request"].browse(result["request_id"])
        self.assertEqual(request.partner_id.lang, "ru_RU")
        self.assertIn(f"Ваше обращение № {result['number']} принято", request.message_ids.mapped("subject"))

    def test_bad_input_clear_error_nothing_written(self):
        Request = self.env["industrial.request"]
        cases = [
            dict(channel="phone", phone="abc"),
            dict(channel="phone", phone="1" * 100),
            dict(channel="phone", phone="12"),
            dict(channel="email", email="not-an-email"),
            dict(channel="email", email="   "),
            dict(channel="email"),
            dict(channel="fax", phone="+7 495 123-45-67"),
            dict(channel="phone", phone="+7 495 123-45-67", direction_code="NOPE"),
            dict(channel="phone", phone="+7 495 123-45-67", name="x" * 300),
            dict(channel="phone", phone=12345),
        ]
        before = self._counts()
        for kwargs in cases:
            with self.subTest(kwargs=str(kwargs)[:60]), self.assertRaises(UserError) as err:
                Request.register_request(**kwargs)
            self.assertTrue(str(err.exception))
        self.assertEqual(self._counts(), before)

    def test_error_message_translated(self):
        self.env["res.lang"]._activate_lang("ru_RU")
        self.env["ir.module.module"]._load_module_terms(["industrial_crm"], ["ru_RU"], overwrite=True)
        with self.assertRaises(UserError) as err:
            self.env["industrial.request"].with_context(lang="ru_RU").register_request(
                "phone", phone="+7 495 123-45-67", direction_code="NOPE"
            )
        self.assertIn("Неизвестный код направления продаж", str(err.exception))

    def test_markup_in_name_and_text_is_inert(self):
        result = self.env["industrial.request"].register_request(
            "phone", phone="+7 903 555-01-04",
            name="<script>alert(1)</script>Ivan <b>Big</b>",
            text="<img src=x onerror=alert(1)> need a pump",
        )
        request = self.env["industrial.request"].browse(result["request_id"])
        self.assertNotIn("<", request.contact_name)
        self.assertEqual(request.partner_id.name, request.contact_name)
        self.assertNotIn("<img", str(request.lead_id.description))
        self.assertIn("&lt;img", str(request.lead_id.description))

    @users("t_manager")
    def test_manager_registers_a_call(self):
        result = self.env["industrial.request"].register_request(
            "phone", phone="+7 903 555-01-05", direction_code="T_HV", name="Caller"
        )
        self.assertEqual(
            self.env["industrial.request"].browse(result["request_id"]).direction_id, self.direction_hv
        )

    def test_failure_after_lead_rolls_back_everything(self):
        before = self._counts()
        with patch.object(type(self.env["industrial.request"]), "_notify_head",
                          side_effect=UserError("notifying the head failed")), \
                self.assertRaises(UserError):
            with self.env.cr.savepoint():
                self.env["industrial.request"].register_request(
                    "phone", phone="+7 903 555-01-06", direction_code="T_HV"
                )
        self.assertEqual(self._counts(), before)

    def test_no_acknowledgement_without_address(self):
        result = self.env["industrial.request"].register_request("phone", phone="+7 903 555-01-09")
        self.assertFalse(self.env["industrial.request"].browse(result["request_id"]).ack_state)

    def test_failing_acknowledgement_keeps_the_requests(self):
        """A broken template costs no request: the others are acknowledged, the
        failing one is marked and its chatter says why."""
        Request = self.env["industrial.request"]
        good = Request.browse(Request.register_request("email", email="good@example.ru")["request_id"])
        bad = Request.browse(Request.register_request("email", email="bad@example.ru")["request_id"])
        send_mail_batch = type(self.env["mail.template"]).send_mail_batch

        def fail_for_bad(template, res_ids, *args, **kwargs):
            if bad.id in res_ids:
                raise UserError("template exploded")
            return send_mail_batch(template, res_ids, *args, **kwargs)

        with self.mock_mail_gateway(), \
                patch.object(type(self.env["mail.template"]), "send_mail_batch", fail_for_bad), \
                mute_logger("odoo.addons.industrial_crm.models.industrial_request"):
            remaining = self._run_acknowledgements()
        self.assertEqual(remaining, 0)
        self.assertEqual(good.ack_state, "sent")
        self.assertTrue(good.message_ids.filtered(lambda m: good.name in (m.subject or "")))
        self.assertEqual(bad.ack_state, "failed")
        self.assertIn("template exploded", bad.message_ids[0].body)
        self.assertTrue(bad.lead_id and bad.partner_id, "the request itself is kept whole")


@tagged("post_install", "-at_install")
class TestAcknowledgementSms(IndustrialCrmCommon, SMSCase):
    def test_sms_sent_when_configured(self):
        self.env["ir.config_parameter"].sudo().set_param("industrial_crm.sms_acknowledgement", "True")
        with self.mockSMSGateway():
            result = self.env["industrial.request"].register_request("phone", phone="+7 903 555-01-07")
            self._run_acknowledgements()
        partner = self.env["res.partner"].browse(result["partner_id"])
        self.assertSMS(partner, "+79035550107", "pending", content=result["number"])

    def test_no_sms_by_default(self):
        with self.mockSMSGateway():
            self.env["industrial.request"].register_request("phone", phone="+7 903 555-01-08")
            self._run_acknowledgements()
        self.assertFalse(self._new_sms)
