import threading
import uuid
from unittest.mock import patch

import psycopg2

from odoo import SUPERUSER_ID, api
from odoo.modules.registry import Registry
from odoo.tests import BaseCase, tagged
from odoo.tests.common import get_db_name
from odoo.tools import mute_logger
from odoo.modules.registry import DummyRLock

from .common import IndustrialCrmCommon

FORM_EMAIL = """Return-Path: <noreply@site.example.ru>
From: "Website" <noreply@site.example.ru>
To: {to}
Subject: {subject}
Date: Sun, 22 Nov 2026 10:15:00 +0300
Message-Id: {msg_id}
MIME-Version: 1.0
Content-Type: text/plain; charset="utf-8"
Content-Transfer-Encoding: 8bit

Новая заявка с сайта
Имя: Пётр Иванов
Телефон: 8 (812) 555-12-34
Email: P.Ivanov@Example.RU
Компания: ООО «Сплав-Тест»
Оборудование: Вакуумная печь
Сообщение: Нужна печь для пайки.
Бюджет до 5 млн.
"""

PLAIN_EMAIL = """Return-Path: <{email_from}>
From: Ivan Sidorov <{email_from}>
To: {to}
Subject: {subject}
Date: Sun, 22 Nov 2026 11:00:00 +0300
{msg_id_header}MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="XYZ"

--XYZ
Content-Type: text/plain; charset="utf-8"

Добрый день! Пришлите, пожалуйста, коммерческое предложение на насос.
--XYZ
Content-Type: application/pdf; name="spec.pdf"
Content-Disposition: attachment; filename="spec.pdf"
Content-Transfer-Encoding: base64

JVBERi0xLjQKJcfsj6IK
--XYZ--
"""


@tagged("post_install", "-at_install")
class TestMailGateway(IndustrialCrmCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.general_to = f"requests@{cls.alias_domain}"
        cls.hv_to = f"t-vacuum@{cls.alias_domain}"

    def _process(self, raw):
        return self.env["mail.thread"].sudo().message_process(None, raw)

    def _plain(self, subject="Quote for a pump", email_from="ivan.sidorov@example.ru",
               to=None, msg_id="<plain-1@example.ru>"):
        header = f"Message-Id: {msg_id}\n" if msg_id else ""
        return PLAIN_EMAIL.format(
            subject=subject, email_from=email_from, to=to or self.general_to, msg_id_header=header
        )

    def test_form_email_fields_parsed(self):
        with self.mock_mail_gateway():
            self._process(FORM_EMAIL.format(to=self.general_to, subject="Заявка с сайта", msg_id="<form-1@site>"))
        request = self.env["industrial.request"].search([("message_key", "=", "<form-1@site>")])
        self.assertEqual(len(request), 1)
        self.assertEqual(request.channel, "web_form")
        self.assertEqual(request.contact_name, "Пётр Иванов")
        self.assertEqual(request.phone_e164, "+78125551234")
        self.assertEqual(request.email_normalized, "p.ivanov@example.ru")
        self.assertEqual(request.company_name, "ООО «Сплав-Тест»")
        self.assertEqual(request.product_interest, "Вакуумная печь")
        self.assertEqual(request.content, "Нужна печь для пайки.\nБюджет до 5 млн.")
        self.assertEqual(request.partner_id.email, "p.ivanov@example.ru", "the customer, not the site")
        self.assertEqual(request.lead_id.contact_name, "Пётр Иванов")
        self.assertFalse(request.direction_id, "the general alias leaves sorting to the dispatcher")

    def test_plain_email_keeps_body_and_attachment(self):
        with self.mock_mail_gateway():
            self._process(self._plain())
            self._run_acknowledgements()
        request = self.env["industrial.request"].search([("message_key", "=", "<plain-1@example.ru>")])
        self.assertEqual(request.channel, "email")
        self.assertIn("коммерческое предложение", request.content)
        self.assertEqual(request.email_normalized, "ivan.sidorov@example.ru")
        self.assertEqual(request.contact_name, "Ivan Sidorov")
        self.assertEqual(request.subject, "Quote for a pump")
        incoming = request.message_ids.filtered(lambda m: m.message_id == "<plain-1@example.ru>")
        self.assertEqual(incoming.attachment_ids.mapped("name"), ["spec.pdf"])
        self.assertEqual(incoming.author_id, request.partner_id, "written by the new contact")
        self.assertNotIn(request.partner_id, request.message_partner_ids,
                         "the customer does not follow the intake record")
        ack = request.message_ids.filtered(lambda m: request.name in (m.subject or ""))
        self.assertTrue(ack, "the customer is told his request number")

    def test_direction_alias_routes(self):
        self._process(self._plain(to=self.hv_to, msg_id="<hv-1@example.ru>"))
        request = self.env["industrial.request"].search([("message_key", "=", "<hv-1@example.ru>")])
        self.assertEqual(request.direction_id, self.direction_hv)
        self.assertEqual(request.lead_id.direction_id, self.direction_hv)
        self.assertEqual(request.lead_id.activity_ids.user_id, self.user_head)

    def test_known_sender_joins_contact(self):
        contact = self.env["res.partner"].create({
            "name": "Ivan S.", "email": "IVAN.SIDOROV@example.ru", "parent_id": self.customer.id,
        })
        deal = self._create_deal()
        self._process(self._plain(msg_id="<known-1@example.ru>"))
        request = self.env["industrial.request"].search([("message_key", "=", "<known-1@example.ru>")])
        self.assertEqual(request.partner_id, contact)
        self.assertEqual(request.lead_id, deal)

    def test_reply_is_not_a_new_request(self):
        with self.mock_mail_gateway():
            self._process(self._plain(msg_id="<first@example.ru>"))
            self._run_acknowledgements()
        request = self.env["industrial.request"].search([("message_key", "=", "<first@example.ru>")])
        ack = request.message_ids.filtered(lambda m: request.name in (m.subject or ""))
        count = self.env["industrial.request"].search_count([])
        reply = self._plain(subject=f"Re: {ack.subject}", msg_id="<reply-1@example.ru>").replace(
            "MIME-Version", f"In-Reply-To: {ack.message_id}\nReferences: {ack.message_id}\nMIME-Version"
        )
        self._process(reply)
        self.assertEqual(self.env["industrial.request"].search_count([]), count)
        self.assertIn("<reply-1@example.ru>", request.message_ids.mapped("message_id"))

    def test_same_email_twice_gives_one_request(self):
        self._process(self._plain(msg_id="<dup-1@example.ru>"))
        self._process(self._plain(msg_id="<dup-1@example.ru>"))
        self.assertEqual(
            self.env["industrial.request"].search_count([("message_key", "=", "<dup-1@example.ru>")]), 1
        )
        self.assertEqual(
            self.env["industrial.request"].search_count([("email_normalized", "=", "ivan.sidorov@example.ru")]), 1
        )

    def test_direction_alias_for_known_partners_only(self):
        """The lean route is for aliases open to everyone: a restricted alias keeps
        Odoo's check of the sender."""
        self.direction_hv.alias_id.alias_contact = "partners"
        with mute_logger("odoo.addons.mail.models.mail_thread"):
            self._process(self._plain(to=self.hv_to, msg_id="<stranger@example.ru>"))
        self.assertFalse(self.env["industrial.request"].search([("message_key", "=", "<stranger@example.ru>")]))
        self.assertIn("<stranger@example.ru>", self.bounced)
        self.env["res.partner"].create({"name": "Ivan Sidorov", "email": "ivan.sidorov@example.ru"})
        self._process(self._plain(to=self.hv_to, msg_id="<known-partner@example.ru>"))
        request = self.env["industrial.request"].search([("message_key", "=", "<known-partner@example.ru>")])
        self.assertEqual(request.direction_id, self.direction_hv)

    def test_one_email_to_two_aliases_gives_one_request(self):
        self._process(self._plain(to=f"{self.general_to}, {self.hv_to}", msg_id="<both@example.ru>"))
        requests = self.env["industrial.request"].search([("message_key", "=", "<both@example.ru>")])
        self.assertEqual(len(requests), 1)
        self.assertIn("<both@example.ru>", requests.message_ids.mapped("message_id"))
        self.assertEqual(self.env["crm.lead"].search_count([("email_from", "=", "ivan.sidorov@example.ru")]), 1)

    def test_email_without_message_id_deduplicated_on_content(self):
        self._process(self._plain(msg_id=False))
        self._process(self._plain(msg_id=False))
        requests = self.env["industrial.request"].search([("email_normalized", "=", "ivan.sidorov@example.ru")])
        self.assertEqual(len(requests), 1)
        self.assertTrue(requests.message_key.startswith("sha256:"))
        self._process(self._plain(subject="Another question", msg_id=False))
        self.assertEqual(
            self.env["industrial.request"].search_count([("email_normalized", "=", "ivan.sidorov@example.ru")]), 2
        )

    def test_message_key_is_a_database_constraint(self):
        self._process(self._plain(msg_id="<constraint@example.ru>"))
        request = self.env["industrial.request"].search([("message_key", "=", "<constraint@example.ru>")])
        with mute_logger("odoo.sql_db"), self.assertRaises(psycopg2.IntegrityError):
            with self.env.cr.savepoint():
                self.env["industrial.request"].create({
                    "channel": "email", "email": "x@example.ru", "message_key": request.message_key,
                })

    def test_auto_reply_and_bounce_create_nothing(self):
        count = self.env["industrial.request"].search_count([])
        leads = self.env["crm.lead"].search_count([])
        auto = self._plain(msg_id="<ooo@example.ru>").replace(
            "MIME-Version", "Auto-Submitted: auto-replied\nMIME-Version"
        )
        self._process(auto)
        precedence = self._plain(msg_id="<bulk@example.ru>").replace(
            "MIME-Version", "Precedence: bulk\nMIME-Version"
        )
        self._process(precedence)
        bounce = self._plain(
            email_from=f"MAILER-DAEMON@{self.alias_domain}", msg_id="<bounce@example.ru>",
            to=f"{self.alias_bounce}@{self.alias_domain}",
        ).replace("MIME-Version", "Content-Description: Delivery report\nMIME-Version")
        with mute_logger("odoo.addons.mail.models.mail_thread"):
            self._process(bounce)
        self.assertEqual(self.env["industrial.request"].search_count([]), count)
        self.assertEqual(self.env["crm.lead"].search_count([]), leads)

    def test_form_missing_fields_falls_back(self):
        raw = FORM_EMAIL.format(to=self.general_to, subject="Заявка", msg_id="<form-2@site>")
        raw = raw.replace("Телефон: 8 (812) 555-12-34\n", "").replace("Email: P.Ivanov@Example.RU\n", "")
        self._process(raw)
        request = self.env["industrial.request"].search([("message_key", "=", "<form-2@site>")])
        self.assertEqual(request.channel, "web_form")
        self.assertEqual(request.contact_name, "Пётр Иванов")
        self.assertEqual(request.email_normalized, "noreply@site.example.ru", "the sender is the fallback")
        self.assertIn("Бюджет", request.content)

    def test_form_with_bad_phone_keeps_it_in_content(self):
        raw = FORM_EMAIL.format(to=self.general_to, subject="Заявка", msg_id="<form-3@site>")
        raw = raw.replace("8 (812) 555-12-34", "позвоните мне")
        self._process(raw)
        request = self.env["industrial.request"].search([("message_key", "=", "<form-3@site>")])
        self.assertFalse(request.phone)
        self.assertTrue(request.lead_id)

    def test_unknown_charset_and_huge_subject(self):
        raw = self._plain(subject="S" * (1024 * 1024), msg_id="<huge@example.ru>").replace(
            'charset="utf-8"', 'charset="x-unknown-8bit"'
        )
        self._process(raw)
        request = self.env["industrial.request"].search([("message_key", "=", "<huge@example.ru>")])
        self.assertEqual(len(request), 1)
        self.assertEqual(len(request.subject), 1000)
        self.assertLessEqual(len(request.lead_id.name), 250)
        self.assertTrue(request.content)

    def test_script_in_email_is_inert(self):
        raw = self._plain(msg_id="<xss@example.ru>").replace(
            "Добрый день!", "<script>alert('x')</script> Добрый день!"
        ).replace("From: Ivan Sidorov", 'From: "<b>Ivan</b> Sidorov"')
        self._process(raw)
        request = self.env["industrial.request"].search([("message_key", "=", "<xss@example.ru>")])
        self.assertNotIn("<script", str(request.lead_id.description))
        self.assertNotIn("<", request.contact_name or "")

    def test_mail_loop_stops_creating_requests(self):
        """An autoresponder answering each acknowledgement must not flood the CRM."""
        self.env["ir.config_parameter"].sudo().set_param("mail.gateway.loop.threshold", 3)
        for index in range(5):
            self._process(self._plain(subject=f"Loop {index}", msg_id=f"<loop-{index}@example.ru>"))
        self.assertEqual(
            self.env["industrial.request"].search_count([("email_normalized", "=", "ivan.sidorov@example.ru")]), 3
        )

    def test_mail_loop_counts_the_whole_address(self):
        """Emails from anna.ivan.sidorov@ do not count against ivan.sidorov@."""
        self.env["ir.config_parameter"].sudo().set_param("mail.gateway.loop.threshold", 3)
        for index in range(3):
            self._process(self._plain(
                subject=f"Anna {index}", email_from="anna.ivan.sidorov@example.ru",
                msg_id=f"<anna-{index}@example.ru>",
            ))
        self._process(self._plain(subject="Ivan", msg_id="<ivan-after-anna@example.ru>"))
        request = self.env["industrial.request"].search([("message_key", "=", "<ivan-after-anna@example.ru>")])
        self.assertEqual(len(request), 1)
        self.assertEqual(request.email_normalized, "ivan.sidorov@example.ru")

    def test_website_forms_are_no_mail_loop(self):
        """The website sends every form from one address: each form is a customer's
        request, however many arrive."""
        self.env["ir.config_parameter"].sudo().set_param("mail.gateway.loop.threshold", 3)
        for index in range(5):
            raw = FORM_EMAIL.format(to=self.general_to, subject=f"Form {index}", msg_id=f"<form-loop-{index}@site>")
            raw = raw.replace("P.Ivanov@Example.RU", f"customer{index}@example.ru")
            self._process(raw.replace("555-12-34", f"555-12-4{index}"))
        requests = self.env["industrial.request"].search([("message_key", "like", "<form-loop-")])
        self.assertEqual(len(requests), 5)
        self.assertEqual(set(requests.mapped("channel")), {"web_form"})
        self.assertEqual(len(requests.partner_id), 5)

    def test_gateway_asks_only_field_types(self):
        """Odoo's message_new only checks that the model has a name field: the
        gateway asks for the types of the request's fields, a user for all."""
        Request = self.env["industrial.request"]
        self.assertEqual(Request.fields_get()["name"]["string"], "Number")
        self.assertEqual(
            Request.with_context(industrial_message_new=True).fields_get()["name"], {"type": "char"}
        )
        with patch.object(type(Request), "fields_get", autospec=True,
                          side_effect=type(Request).fields_get) as fields_get:
            self._process(self._plain(msg_id="<types-only@example.ru>"))
        self.assertTrue(fields_get.call_args_list)
        for call in fields_get.call_args_list:
            self.assertTrue(call.args[0].env.context.get("industrial_message_new"))
        request = Request.search([("message_key", "=", "<types-only@example.ru>")])
        self.assertEqual(len(request), 1)

    def test_malformed_sender_never_half_written(self):
        """A From header without an address: the email is refused or registered whole."""
        raw = self._plain(msg_id="<nosender@example.ru>").replace(
            "From: Ivan Sidorov <ivan.sidorov@example.ru>", "From: <b>Ivan</b>"
        )
        try:
            with mute_logger("odoo.addons.mail.models.mail_thread"), self.env.cr.savepoint():
                self._process(raw)
        except ValueError:
            self.assertIn("<nosender@example.ru>", self.bounced)
        requests = self.env["industrial.request"].search([("message_key", "=", "<nosender@example.ru>")])
        self.assertLessEqual(len(requests), 1)
        for request in requests:
            self.assertTrue(request.lead_id and request.partner_id)


@tagged("post_install", "-at_install")
class TestConcurrentDelivery(BaseCase):
    """Two workers take the same email at the same moment.

    Runs outside a test transaction (whose row locks would serialise the
    workers) on committed data, and removes what it committed."""

    def test_concurrent_delivery_gives_one_request(self):
        registry = Registry(get_db_name())
        key = "<race-%s@example.ru>" % uuid.uuid4().hex
        sender = "race.%s@example.ru" % uuid.uuid4().hex[:8]
        raw = PLAIN_EMAIL.format(
            subject="Race", email_from=sender,
            to="requests@race.example.com", msg_id_header=f"Message-Id: {key}\n",
        )
        barrier = threading.Barrier(2)
        results = []

        def worker():
            try:
                with registry.cursor() as cr:
                    env = api.Environment(cr, SUPERUSER_ID, {})
                    barrier.wait(timeout=10)
                    env["mail.thread"].message_process(None, raw)
                results.append("ok")
            except Exception as exc:  # noqa: BLE001 - the losing worker's error is the point
                results.append(type(exc).__name__)

        threads = [threading.Thread(target=worker) for _ in range(2)]
        try:
            # the test runner holds the registry lock for the whole run, as
            # HttpCase's test mode does, let the workers reach the registry
            with mute_logger("odoo.sql_db", "odoo.addons.mail.models.mail_thread"), \
                    patch.object(Registry, "_lock", DummyRLock()):
                for thread in threads:
                    thread.start()
                for thread in threads:
                    thread.join(timeout=60)
            with registry.cursor() as cr:
                cr.execute("SELECT count(*) FROM industrial_request WHERE message_key = %s", [key])
                self.assertEqual(cr.fetchone()[0], 1, results)
            self.assertEqual(sorted(results), ["UniqueViolation", "ok"])
            with registry.cursor() as cr:
                env = api.Environment(cr, SUPERUSER_ID, {})
                bounces = env["mail.mail"].search([("email_to", "ilike", sender), ("model", "=", False)])
                self.assertFalse(bounces, "the customer gets no bounce for a double delivery")
        finally:
            with registry.cursor() as cr:
                env = api.Environment(cr, SUPERUSER_ID, {})
                requests = env["industrial.request"].search([("message_key", "=", key)])
                leads, partners = requests.lead_id, requests.partner_id
                env["mail.mail"].search(["|", ("email_to", "ilike", sender),
                                         "&", ("model", "=", "industrial.request"), ("res_id", "in", requests.ids)]).unlink()
                requests.unlink()
                leads.unlink()
                partners.unlink()
