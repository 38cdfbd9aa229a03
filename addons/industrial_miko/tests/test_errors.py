import socket

from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged

from .common import WEBHOOK_SECRET, MikoCommon

LOGGER = "odoo.addons.industrial_miko.models.industrial_pbx_connection"


def closed_port():
    """A local port nothing listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@tagged("post_install", "-at_install")
class TestPbxErrorsReadable(MikoCommon):
    """Nothing answering and something else answering are told apart, as sentences saying
    what to check; the technical detail goes to the server log only."""

    def test_test_connection_nothing_listening(self):
        url = f"http://127.0.0.1:{closed_port()}"
        self.connection.base_url = url
        with self.assertLogs(LOGGER, "WARNING") as logs, self.assertRaises(UserError) as refused:
            self.connection.action_test_connection()
        message = str(refused.exception)
        self.assertTrue(message.startswith(f"No answer at {url}: check the address and the network"), message)
        self.assertNotIn("properly", message)
        self.assertNotIn("HTTPConnectionPool", message)
        self.assertIn("HTTPConnectionPool", str(logs.records[0].exc_info[1]), "the detail is in the log")

    def test_test_connection_answered_by_something_else(self):
        self.pbx.malformed = True
        with self.assertLogs(LOGGER, "WARNING"), self.assertRaises(UserError) as refused:
            self.connection.action_test_connection()
        self.assertIn(f"Something answered at {self.pbx.url}, but not as MikoPBX does", str(refused.exception))

    def test_test_connection_key_refused(self):
        self.pbx.api_key = "rotated"
        with self.assertLogs(LOGGER, "WARNING"), self.assertRaises(UserError) as refused:
            self.connection.action_test_connection()
        self.assertIn(f"MikoPBX at {self.pbx.url} refused the API key", str(refused.exception))

    def test_polling_error_is_a_sentence(self):
        url = f"http://127.0.0.1:{closed_port()}"
        self.connection.base_url = url
        with self.assertLogs(LOGGER, "WARNING"):
            self.assertFalse(self.connection._sync_cdr())
        error = self.connection.last_sync_error
        self.assertTrue(error.startswith(f"No answer at {url}:"), error)
        for raw in ("HTTPConnectionPool", "Errno", "Traceback", "urllib3"):
            self.assertNotIn(raw, error)
        self.pbx.status = 502
        self.connection.base_url = self.pbx.url
        with self.assertLogs(LOGGER, "WARNING"):
            self.connection._sync_cdr()
        self.assertIn("answered with a server error (HTTP 502)", self.connection.last_sync_error)

    def test_click_to_call_with_ami_down(self):
        port = closed_port()
        self.connection.ami_port = port
        with self.assertLogs(LOGGER, "WARNING"), self.assertRaises(UserError) as refused:
            self.customer.with_user(self.user_manager).action_industrial_call()
        self.assertEqual(
            str(refused.exception),
            f"The exchange could not place the call. No answer at 127.0.0.1:{port}: check the address and the "
            "network (firewall, VPN) between Odoo and the exchange, and that the exchange is running.",
        )

    def test_webhook_url_for_admins_only(self):
        self.env["ir.config_parameter"].sudo().set_param("web.base.url", "https://crm.example.ru/")
        self.assertEqual(self.connection.webhook_url,
                         f"https://crm.example.ru/industrial_miko/alert/{WEBHOOK_SECRET}")
        self.connection.webhook_secret = False
        self.assertFalse(self.connection.webhook_url)
        with self.assertRaises(AccessError):
            self.connection.with_user(self.user_director).read(["webhook_url"])
        self.assertNotIn("webhook_url", self.env["industrial.pbx.connection"].with_user(
            self.user_director).fields_get())


@tagged("post_install", "-at_install")
class TestWebhookUrlWorks(HttpCase, MikoCommon):
    def test_pasted_url_is_accepted(self):
        """The URL shown to the administrator is the one the controller answers."""
        self.env["ir.config_parameter"].sudo().set_param("web.base.url", self.base_url())
        response = self.url_open(
            self.connection.webhook_url + "?date=2026-11-20T13:10:10+03:00&id=mikopbx-77.1"
            "&uid=mikopbx-77.2_een3wt&number=79161234567&channel=PJSIP/SIP-1-0000007c&did=1233"
            "&action=incoming-call",
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 200)
        self.assertTrue(self.calls("mikopbx-77.1"))
