"""Emulated MikoPBX for the tests and the benchmark, built from the exchange's published source.

It listens on 127.0.0.1 (REST API v3 over HTTP, AMI over TCP) and plays
ModuleHttpAlert towards Odoo over HTTP, so that the real client and controller
code runs end to end. Where each behaviour comes from:

REST API v3, repository ``mikopbx/Core``:

- ``src/PBXCoreREST/Controllers/Cdr/RestController.php``: ``GET /pbxcore/api/v3/cdr``
  needs the Bearer key; ``cdr:playback`` and ``cdr:download`` are public, the token
  is the only check.
- ``src/PBXCoreREST/Lib/PBXApiResult.php`` ``getResult()``: the envelope
  ``{result, data, messages, function, processor, pid[, httpCode]}``, errors as
  ``messages: {error: [...]}``.
- ``src/PBXCoreREST/Lib/Cdr/GetListAction.php``: ``limit`` clamped to 1..1000
  (default 50), a negative ``offset`` is refused (422), ``dateFrom``/``dateTo``
  compared as text with ``start`` (a bare date gets 00:00:00 / 23:59:59), sort
  fields whitelisted (default ``id DESC``), ``grouped`` true unless told
  otherwise (then records come grouped per ``linkedid``), ``linkedid`` filter,
  ``data: {records, pagination: {total, limit, offset, hasMore, lastId}}``.
- ``src/PBXCoreREST/Lib/Cdr/DataStructure.php``: the record fields; every answer
  mints a fresh ``playback_url`` ``/pbxcore/api/v3/cdr:playback?token=<32 hex>``
  (and ``download_url``) kept 3600 s (``generatePlaybackToken``); without a
  recording file the three fields are empty; dispositions ``ANSWERED``,
  ``NO ANSWER``, ``NOANSWER``, ``BUSY``, ``FAILED``.
- ``src/PBXCoreREST/Lib/Cdr/PlaybackAction.php``: an unknown or expired token is
  answered 403 ``Invalid or expired playback token``; each use extends it 3600 s.
- ``src/Core/System/Util.php`` ``getNowDate()`` and
  ``src/Core/Asterisk/Configs/lua/extensions.lua`` ``getNowDate()``: CDR times are
  the exchange's local time, ``YYYY-MM-DD HH:MM:SS.mmm``.
- Transfers: ``src/Core/Workers/Libs/WorkerCallEvents/CreateRowTransfer.php`` adds
  legs under the customer's ``linkedid``; ``tests/api/scripts/generate_cdr_fixtures.py``
  (``mikopbx-linked-call.100``: 79001234567 -> 201, 201 -> 202, 202 -> 203).

ModuleHttpAlert, repository ``mikopbx/ModuleHttpAlert``:

- ``agi-bin/incomingCallAlert.php``: the call to the company (``urlStartCall``)
  fills ``number``, ``did``, ``shotNumber``, ``shotDid``, ``id``; the answer becomes
  ``CALLERID(name)`` as ``substr($cidName, 0, 40)`` (bytes). Revision 8b447e5 first
  strips ``[^a-zA-Z0-9]``, another ``[^a-zA-Z0-9\\s]``; revision 0d7ec4b calls
  ``preg_replace`` without keeping the result.
- ``Lib/ClientHTTP.php``: GET with a 5 s timeout, only HTTP 200 counts, the body is
  cut to 300 characters (``mb_substr``).
- ``bin/WorkerHTTP.php`` ``httpGet``: each ``<key>`` of the template becomes
  ``rawurlencode(value)``, then ``strip_tags()`` removes unknown ``<placeholders>``.
- ``bin/ListenerAMI.php``: the call to an employee (``urlDial``: uid, id, date, user,
  client, src, dst, src-chan, dst-chan, did, shotDid, action, type), answer
  (``urlAnswer``: date, id, uid, user, shotUser, did, src-chan, src, dst-chan, dst,
  action), hangup (``urlHangup``: id, date, uid, user, did, action) and end of call
  (``urlCompleteCdr``: did, uid, id, date = the call's start, user, src, dst,
  g-missed, missed, filename, action); dates ``DATE_ATOM`` (``2026-11-20T09:00:00+03:00``),
  ``user`` is the extension number, booleans arrive as ``1`` or empty.
- ``readme.ru.md``: older revisions also sent ``date``, ``uid`` and ``channel`` with
  the call to the company.

AMI: the Asterisk Manager Interface protocol (banner, ``Login``, ``Originate``,
``Logoff``), as MikoPBX's Asterisk speaks it on port 5038.
"""

import itertools
import json
import re
import secrets
import socketserver
import threading
import time
from datetime import datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, quote, urlparse

import requests

API_KEY = "test-api-key-0123456789"
WEBHOOK_SECRET = "test-webhook-secret-abcdef"
AMI_USER = "odoo"
AMI_SECRET = "ami-secret"
TOKEN_TTL = 3600
DISPOSITIONS = ("ANSWERED", "NO ANSWER", "NOANSWER", "BUSY", "FAILED")
SORT_FIELDS = ("id", "start", "linkedid", "src_num", "dst_num", "did", "disposition", "duration", "billsec")
RECORD_FIELDS = (
    "id", "start", "endtime", "answer", "src_chan", "src_num", "src_name", "dst_chan", "dst_num", "dst_name",
    "UNIQUEID", "linkedid", "did", "disposition", "recordingfile", "from_account", "to_account", "dialstatus",
    "appname", "transfer", "is_app", "duration", "billsec", "work_completed", "src_call_id", "dst_call_id",
    "verbose_call_id", "rec_src_channel", "dtmf_digits",
)

# ModuleHttpAlert: the placeholders each event fills (bin/ListenerAMI.php, agi-bin/incomingCallAlert.php)
EVENT_PLACEHOLDERS = {
    "incoming-call": {"number", "did", "shotNumber", "shotDid", "id"},
    "call": {"uid", "id", "date", "user", "client", "src", "dst", "src-chan", "dst-chan", "did", "shotDid",
             "action", "type"},
    "answer": {"date", "id", "uid", "user", "shotUser", "did", "src-chan", "src", "dst-chan", "dst", "action"},
    "hangup": {"id", "date", "uid", "user", "did", "action"},
    "end-call": {"did", "uid", "id", "date", "user", "src", "dst", "g-missed", "missed", "filename", "action"},
}
# the templates readme/USAGE.md tells the administrator to paste, event by event
TEMPLATES = {
    "incoming-call": "id=<id>&number=<number>&did=<did>&action=incoming-call",
    "call": "id=<id>&uid=<uid>&date=<date>&user=<user>&src=<src>&dst=<dst>&did=<did>&action=call",
    "answer": "id=<id>&uid=<uid>&date=<date>&user=<user>&src=<src>&dst=<dst>&did=<did>&action=answer",
    "hangup": "id=<id>&uid=<uid>&date=<date>&user=<user>&did=<did>&action=hangup",
    "end-call": "id=<id>&uid=<uid>&date=<date>&user=<user>&src=<src>&dst=<dst>&did=<did>&missed=<missed>"
                "&filename=<filename>&action=end-call",
}
_ids = itertools.count(1000)


def pbx_time(value):
    """``YYYY-MM-DD HH:MM:SS.mmm`` as the exchange writes CDR times (seconds-only input is completed)."""
    if not value:
        return ""
    return value + ".000" if len(value) == 19 else value


def cdr_record(linkedid, start, src, dst, disposition="ANSWERED", answer="", endtime="", **extra):
    """One ungrouped CDR leg as the exchange stores it (DataStructure::createFromModel fields)."""
    record = dict.fromkeys(RECORD_FIELDS, "")
    record.update({
        "id": extra.pop("id", next(_ids)),
        "start": pbx_time(start),
        "answer": pbx_time(answer),
        "endtime": pbx_time(endtime),
        "src_num": src,
        "dst_num": dst,
        "linkedid": linkedid,
        "UNIQUEID": extra.pop("uniqueid", linkedid),
        "disposition": disposition,
        "transfer": "0",
        "is_app": "0",
        "work_completed": "1",
        "duration": extra.pop("duration", 0),
        "billsec": extra.pop("billsec", 0),
    })
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

    def _result(self, status, data=None, error=None):
        """PBXApiResult::getResult()."""
        body = {"result": error is None, "data": data if data is not None else [],
                "messages": {"error": [error]} if error else [],
                "function": "", "processor": "MikoPBX\\PBXCoreREST\\Lib\\Cdr", "pid": 4242}
        if status != 200:
            body["httpCode"] = status
        return self._send(status, body)

    def do_GET(self):
        pbx = self.server.pbx
        pbx.requests.append(self.path)
        if pbx.delay:
            time.sleep(pbx.delay)
        if pbx.status >= 500:
            return self._result(pbx.status, error="Internal error")
        url = urlparse(self.path)
        query = {key: values[-1] for key, values in parse_qs(url.query).items()}
        if url.path in ("/pbxcore/api/v3/cdr:playback", "/pbxcore/api/v3/cdr:download"):
            return self._playback(pbx, query)
        if url.path != "/pbxcore/api/v3/cdr":
            return self._result(404, error="Unknown endpoint")
        if self.headers.get("Authorization") != f"Bearer {pbx.api_key}":
            return self._result(401, error="Unauthorized")
        if pbx.malformed:
            return self._send(200, b"{\"result\": true, \"data\": {\"records\": [", content_type="application/json")
        return self._list(pbx, query)

    def _playback(self, pbx, query):
        token = pbx.tokens.get(query.get("token") or "")
        if not token or token[1] < pbx.now():
            return self._result(403, error="Invalid or expired playback token")
        record_id = token[0]
        pbx.tokens[query["token"]] = (record_id, pbx.now() + TOKEN_TTL)
        audio = pbx.recordings.get(record_id)
        if audio is None:
            return self._result(404, error="Recording file not found")
        return self._send(200, audio, content_type="audio/mpeg")

    def _list(self, pbx, query):
        try:
            limit = min(max(1, int(query.get("limit", 50))), 1000)
            offset = int(query.get("offset", 0))
        except ValueError:
            return self._result(422, error="Invalid number")
        if offset < 0:
            return self._result(422, error=f"Invalid offset value: {offset}. Offset must be non-negative.")
        date_from, date_to = query.get("dateFrom"), query.get("dateTo")
        if date_from and len(date_from) == 10:
            date_from += " 00:00:00"
        if date_to and len(date_to) == 10:
            date_to += " 23:59:59"
        records = list(pbx.records)
        if date_from:
            records = [r for r in records if r["start"] >= date_from]
        if date_to:
            records = [r for r in records if r["start"] <= date_to]
        if query.get("linkedid"):
            records = [r for r in records if r["linkedid"] == query["linkedid"]]
        sort = query.get("sort") if query.get("sort") in SORT_FIELDS else "id"
        descending = (query.get("order") or "DESC").upper() != "ASC"
        records.sort(key=lambda r: (r[sort], r["id"]), reverse=descending)
        grouped = (query.get("grouped") or "true").lower() not in ("false", "0", "no", "off")
        if grouped:
            groups = {}
            for record in records:
                groups.setdefault(record["linkedid"], []).append(record)
            total = len(groups)
            page = [
                {"linkedid": key, "start": min(r["start"] for r in legs), "records": [pbx.render(r) for r in legs]}
                for key, legs in list(groups.items())[offset:offset + limit]
            ]
            last_id = page[-1]["records"][-1]["id"] if page else None
        else:
            total = len(records)
            page = [pbx.render(r) for r in records[offset:offset + limit]]
            last_id = page[-1]["id"] if page else None
        return self._result(200, {"records": page, "pagination": {
            "total": total, "limit": limit, "offset": offset, "hasMore": offset + limit < total, "lastId": last_id,
        }})


class QuietHTTPServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        """A client that gave up (timeout tests) is expected: no traceback."""


class FakeMikoPbx:
    """The REST side of the exchange, with a clock and switches for outages and garbage."""

    def __init__(self):
        self.api_key = API_KEY
        self.records = []
        self.recordings = {}  # CDR record id -> audio bytes
        self.tokens = {}  # token -> (CDR record id, expiry)
        self.requests = []
        self.status = 200
        self.delay = 0
        self.malformed = False
        self.clock_offset = 0
        self.server = QuietHTTPServer(("127.0.0.1", 0), FakeMikoHandler)
        self.server.pbx = self
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def reset(self):
        self.records, self.recordings, self.tokens, self.requests = [], {}, {}, []
        self.status, self.delay, self.malformed, self.api_key, self.clock_offset = 200, 0, False, API_KEY, 0

    def now(self):
        return time.time() + self.clock_offset

    def advance(self, seconds):
        """Let time pass on the exchange (tokens expire)."""
        self.clock_offset += seconds

    def add_recording(self, record, audio=b"ID3-fake-mp3"):
        """Give a CDR leg a recording file the exchange can stream."""
        record["recordingfile"] = f"/storage/usbdisk1/mikopbx/astspool/monitor/{record['UNIQUEID']}.mp3"
        self.recordings[record["id"]] = audio
        return record

    def render(self, record):
        """The record as one answer shows it: fresh tokens, or no links without a file."""
        data = dict(record)
        if data.get("recordingfile") and data["id"] in self.recordings:
            token = secrets.token_hex(16)
            self.tokens[token] = (data["id"], self.now() + TOKEN_TTL)
            data["playback_url"] = f"/pbxcore/api/v3/cdr:playback?token={token}"
            data["download_url"] = f"/pbxcore/api/v3/cdr:download?token={token}"
        else:
            data.update(recordingfile="", playback_url="", download_url="")
        return data

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


# ------------------------------------------------------------
# ModuleHttpAlert: the exchange calling Odoo
# ------------------------------------------------------------

def php_value(value):
    """PHP's string conversion of a parameter: true -> "1", false/null -> ""."""
    if value is True:
        return "1"
    if value is False or value is None:
        return ""
    return str(value)


def phone_index(number):
    """getPhoneIndex(): the last 10 digits."""
    return re.sub(r"\D+", "", number or "")[-10:]


def atom(dt):
    """date(DATE_ATOM) of the exchange's local time (Moscow, +03:00, in the tests)."""
    return dt.strftime("%Y-%m-%dT%H:%M:%S+03:00")


class HttpAlert:
    """ModuleHttpAlert configured with the templates of readme/USAGE.md, sending to ``base_url``."""

    def __init__(self, base_url, templates=None, revision="0d7ec4b"):
        self.base_url = base_url
        self.templates = dict(TEMPLATES, **(templates or {}))
        self.revision = revision
        self.sent = []

    def render(self, event, params):
        """WorkerHTTP::httpGet: rawurlencode each known placeholder, strip_tags() the rest."""
        unknown = set(params) - EVENT_PLACEHOLDERS[event]
        assert not unknown, f"{event} never fills {unknown}"
        url = self.base_url + "?" + self.templates[event]
        for key, value in params.items():
            url = url.replace(f"<{key}>", quote(php_value(value), safe="-_.~"))
        return re.sub(r"<[^>]*>", "", url)

    def send(self, event, params, session=None):
        """ClientHTTP::sendHttpGetRequest: (HTTP status, body cut to 300 characters)."""
        url = self.render(event, params)
        self.sent.append(url)
        try:
            response = (session or requests).get(url, timeout=5)
        except requests.RequestException:
            return 0, ""
        if response.status_code != 200:
            return response.status_code, ""
        response.encoding = "utf-8"
        return 200, response.text[:300]

    def caller_id_name(self, body):
        """CALLERID(name) the AGI script sets from the answer: bytes, as Asterisk gets them."""
        if self.revision == "8b447e5":
            body = re.sub(r"[^a-zA-Z0-9]", "", body)
        elif self.revision == "strip-space":
            body = re.sub(r"[^a-zA-Z0-9\s]", "", body, flags=re.ASCII)
        return body.encode("utf-8")[:40]

    # the events, with exactly the placeholders each fills
    def incoming_call(self, linkedid, number, did="74957814210"):
        code, body = self.send("incoming-call", {
            "number": number, "did": did, "shotNumber": phone_index(number), "shotDid": phone_index(did),
            "id": linkedid,
        })
        return code, self.caller_id_name(body) if code == 200 else b""

    def call(self, linkedid, number, extension, when, did="74957814210", outgoing=False):
        src, dst = (extension, number) if outgoing else (number, extension)
        return self.send("call", {
            "uid": linkedid + "_a", "id": linkedid, "date": atom(when), "user": extension, "client": number,
            "src": src, "dst": dst, "src-chan": f"PJSIP/{src}-00000001", "dst-chan": "", "did": did,
            "shotDid": phone_index(did), "action": "call", "type": "outgoing" if outgoing else "incoming",
        })

    def answer(self, linkedid, number, extension, when, did="74957814210"):
        return self.send("answer", {
            "date": atom(when), "id": linkedid, "uid": linkedid + "_a", "user": extension,
            "shotUser": phone_index(extension), "did": did, "src-chan": "PJSIP/SIP-1-00000001", "src": number,
            "dst-chan": f"PJSIP/{extension}-00000002", "dst": extension, "action": "answer",
        })

    def hangup(self, linkedid, extension, when, did="74957814210"):
        return self.send("hangup", {
            "id": linkedid, "date": atom(when), "uid": linkedid + "_a", "user": extension, "did": did,
            "action": "hangup",
        })

    def end_call(self, linkedid, number, extension, start, missed, filename="", did="74957814210"):
        return self.send("end-call", {
            "did": did, "uid": linkedid + "_a", "id": linkedid, "date": atom(start), "user": extension,
            "src": number, "dst": extension, "g-missed": missed, "missed": missed, "filename": filename,
            "action": "end-call",
        })


MOSCOW = timedelta(hours=3)


def moscow(utc_naive):
    """The exchange's local time of a UTC naive datetime (for building events)."""
    return utc_naive + MOSCOW


def utc(local_text):
    """UTC naive datetime of a Moscow ``YYYY-MM-DD HH:MM:SS`` text (for assertions)."""
    return datetime.strptime(local_text[:19], "%Y-%m-%d %H:%M:%S") - MOSCOW


# ------------------------------------------------------------
# AMI
# ------------------------------------------------------------

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
