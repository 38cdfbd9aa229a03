from odoo.tests import tagged

from odoo.addons.industrial_ru.tools import (
    SmsRuAuthError,
    SmsRuClient,
    SmsRuFundsError,
    SmsRuUnavailableError,
)
from odoo.addons.industrial_ru.tools.smsru_emulator import API_ID

from .common import SmsGatewayCommon, closed_port


@tagged("post_install", "-at_install")
class TestSmsRuClient(SmsGatewayCommon):
    """The client alone, over HTTP: typed errors, and retries only where a customer cannot get an SMS twice."""

    def client(self, url=None, api_id=API_ID, timeout=2.0):
        return SmsRuClient(api_id, base_url=url or self.gateway.url, timeout=timeout, backoff=0.01)

    def test_send_status_balance(self):
        results, balance = self.client().send({"79035550101": "Привет", "79035550102": "Hello"})
        self.assertTrue(all(r["ok"] and r["sms_id"] for r in results.values()))
        self.assertEqual(balance, 495.0)
        ids = [r["sms_id"] for r in results.values()]
        self.gateway.set_status(ids[0], 103)
        statuses = self.client().status(ids + ["999999-0000001"])
        self.assertEqual(statuses[ids[0]][0], 103)
        self.assertEqual(statuses[ids[1]][0], 102)
        self.assertEqual(statuses["999999-0000001"][0], -1)
        self.assertEqual(self.client().balance(), 495.0)
        self.assertEqual(self.gateway.sent[0]["text"], "Привет")

    def test_typed_errors(self):
        with self.assertRaises(SmsRuAuthError) as caught:
            self.client(api_id="WRONG").balance()
        self.assertEqual(caught.exception.code, 200)
        self.gateway.reset(balance=0.0)
        with self.assertRaises(SmsRuFundsError):
            self.client().send({"79035550101": "Hi"})
        with self.assertRaises(ValueError):
            self.client().send({f"790355{i:05d}": "Hi" for i in range(101)})

    def test_refused_connection_is_unavailable(self):
        with self.assertRaises(SmsRuUnavailableError):
            self.client(url=f"http://127.0.0.1:{closed_port()}").send({"79035550101": "Hi"})

    def test_silent_gateway_send_not_repeated(self):
        """The request may have reached SMS.ru: repeating could send the SMS twice."""
        self.gateway.delay = 0.5
        with self.assertRaises(SmsRuUnavailableError):
            self.client(timeout=0.2).send({"79035550101": "Hi"})
        self.assertEqual(len(self.gateway.requests), 1)

    def test_silent_gateway_read_repeated(self):
        self.gateway.delay = 0.5
        with self.assertRaises(SmsRuUnavailableError):
            self.client(timeout=0.2).balance()
        self.assertEqual(len(self.gateway.requests), 3)

    def test_server_error_on_send_not_repeated(self):
        self.gateway.http_status = 502
        with self.assertRaises(SmsRuUnavailableError):
            self.client().send({"79035550101": "Hi"})
        self.assertEqual(len(self.gateway.requests), 1)
        self.assertFalse(self.gateway.sent)
