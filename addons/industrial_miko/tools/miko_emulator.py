"""Emulated MikoPBX for the tests and the benchmark: the v3 CDR REST API over HTTP and AMI over TCP.

Both listen on 127.0.0.1 on a free port, in a thread, and speak the published
protocols so that the real client code runs end to end.
"""

import json
import socketserver
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse


API_KEY = "test-api-key-0123456789"
WEBHOOK_SECRET = "test-webhook-secret-abcdef"
AMI_USER = "odoo"
AMI_SECRET = "ami-secret"


def cdr_record(linkedid, start, src, dst, disposition="ANSWERED", answer="", endtime="", **extra):
    """A MikoPBX v3 CDR record (ungrouped leg), as the exchange returns it."""
    record = {
        "id": extra.pop("id", abs(hash((linkedid, src, dst, start))) % 10**8),
        "start": start,
        "answer": answer,
        "endtime": endtime,
        "src_num": src,
        "dst_num": dst,
        "did": extra.pop("did", ""),
        "linkedid": linkedid,
        "UNIQUEID": extra.pop("uniqueid", linkedid),
        "disposition": disposition,
        "duration": extra.pop("duration", 0),
        "billsec": extra.pop("billsec", 0),
        "recordingfile": extra.pop("recordingfile", ""),
        "playback_url": extra.pop("playback_url", ""),
        "download_url": extra.pop("download_url", ""),
    }
    record.update(extra)
    return record


class FakeMikoHandler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        """Keep the test log clean."""

    def _send(self, status, body, content_type="application/json"):
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        pbx = self.server.pbx
        pbx.requests.append(self.path)
        if pbx.delay:
            time.sleep(pbx.delay)
        if self.headers.get("Authorization") != f"Bearer {pbx.api_key}":
            return self._send(401, {"result": False, "messages": {"error": ["Unauthorized"]}})
        if pbx.status >= 500:
            return self._send(pbx.status, {"result": False, "messages": {"error": ["Internal error"]}})
        url = urlparse(self.path)
        query = {key: values[-1] for key, values in parse_qs(url.query).items()}
        if url.path == "/pbxcore/api/v3/cdr:playback":
            if query.get("token") not in pbx.recordings:
                return self._send(404, {"result": False, "messages": {"error": ["Not found"]}})
            return self._send(200, pbx.recordings[query["token"]], content_type="audio/mpeg")
        if url.path != "/pbxcore/api/v3/cdr":
            return self._send(404, {"result": False, "messages": {"error": ["Unknown endpoint"]}})
        if pbx.malformed:
            return self._send(200, b"{\"result\": true, \"data\": {\"records\": [", content_type="application/json")
        records = sorted(pbx.records, key=lambda r: r["start"])
        if query.get("dateFrom"):
            records = [r for r in records if r["start"] >= query["dateFrom"]]
        if query.get("dateTo"):
            records = [r for r in records if r["start"] <= query["dateTo"]]
        offset, limit = int(query.get("offset", 0)), int(query.get("limit", 20))
        page = records[offset:offset + limit]
        return self._send(200, {
            "result": True,
            "data": {
                "records": page,
                "pagination": {"total": len(records), "limit": limit, "offset": offset,
                               "hasMore": offset + limit < len(records)},
            },
            "messages": [],
        })


class QuietHTTPServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        """A client that gave up (timeout tests) is expected: no traceback."""


class FakeMikoPbx:
    """The REST side of the exchange, with switches for outages and garbage."""

    def __init__(self):
        self.api_key = API_KEY
        self.records = []
        self.recordings = {}
        self.requests = []
        self.status = 200
        self.delay = 0
        self.malformed = False
        self.server = QuietHTTPServer(("127.0.0.1", 0), FakeMikoHandler)
        self.server.pbx = self
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


class FakeAmiHandler(socketserver.StreamRequestHandler):
    def handle(self):
        ami = self.server.ami
        if ami.silent:
            time.sleep(ami.silent)
            return
        self.wfile.write(b"Asterisk Call Manager/5.0.1\r\n")
        logged_in = False
        while True:
            message = {}
            while True:
                line = self.rfile.readline()
                if not line:
                    return
                line = line.decode().rstrip("\r\n")
                if not line:
                    break
                key, _sep, value = line.partition(":")
                message[key.strip()] = value.strip()
            if not message:
                continue
            ami.actions.append(message)
            action, action_id = message.get("Action", ""), message.get("ActionID", "")
            if action == "Login":
                if message.get("Username") == ami.username and message.get("Secret") == ami.secret:
                    logged_in = True
                    self._reply(action_id, "Success", "Authentication accepted")
                    self.wfile.write(b"Event: FullyBooted\r\nPrivilege: system,all\r\nStatus: Fully Booted\r\n\r\n")
                else:
                    self._reply(action_id, "Error", "Authentication failed")
                    return
            elif action == "Originate":
                if not logged_in:
                    self._reply(action_id, "Error", "Permission denied")
                    return
                self._reply(action_id, "Success", "Originate successfully queued")
                self.wfile.write(
                    f"Event: OriginateResponse\r\nActionID: {action_id}\r\nResponse: Success\r\n"
                    f"Channel: {message.get('Channel')}\r\n\r\n".encode()
                )
            elif action == "Logoff":
                self._reply(action_id, "Goodbye", "Thanks for all the fish.")
                return

    def _reply(self, action_id, response, text):
        self.wfile.write(f"Response: {response}\r\nActionID: {action_id}\r\nMessage: {text}\r\n\r\n".encode())


class FakeAmiServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def handle_error(self, request, client_address):
        """A client that gave up (timeout tests) is expected: no traceback."""


class FakeAmi:
    """The AMI side of the exchange (TCP, as on port 5038)."""

    def __init__(self):
        self.username = AMI_USER
        self.secret = AMI_SECRET
        self.actions = []
        self.silent = 0
        self.server = FakeAmiServer(("127.0.0.1", 0), FakeAmiHandler)
        self.server.ami = self
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()
