import socket

from odoo.tests import tagged

from odoo.addons.industrial_miko.tools import (
    AmiClient,
    MikoAuthError,
    MikoProtocolError,
    MikoRestClient,
    MikoUnavailableError,
)

from .common import AMI_SECRET, AMI_USER, API_KEY, MikoCommon, cdr_record


@tagged("post_install", "-at_install")
class TestMikoClient(MikoCommon):
    def client(self, **kwargs):
        kwargs.setdefault("timeout", 1.0)
        kwargs.setdefault("backoff", 0)
        return MikoRestClient(self.pbx.url, kwargs.pop("key", API_KEY), **kwargs)

    def test_cdr_pages(self):
        """All records arrive page by page, oldest first, with the Bearer key and the v3 parameters."""
        self.pbx.records = [
            cdr_record(f"mikopbx-{i}.1", f"2026-11-20 10:{i:02d}:00", "79161234567", "201")
            for i in range(25)
        ]
        records = list(self.client().iter_cdr("2026-11-20 00:00:00", page_size=10))
        self.assertEqual([r["linkedid"] for r in records], [f"mikopbx-{i}.1" for i in range(25)])
        self.assertEqual(len(self.pbx.requests), 3)
        self.assertTrue(all(path.startswith("/pbxcore/api/v3/cdr?") for path in self.pbx.requests))
        self.assertIn("grouped=false", self.pbx.requests[0])
        self.assertIn("dateFrom=2026-11-20+00%3A00%3A00", self.pbx.requests[0])

    def test_bad_key(self):
        """A refused key is an authentication error, not retried."""
        with self.assertRaises(MikoAuthError):
            self.client(key="wrong").ping()
        self.assertEqual(len(self.pbx.requests), 1)

    def test_server_error_retried(self):
        """5xx is retried, then reported as unavailable."""
        self.pbx.status = 503
        with self.assertRaises(MikoUnavailableError):
            self.client(retries=2).ping()
        self.assertEqual(len(self.pbx.requests), 3)

    def test_malformed_json(self):
        """A truncated JSON answer is a protocol error."""
        self.pbx.malformed = True
        with self.assertRaises(MikoProtocolError):
            self.client().ping()

    def test_slow_exchange_times_out(self):
        """An exchange slower than the timeout gives up at the timeout, without retry storms."""
        self.pbx.delay = 1.0
        with self.assertRaises(MikoUnavailableError) as error:
            self.client(timeout=0.2, retries=0).ping()
        self.assertIn("Timeout", str(error.exception))

    def test_exchange_down(self):
        """Nothing listening: unavailable."""
        sock = socket.socket()
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
        sock.close()
        with self.assertRaises(MikoUnavailableError):
            MikoRestClient(f"http://127.0.0.1:{port}", API_KEY, timeout=0.5, retries=1, backoff=0).ping()

    def test_recording_only_from_exchange(self):
        """A recording link pointing elsewhere is refused: the key never leaves for another host."""
        with self.assertRaises(MikoProtocolError):
            self.client().open_recording("http://evil.example.com/pbxcore/api/v3/cdr:playback?token=x")
        self.assertFalse(self.pbx.requests)

    def test_ami_originate(self):
        """Login then Originate of the extension's Local channel to the number, then Logoff."""
        answer = AmiClient("127.0.0.1", self.ami.port, AMI_USER, AMI_SECRET, timeout=1).originate("201", "74951112233")
        self.assertEqual(answer["response"], "Success")
        actions = [a["Action"] for a in self.ami.actions]
        self.assertEqual(actions, ["Login", "Originate", "Logoff"])
        originate = self.ami.actions[1]
        self.assertEqual(originate["Channel"], "Local/201@internal-originate")
        self.assertEqual(originate["Exten"], "74951112233")

    def test_ami_header_injection(self):
        """CR/LF in a value cannot add AMI headers."""
        AmiClient("127.0.0.1", self.ami.port, AMI_USER, AMI_SECRET, timeout=1).originate(
            "201", "7495\r\nAction: Command\r\nCommand: core stop now"
        )
        self.assertEqual([a["Action"] for a in self.ami.actions], ["Login", "Originate", "Logoff"])
        self.assertNotIn("Command", self.ami.actions[1])

    def test_ami_bad_login(self):
        with self.assertRaises(MikoAuthError):
            AmiClient("127.0.0.1", self.ami.port, AMI_USER, "wrong", timeout=1).originate("201", "74951112233")

    def test_ami_silent(self):
        """An AMI that never sends its banner times out."""
        self.ami.silent = 1.0
        with self.assertRaises(MikoUnavailableError):
            AmiClient("127.0.0.1", self.ami.port, AMI_USER, AMI_SECRET, timeout=0.2).originate("201", "1")
