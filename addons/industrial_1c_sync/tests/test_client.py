from odoo.tests import TransactionCase, tagged

from ..tools.onec_client import (
    OneCAuthError,
    OneCClient,
    OneCConflictError,
    OneCMalformedError,
    OneCServerError,
    OneCTimeoutError,
)
from .onec_server import PARTNERS, OneCServer


@tagged("post_install", "-at_install")
class TestOneCClient(TransactionCase):
    """The client against the emulated standard.odata interface."""

    def setUp(self):
        super().setUp()
        self.server = OneCServer(timeout_delay=0.6).start()
        self.addCleanup(self.server.stop)
        self.client = OneCClient(self.server.base_url, "odata", "secret", timeout=0.3, retries=1, backoff=0)

    def test_metadata_lists_entities_and_fields(self):
        metadata = self.client.metadata()
        self.assertIn("Catalog_Контрагенты", metadata)
        self.assertIn("Партнер_Key", metadata["Catalog_Контрагенты"])

    def test_create_get_update_with_data_version(self):
        row = self.client.create(PARTNERS, {"Description": "Криогенмаш"})
        self.assertEqual(self.client.get(PARTNERS, row["Ref_Key"])["Description"], "Криогенмаш")
        updated = self.client.update(PARTNERS, row["Ref_Key"], {"Description": "Криогенмаш АО"}, row["DataVersion"])
        self.assertNotEqual(updated["DataVersion"], row["DataVersion"])
        with self.assertRaises(OneCConflictError):
            self.client.update(PARTNERS, row["Ref_Key"], {"Description": "stale"}, row["DataVersion"])
        self.assertEqual(self.server.data[PARTNERS][row["Ref_Key"]]["Description"], "Криогенмаш АО")

    def test_filter_top_skip(self):
        for number in range(5):
            self.server.add(PARTNERS, Description="P%s" % number, Клиент=number % 2 == 0)
        rows = self.client.list(PARTNERS, filter="Клиент eq true", orderby="Description", top=2, skip=1)
        self.assertEqual([r["Description"] for r in rows], ["P2", "P4"])

    def test_wrong_password(self):
        client = OneCClient(self.server.base_url, "odata", "wrong", timeout=1, retries=3, backoff=0)
        with self.assertRaises(OneCAuthError):
            client.list(PARTNERS)
        self.assertEqual(client.request_count, 1, "a refused login is not retried")

    def test_server_error_retried_then_raised(self):
        self.server.faults += [("GET", PARTNERS, 500), ("GET", PARTNERS, 500)]
        with self.assertRaises(OneCServerError):
            self.client.list(PARTNERS)
        self.assertEqual(self.client.request_count, 2)

    def test_server_error_once_is_retried(self):
        self.server.add(PARTNERS, Description="P")
        self.server.faults.append(("GET", PARTNERS, 500))
        self.assertEqual(len(self.client.list(PARTNERS)), 1)

    def test_post_never_retried(self):
        self.server.faults.append(("POST", PARTNERS, 500))
        with self.assertRaises(OneCServerError):
            self.client.create(PARTNERS, {"Description": "once"})
        self.assertEqual(self.client.request_count, 1)
        self.assertFalse(self.server.data[PARTNERS], "nothing created twice or half")

    def test_timeout(self):
        # Odoo's test harness raises any requests timeout below 10 s to 10 s
        self.server.timeout_delay = 10.5
        self.server.faults.append(("GET", PARTNERS, "timeout"))
        client = OneCClient(self.server.base_url, "odata", "secret", timeout=1, retries=0)
        with self.assertRaisesRegex(OneCTimeoutError, "did not answer"):
            client.list(PARTNERS)

    def test_malformed_json(self):
        self.server.faults.append(("GET", PARTNERS, "malformed"))
        with self.assertRaises(OneCMalformedError):
            self.client.list(PARTNERS)

    def test_non_guid_key_refused_without_request(self):
        with self.assertRaises(OneCMalformedError):
            self.client.get(PARTNERS, "1') or (1 eq 1")
        self.assertEqual(self.client.request_count, 0)

    def test_unreachable(self):
        self.server.stop()
        with self.assertRaises(OneCServerError):
            self.client.list(PARTNERS)
