"""Clients of the MikoPBX exchange: REST API v3 (CDR, recordings) and AMI (originate).

Kept free of the ORM so that the emulated exchange in the tests drives the very
same code. Every failure surfaces as a subclass of :class:`MikoError`.
"""

import logging
import socket
import time

import requests

_logger = logging.getLogger(__name__)


class MikoError(Exception):
    """Any failure talking to the exchange.

    The message is the technical detail, for the server log. ``url`` (the REST
    base URL, or ``host:port`` of the AMI), ``service`` (``rest`` or ``ami``),
    ``status`` (the HTTP status, if the exchange answered) and ``reason`` (the
    exchange's own words, if any) let the caller tell the administrator what to
    check, in his language.
    """

    def __init__(self, message, url=None, service="rest", status=None, reason=None):
        super().__init__(message)
        self.url = url
        self.service = service
        self.status = status
        self.reason = reason


class MikoUnavailableError(MikoError):
    """Network error, timeout or 5xx: worth retrying later."""


class MikoNoAnswerError(MikoUnavailableError):
    """Nothing answered: connection refused, unknown host, no route, or silence
    until the timeout (``timeout`` is then set)."""

    def __init__(self, message, timeout=None, **kwargs):
        super().__init__(message, **kwargs)
        self.timeout = timeout


class MikoAuthError(MikoError):
    """The exchange refused the API key or the AMI credentials."""


class MikoProtocolError(MikoError):
    """The exchange answered something that is not its documented protocol."""


class MikoRecordingExpiredError(MikoError):
    """A recording link's token is unknown or older than an hour (PlaybackAction.php:
    403 "Invalid or expired playback token"): read the call again for a fresh one."""


class MikoRestClient:
    """MikoPBX REST API v3 with a Bearer API key, timeouts and bounded retries."""

    CDR_PATH = "/pbxcore/api/v3/cdr"
    PUBLIC_PATHS = ("/pbxcore/api/v3/cdr:playback", "/pbxcore/api/v3/cdr:download")
    MAX_LIMIT = 1000  # GetListAction.php clamps limit to 1..1000

    def __init__(self, base_url, api_key, timeout=5.0, retries=2, backoff=0.2, session=None):
        self.base_url = (base_url or "").rstrip("/")
        self.api_key = api_key or ""
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.session = session or requests.Session()

    def _request(self, method, path, params=None, stream=False):
        url = self.base_url + path
        headers = {"Authorization": f"Bearer {self.api_key}", "Accept": "application/json"}
        last_error = None
        for attempt in range(self.retries + 1):
            if attempt:
                time.sleep(self.backoff * attempt)
            try:
                response = self.session.request(
                    method, url, params=params, headers=headers,
                    timeout=self.timeout, stream=stream,
                )
            except (requests.ConnectionError, requests.Timeout) as error:
                last_error = MikoNoAnswerError(
                    f"{url}: {error.__class__.__name__}: {error}", url=self.base_url,
                    timeout=self.timeout if isinstance(error, requests.Timeout) else None,
                )
                last_error.__cause__ = error
                continue
            except requests.RequestException as error:
                last_error = MikoUnavailableError(f"{url}: {error.__class__.__name__}: {error}", url=self.base_url)
                last_error.__cause__ = error
                continue
            status = response.status_code
            if status == 403 and path.startswith(self.PUBLIC_PATHS):
                raise MikoRecordingExpiredError(
                    f"{url.split('?')[0]}: HTTP 403, {self._error_words(response) or 'token refused'}",
                    url=self.base_url, status=status, reason=self._error_words(response),
                )
            if status in (401, 403):
                raise MikoAuthError(f"{url}: HTTP {status}, the API key is refused", url=self.base_url, status=status)
            if status >= 500:
                last_error = MikoUnavailableError(f"{url}: HTTP {status}", url=self.base_url, status=status)
                continue
            if status >= 400:
                raise MikoProtocolError(f"{url}: HTTP {status}", url=self.base_url, status=status)
            return response
        raise last_error

    def _error_words(self, response):
        try:
            payload = response.json()
        except ValueError:
            return None
        return self._messages_text(payload.get("messages")) if isinstance(payload, dict) else None

    def _json(self, path, params=None):
        response = self._request("GET", path, params=params)
        try:
            payload = response.json()
        except ValueError as error:
            raise MikoProtocolError(f"{path}: the answer is not JSON ({error})", url=self.base_url) from error
        if not isinstance(payload, dict) or not payload.get("result"):
            messages = payload.get("messages") if isinstance(payload, dict) else None
            raise MikoProtocolError(
                f"{path}: the exchange reports a failure: {messages!r}"[:500], url=self.base_url,
                reason=self._messages_text(messages),
            )
        return payload.get("data")

    @staticmethod
    def _messages_text(messages):
        """The exchange's own error words (``messages`` of a v3 answer), if it gave any."""
        if isinstance(messages, dict):
            messages = [m for value in messages.values() for m in (value if isinstance(value, list) else [value])]
        if isinstance(messages, list):
            text = "; ".join(str(m) for m in messages if isinstance(m, (str, int, float)))
            return text[:300] or None
        return None

    def ping(self):
        """One light CDR query: proves the address and the key."""
        self.get_cdr_page("2000-01-01 00:00:00", limit=1, offset=0)
        return True

    def get_cdr_page(self, date_from=None, date_to=None, limit=100, offset=0, linkedid=None):
        """One page of ungrouped CDR records, oldest first: ``(records, total)``.

        ``date_from``/``date_to`` are the exchange's local time (``YYYY-MM-DD HH:MM:SS``):
        it compares them as text with its own local ``start``."""
        params = {
            "limit": max(1, min(int(limit), self.MAX_LIMIT)),
            "offset": offset,
            "sort": "start",
            "order": "ASC",
            "grouped": "false",
        }
        if date_from:
            params["dateFrom"] = date_from
        if date_to:
            params["dateTo"] = date_to
        if linkedid:
            params["linkedid"] = linkedid
        data = self._json(self.CDR_PATH, params=params)
        if not isinstance(data, dict) or not isinstance(data.get("records"), list):
            raise MikoProtocolError(f"{self.CDR_PATH}: no record list in the answer", url=self.base_url)
        pagination = data.get("pagination") or {}
        total = pagination.get("total", len(data["records"]))
        if not isinstance(total, int):
            raise MikoProtocolError(f"{self.CDR_PATH}: bad pagination total", url=self.base_url)
        return [r for r in data["records"] if isinstance(r, dict)], total

    def iter_cdr(self, date_from, page_size=100, max_records=10000):
        """All CDR records since ``date_from`` (local time of the exchange), page by page."""
        page_size = max(1, min(int(page_size), self.MAX_LIMIT))
        offset = 0
        while offset < max_records:
            records, total = self.get_cdr_page(date_from, limit=page_size, offset=offset)
            yield from records
            offset += len(records)
            if not records or offset >= total:
                return

    def fresh_recording_url(self, linkedid, record_id=None):
        """A playback link minted now: the call's legs read again (each answer carries new
        tokens, valid 3600 s); the leg ``record_id`` if given, else the last leg with a file."""
        records, _total = self.get_cdr_page(linkedid=linkedid, limit=self.MAX_LIMIT)
        links = [(str(r.get("id")), r.get("playback_url")) for r in records if r.get("playback_url")]
        for leg_id, url in links:
            if record_id and leg_id == str(record_id):
                return url
        return links[-1][1] if links else None

    def open_recording(self, url):
        """A streamed response for a recording URL the exchange gave (relative or absolute)."""
        if url.startswith(self.base_url + "/"):
            url = url[len(self.base_url):]
        if not url.startswith("/pbxcore/"):
            raise MikoProtocolError("The recording link does not point to the exchange.", url=self.base_url)
        return self._request("GET", url, stream=True)


class AmiClient:
    """Minimal Asterisk Manager Interface client: Login, Originate, Logoff over TCP."""

    def __init__(self, host, port=5038, username="", secret="", timeout=5.0):
        self.host = host
        self.port = int(port or 5038)
        self.username = username or ""
        self.secret = secret or ""
        self.timeout = timeout

    @staticmethod
    def _clean(value):
        # a CR/LF in a value would inject AMI headers
        return str(value).replace("\r", " ").replace("\n", " ")

    def _send(self, sock, fields):
        packet = "".join(f"{key}: {self._clean(value)}\r\n" for key, value in fields) + "\r\n"
        sock.sendall(packet.encode())

    @property
    def address(self):
        return f"{self.host}:{self.port}"

    def _read_message(self, sock_file):
        message = {}
        while True:
            line = sock_file.readline()
            if not line:
                raise MikoUnavailableError("The AMI connection closed unexpectedly.", url=self.address, service="ami")
            line = line.decode("utf-8", "replace").rstrip("\r\n")
            if not line:
                if message:
                    return message
                continue
            key, _sep, value = line.partition(":")
            message[key.strip().lower()] = value.strip()

    def _read_response(self, sock_file, action_id):
        while True:
            message = self._read_message(sock_file)
            if "response" in message and message.get("actionid", action_id) == action_id:
                return message

    def originate(self, extension, number, context="all_peers", caller_id=None):
        """Ring ``extension`` then dial ``number`` (MikoPBX's documented Local channel)."""
        ami = {"url": self.address, "service": "ami"}
        try:
            sock = socket.create_connection((self.host, self.port), timeout=self.timeout)
        except OSError as error:
            raise MikoNoAnswerError(
                f"AMI {self.host}:{self.port}: {error}",
                timeout=self.timeout if isinstance(error, socket.timeout) else None, **ami,
            ) from error
        try:
            sock.settimeout(self.timeout)
            sock_file = sock.makefile("rb")
            banner = sock_file.readline().decode("utf-8", "replace")
            if "Asterisk Call Manager" not in banner:
                raise MikoProtocolError(f"AMI {self.host}:{self.port}: unexpected banner {banner[:80]!r}", **ami)
            self._send(sock, [("Action", "Login"), ("Username", self.username),
                              ("Secret", self.secret), ("ActionID", "login")])
            answer = self._read_response(sock_file, "login")
            if answer.get("response", "").lower() != "success":
                raise MikoAuthError(f"AMI login refused: {answer.get('message', '')}"[:200], **ami)
            self._send(sock, [
                ("Action", "Originate"),
                ("Channel", f"Local/{extension}@internal-originate"),
                ("Context", context),
                ("Exten", number),
                ("Priority", "1"),
                ("CallerID", caller_id or number),
                ("Variable", f"pt1c_cid={number}"),
                ("Async", "true"),
                ("ActionID", "originate"),
            ])
            answer = self._read_response(sock_file, "originate")
            if answer.get("response", "").lower() != "success":
                raise MikoProtocolError(
                    f"AMI Originate failed: {answer.get('message', '')}"[:200],
                    reason=(answer.get("message") or "")[:200] or None, **ami,
                )
            self._send(sock, [("Action", "Logoff"), ("ActionID", "logoff")])
            self._read_response(sock_file, "logoff")
            return answer
        except socket.timeout as error:
            raise MikoNoAnswerError(f"AMI {self.host}:{self.port}: timed out", timeout=self.timeout, **ami) from error
        except OSError as error:
            raise MikoUnavailableError(f"AMI {self.host}:{self.port}: {error}", **ami) from error
        finally:
            sock.close()
