"""Test base: the CRM's roles plus an emulated SMS.ru gateway (see tools/smsru_emulator.py)."""

import socket
from contextlib import contextmanager

from odoo.addons.industrial_crm.tests.common import IndustrialCrmCommon, IndustrialEmulatorCommon
from odoo.addons.industrial_ru.tools.smsru_emulator import API_ID, FakeSmsRu


def closed_port():
    """A local port nothing listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class SmsGatewayCommon(IndustrialEmulatorCommon):
    """The CRM's roles and directions, SMS.ru emulated on 127.0.0.1 and configured as the gateway."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.gateway = FakeSmsRu()
        cls.addClassCleanup(cls.gateway.stop)
        cls.params = cls.env["ir.config_parameter"].sudo()
        for key, value in {
            "industrial_ru.sms_provider": "smsru",
            "industrial_ru.smsru_api_id": API_ID,
            "industrial_ru.smsru_url": cls.gateway.url,
            "industrial_ru.smsru_timeout": "2",
            "industrial_ru.sms_low_balance": "50",
        }.items():
            cls.params.set_param(key, value)
        cls.customer_number = "74951112233"
        cls.user_admin = cls.env.ref("base.user_admin")

    def setUp(self):
        super().setUp()
        self.gateway.reset()

    def sent_to(self, number=None):
        number = number or self.customer_number
        return [sms for sms in self.gateway.sent if sms["number"] == number]

    def notifications(self, message):
        return message.notification_ids.filtered(lambda n: n.notification_type == "sms")

    def process_sms_queue(self):
        self.env["sms.sms"].sudo()._process_queue()

    def mails_to(self, partner, subject=""):
        """Emails queued to ``partner`` whose subject contains ``subject`` (Odoo's own
        calendar invitations go to attendees too)."""
        return self._new_mails.filtered(lambda m: partner in m.recipient_ids and subject in (m.subject or ""))

# Public requisites of real organisations, valid by their check digits
INN_ORG = "7707083893"  # ПАО Сбербанк
OGRN_ORG = "1027700132195"
INN_IP = "500100732259"
OGRNIP = "304500116000157"
BIC = "044525225"
CORR_ACCOUNT = "30101810400000000225"
ACCOUNT = "40702810938000012345"


class IndustrialRuCommon(IndustrialCrmCommon):
    """The suite's users plus a Russian company with valid requisites and a bank."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ir.config_parameter"].sudo().set_param("industrial_ru.check_requisites", "True")
        cls.russia = cls.env.ref("base.ru")
        cls.bank = cls.env["res.bank"].create({
            "name": "Test Bank", "bic": BIC, "industrial_corr_account": CORR_ACCOUNT, "country": cls.russia.id,
        })
        cls.customer.write({
            "country_id": cls.russia.id, "vat": INN_ORG, "industrial_kpp": "773601001",
            "company_registry": OGRN_ORG, "city": "Москва", "street": "ул. Вавилова, д. 19", "zip": "117312",
        })

    @classmethod
    def _load_russian(cls):
        cls.env["res.lang"]._activate_lang("ru_RU")
        cls.env["ir.module.module"].search([("name", "=", "industrial_ru")])._update_translations("ru_RU")

    @contextmanager
    def assertRefused(self, exception, regex):
        """``assertRaises`` (which rolls the failed write back to a savepoint) and the message."""
        with self.assertRaises(exception) as caught:
            yield
        self.assertRegex(str(caught.exception), regex)
