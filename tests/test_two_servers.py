"""Two Odoo servers on one database: what the suite guarantees across processes.

Runs against the live server `make test` starts (ODOO_URL, ODOO_DB) and starts a second
Odoo server process on the same database and filestore, on a free port, as a bigger
installation runs them. Each case sends the same thing to both servers at the same
moment (a barrier) and checks the database afterwards:

- the same customer email handed to both mail gateways makes one request (the unique
  Message-Id key of industrial.request decides; the loser is refused, not bounced);
- the same MikoPBX events posted to both servers make one call and one request
  (unique linkedid per exchange, the call row's update serializes the landing), and two
  different events of a new call arriving at both servers at once both end up in it;
- two different first emails of one unknown sender, one per server, make one contact
  (industrial_contact_fence: the later transaction is replayed and finds the contact);
- the acknowledgement job run by both servers at once acknowledges each request once
  (Odoo locks the cron row; the job's batch is committed by the one that holds it).
"""
import os
import socket
import subprocess
import sys
import threading
import time
import unittest
import uuid
import xmlrpc.client
from urllib.parse import quote
from urllib.request import urlopen

URL = os.environ.get("ODOO_URL", "http://127.0.0.1:8069")
DB = os.environ.get("ODOO_DB", "industrial")
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ADMIN = ("admin", "admin")


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _addons_path():
    import odoo  # the same Odoo as the first server (tools/env.sh finds it the same way)

    odoo_dir = os.path.dirname(os.path.dirname(odoo.__file__))
    paths = [os.path.join(odoo_dir, "odoo", "addons"), os.path.join(ROOT, "addons")]
    if os.path.isdir(os.path.join(odoo_dir, "addons", "crm")):
        paths.insert(0, os.path.join(odoo_dir, "addons"))
    return ",".join(paths)


def at_once(*calls):
    """Run the calls in threads released together; returns their results or exceptions."""
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(i, call):
        barrier.wait()
        try:
            results[i] = call()
        except Exception as error:  # noqa: BLE001 - the caller inspects what each got
            results[i] = error

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    return results


class TwoServersCase(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.port = _free_port()
        cls.second_url = f"http://127.0.0.1:{cls.port}"
        cls.log = open(os.path.join(ROOT, ".test-logs", "odoo-second-server.log"), "w")
        cls.process = subprocess.Popen([
            sys.executable, "-m", "odoo", "-c", os.path.join(ROOT, "odoo.conf"), "--addons-path", _addons_path(),
            "-d", DB, f"--db-filter=^{DB}$", "--db_host", os.environ.get("PGHOST", "127.0.0.1"),
            "--db_port", os.environ.get("PGPORT", "5432"), "--db_user", os.environ.get("PGUSER", "odoo"),
            "--db_password", os.environ.get("PGPASSWORD", "odoo"), "--http-port", str(cls.port),
            "--data-dir", os.path.join(ROOT, ".test-logs", "data"), "--workers=0", "--max-cron-threads=0",
            "--log-level=warn",
        ], cwd=ROOT, stdout=cls.log, stderr=subprocess.STDOUT)
        deadline = time.time() + 120
        while True:
            try:
                urlopen(f"{cls.second_url}/web/health", timeout=2)
                break
            except OSError:
                if cls.process.poll() is not None or time.time() > deadline:
                    cls.tearDownClass()
                    raise RuntimeError("the second Odoo server did not start (.test-logs/odoo-second-server.log)")
                time.sleep(0.5)
        cls.servers = [URL, cls.second_url]
        common = xmlrpc.client.ServerProxy(f"{URL}/xmlrpc/2/common", allow_none=True)
        cls.uid = common.authenticate(DB, *ADMIN, {})

    @classmethod
    def tearDownClass(cls):
        cls.process.terminate()
        try:
            cls.process.wait(30)
        except subprocess.TimeoutExpired:
            cls.process.kill()
        cls.log.close()

    def call(self, model, method, *args, server=None, **kwargs):
        proxy = xmlrpc.client.ServerProxy(f"{server or URL}/xmlrpc/2/object", allow_none=True)
        return proxy.execute_kw(DB, self.uid, ADMIN[1], model, method, list(args), kwargs)


class TestTwoServers(TwoServersCase):
    def test_same_email_on_both_servers_makes_one_request(self):
        keys = []
        for n in range(4):
            key = f"<two-servers-{uuid.uuid4().hex}@mail.example.ru>"
            keys.append(key)
            raw = (
                f"From: \"Two Servers {n}\" <two-{uuid.uuid4().hex[:10]}@example.ru>\r\n"
                "To: requests@example.com\r\nSubject: Quote for a transformer\r\n"
                f"Message-Id: {key}\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
                "Please quote a 630 kVA transformer.\r\n"
            )
            results = at_once(*[
                (lambda server=server: self.call("mail.thread", "message_process", False, raw, server=server))
                for server in self.servers
            ])
            for result in results:
                if isinstance(result, Exception):
                    # the delivery that lost the race is refused on the unique key, nothing else
                    self.assertIsInstance(result, xmlrpc.client.Fault, result)
                    self.assertIn("already been registered", result.faultString)
            self.assertTrue(any(not isinstance(r, Exception) for r in results), results)
        for key in keys:
            requests = self.call("industrial.request", "search_read", [("message_key", "=", key)],
                                 fields=["ack_state", "channel"])
            self.assertEqual(len(requests), 1, f"{key}: {requests}")
            self.assertEqual(requests[0]["ack_state"], "pending")
            # no bounce went back to the customer for the refused copy
            self.assertEqual(self.call("mail.mail", "search_count", [
                ("subject", "ilike", "Quote for a transformer"), ("model", "=", False)]), 0)

    def test_two_first_emails_of_one_sender_on_both_servers_make_one_contact(self):
        """Two different emails of one unknown customer at the same moment, one per server: the
        second transaction meets the first's contact key (industrial_contact_fence), is replayed by
        Odoo on a fresh snapshot and finds the contact the first one created."""
        for _round in range(4):
            sender = f"first-{uuid.uuid4().hex[:10]}@example.ru"
            raws = [
                f"From: \"First Contact\" <{sender}>\r\nTo: requests@example.com\r\n"
                f"Subject: Pump question {n}\r\nMessage-Id: <first-{uuid.uuid4().hex}@mail.example.ru>\r\n"
                "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nA question.\r\n"
                for n in range(2)
            ]
            results = at_once(*[
                (lambda server=server, raw=raw: self.call("mail.thread", "message_process", False, raw,
                                                          server=server))
                for server, raw in zip(self.servers, raws)
            ])
            self.assertFalse([r for r in results if isinstance(r, Exception)], results)
            contacts = self.call("res.partner", "search_read", [("email", "=", sender)], fields=["id"])
            self.assertEqual(len(contacts), 1, f"{sender}: {contacts}")
            requests = self.call("industrial.request", "search_read", [("email", "=", sender)],
                                 fields=["partner_id"])
            self.assertEqual(len(requests), 2, requests)
            self.assertEqual({r["partner_id"][0] for r in requests}, {contacts[0]["id"]})

    def test_same_pbx_events_on_both_servers_make_one_call(self):
        secret = f"two-servers-{uuid.uuid4().hex[:12]}"
        connection = self.call("industrial.pbx.connection", "create", {
            "name": "Two servers exchange", "base_url": "http://127.0.0.1:9", "webhook_secret": secret,
            "pbx_tz": "Europe/Moscow",
        })
        try:
            linkedid = f"mikopbx-two-servers.{uuid.uuid4().hex[:10]}"
            number = "8916%07d" % (uuid.uuid4().int % 10000000)
            # ModuleHttpAlert's call to the company and the call to an employee (industrial_miko/tools/miko_emulator.py)
            events = [
                {"action": "incoming-call", "number": number, "did": "74957814210", "id": linkedid},
                {"action": "call", "id": linkedid, "src": number, "dst": "201", "user": "201",
                 "date": "2026-11-20T09:00:00+03:00", "did": "74957814210"},
                {"action": "answer", "id": linkedid, "src": number, "dst": "201", "user": "201",
                 "date": "2026-11-20T09:00:05+03:00", "did": "74957814210"},
                {"action": "hangup", "id": linkedid, "user": "201", "date": "2026-11-20T09:01:05+03:00",
                 "did": "74957814210"},
            ]
            for event in events:
                query = "&".join(f"{key}={quote(value)}" for key, value in event.items())
                answers = at_once(*[
                    (lambda server=server: urlopen(f"{server}/industrial_miko/alert/{secret}?{query}",
                                                   timeout=60).status)
                    for server in self.servers
                ])
                self.assertEqual(answers, [200, 200], f"{event['action']}: {answers}")
            calls = self.call("industrial.call", "search_read", [("pbx_call_id", "=", linkedid)],
                              fields=["linked", "request_id", "disposition", "end_date", "partner_id"])
            self.assertEqual(len(calls), 1, calls)
            self.assertTrue(calls[0]["linked"])
            self.assertEqual(calls[0]["disposition"], "answered")
            self.assertTrue(calls[0]["end_date"])
            self.assertTrue(calls[0]["request_id"])
            # one landing: the caller's contact has one phone request
            self.assertEqual(self.call("industrial.request", "search_count", [
                ("partner_id", "=", calls[0]["partner_id"][0]), ("channel", "=", "phone")]), 1)
        finally:
            self.call("industrial.pbx.connection", "write", [connection], {"active": False})

    def test_different_events_of_a_new_call_on_both_servers_are_both_kept(self):
        """The exchange's workers post a call's events in parallel: the call to the employee on one
        server and its answer on the other, before the call exists. The server that loses the race
        for the new row cannot see it in its snapshot: its event must be replayed, not dropped."""
        secret = f"two-servers-{uuid.uuid4().hex[:12]}"
        connection = self.call("industrial.pbx.connection", "create", {
            "name": "Two servers exchange (race)", "base_url": "http://127.0.0.1:9", "webhook_secret": secret,
            "pbx_tz": "Europe/Moscow",
        })
        try:
            for _attempt in range(5):
                linkedid = f"mikopbx-race.{uuid.uuid4().hex[:10]}"
                number = "8916%07d" % (uuid.uuid4().int % 10000000)
                ring = {"action": "call", "id": linkedid, "src": number, "dst": "201", "user": "201",
                        "date": "2026-11-20T09:00:00+03:00", "did": "74957814210"}
                answer = {"action": "answer", "id": linkedid, "src": number, "dst": "201", "user": "201",
                          "date": "2026-11-20T09:00:07+03:00", "did": "74957814210"}
                answers = at_once(*[
                    (lambda server=server, event=event: urlopen(
                        f"{server}/industrial_miko/alert/{secret}?"
                        + "&".join(f"{key}={quote(value)}" for key, value in event.items()), timeout=60).status)
                    for server, event in zip(self.servers, (ring, answer))
                ])
                self.assertEqual(answers, [200, 200])
                calls = self.call("industrial.call", "search_read", [("pbx_call_id", "=", linkedid)],
                                  fields=["start_date", "answer_date", "disposition", "external_number"])
                self.assertEqual(len(calls), 1, calls)
                self.assertEqual(calls[0]["start_date"], "2026-11-20 06:00:00")
                self.assertEqual(calls[0]["answer_date"], "2026-11-20 06:00:07")
                self.assertEqual(calls[0]["disposition"], "answered")
                self.assertEqual(calls[0]["external_number"], number)
        finally:
            self.call("industrial.pbx.connection", "write", [connection], {"active": False})

    def test_acknowledgement_job_on_both_servers_acknowledges_once(self):
        request_ids = []
        for n in range(3):
            result = self.call("industrial.request", "register_request", "email",
                               email=f"ack-{uuid.uuid4().hex[:10]}@example.ru", name=f"Ack Twice {n}")
            request_ids.append(result["request_id"])
        cron = self.call("ir.model.data", "check_object_reference", "industrial_crm",
                         "ir_cron_send_acknowledgements")[1]
        results = at_once(*[
            (lambda server=server: self.call("ir.cron", "method_direct_trigger", [cron], server=server))
            for server in self.servers
        ])
        for result in results:
            if isinstance(result, Exception):
                # the server that finds the job running is told so, and runs nothing
                self.assertIsInstance(result, xmlrpc.client.Fault, result)
                self.assertIn("currently being executed", result.faultString)
        states = self.call("industrial.request", "read", request_ids, ["ack_state"])
        self.assertEqual({s["ack_state"] for s in states}, {"sent"})
        for request_id in request_ids:
            self.assertEqual(self.call("mail.mail", "search_count", [
                ("model", "=", "industrial.request"), ("res_id", "=", request_id)]), 1, request_id)
