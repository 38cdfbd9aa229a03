from unittest.mock import patch

import requests

from odoo.exceptions import UserError
from odoo.tests import tagged

from ..tools.onec_client import OneCClient, OneCUnreachableError
from .common import OneCSyncCommon

LOGGER = "odoo.addons.industrial_1c_sync.models.industrial_1c_connection"


@tagged("post_install", "-at_install")
class TestOneCErrorsReadable(OneCSyncCommon):
    """1C faults are told to the administrator as a sentence saying what to check; the technical
    detail (urllib3's words, the traceback) goes to the server log only."""

    def down_sentence(self):
        return (f"1C does not answer at {self.server.base_url}: check the address and that the web server "
                "publishing the 1C base is running.")

    def test_client_names_the_address_when_nothing_answers(self):
        self.server.stop()
        client = OneCClient(self.server.base_url, "odata", "secret", timeout=1, retries=0)
        with self.assertRaises(OneCUnreachableError) as raised:
            client.list("Catalog_Партнеры")
        self.assertEqual(raised.exception.url, self.server.base_url)
        self.assertEqual(raised.exception.kind, "unreachable")
        self.assertIsInstance(raised.exception.__cause__, requests.ConnectionError)

    def test_sync_with_1c_down(self):
        self.server.stop()
        with self.assertLogs(LOGGER, "WARNING") as logs:
            self.connection._run_sync()
        self.assertEqual(self.connection.last_state, "failed")
        self.assertEqual(self.connection.last_message, self.down_sentence(), "said once, not once per step")
        self.assertEqual(set(self._logs(state="failed", error_kind="unreachable").mapped("message")),
                         {self.down_sentence()})
        detailed = [r for r in logs.records if r.exc_info]
        self.assertEqual(len(detailed), 1, "one traceback per run in the server log")
        self.assertIn("HTTPConnectionPool", str(detailed[0].exc_info[1]))

    def test_test_connection_with_1c_down(self):
        self.server.stop()
        with self.assertLogs(LOGGER, "WARNING"), self.assertRaises(UserError) as refused:
            self.connection.action_test_connection()
        self.assertEqual(str(refused.exception), self.down_sentence())

    def test_test_connection_answered_by_something_else(self):
        self.server.faults.append(("GET", "$metadata", "malformed"))
        with self.assertLogs(LOGGER, "WARNING"), self.assertRaises(UserError) as refused:
            self.connection.action_test_connection()
        self.assertIn(f"Something answered at {self.server.base_url}, but not as the OData interface of 1C does",
                      str(refused.exception))

    def test_wrong_password_names_the_user(self):
        self.connection.password = "wrong"
        with self.assertLogs(LOGGER, "WARNING"), self.assertRaises(UserError) as refused:
            self.connection.action_test_connection()
        self.assertIn("refused the user name or password: check the user odata", str(refused.exception))

    def test_server_error_gives_1c_reason(self):
        self.server.faults += [("GET", "Catalog_Контрагенты", 500)] * 2
        with self.assertLogs(LOGGER, "WARNING"):
            self.connection._run_sync()
        self.assertIn(f"1C at {self.server.base_url} answered with an error (HTTP 500): Ошибка сервера 1С",
                      self.connection.last_message)

    def test_scheduled_run_writes_in_the_administrators_language(self):
        self.env["res.lang"]._activate_lang("ru_RU")
        self.env.ref("base.user_admin").lang = "ru_RU"
        languages = []
        with patch.object(type(self.connection), "_run_next_step", lambda connection: languages.append(connection.env.lang)):
            self.env["industrial.1c.connection"].with_context(lang=None)._cron_sync()
        self.assertTrue(languages)
        self.assertEqual(set(languages), {"ru_RU"}, "a cron has no language of its own")
