"""Test base: the CRM's roles plus an emulated SMS.ru gateway (see tools/smsru_emulator.py)."""

import socket
from urllib.parse import urlparse

from odoo.tests.common import _super_send

from odoo.addons.industrial_crm.tests.common import IndustrialCrmCommon
from odoo.addons.industrial_ru.tools.smsru_emulator import API_ID, FakeSmsRu


def closed_port():
    """A local port nothing listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class SmsGatewayCommon(IndustrialCrmCommon):
    """The CRM's roles and directions, SMS.ru emulated on 127.0.0.1 and configured as the gateway."""

    @classmethod
    def _request_handler(cls, s, r, /, **kw):
        """Local requests only, with the client's own timeout."""
        if urlparse(r.url).hostname != "127.0.0.1":
            return super()._request_handler(s, r, **kw)
        return _super_send(s, r, **kw)

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
