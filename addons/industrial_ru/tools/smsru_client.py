"""Client of the SMS.ru HTTP API (https://sms.ru/api): send, delivery status, balance.

Kept free of the ORM so that the emulated gateway in the tests drives the very
same code. Every failure surfaces as a subclass of :class:`SmsRuError`.

Protocol (https://sms.ru/api/send, https://sms.ru/api/status, https://sms.ru/api/balance):
a POST form with ``api_id`` and ``json=1``; the answer is a JSON object with
``status`` ("OK"/"ERROR"), ``status_code`` and, on error, ``status_text``.
``sms/send`` takes ``to[<number>]=<text>`` (up to 100 numbers) and answers one
result per number (``status``, ``status_code``, ``sms_id`` or ``status_text``)
plus the account ``balance``.
"""

import logging
import time

import requests
from urllib3.exceptions import MaxRetryError, NewConnectionError

_logger = logging.getLogger(__name__)

#: codes of a request refused as a whole (https://sms.ru/api/send, "Коды ответа")
AUTH_CODES = {200, 300, 301, 302}
FUNDS_CODES = {201}
UNAVAILABLE_CODES = {220, 500}

#: delivery codes of sms/status (https://sms.ru/api/status)
STATUS_QUEUED = {100, 101, 102}
STATUS_DELIVERED = {103, 110}
STATUS_NOT_FOUND = -1

MAX_NUMBERS = 100


class SmsRuError(Exception):
    """Any failure talking to SMS.ru.

    The message is the technical detail, for the server log; ``code`` and
    ``reason`` are SMS.ru's own status code and words, if it answered.
    """

    def __init__(self, message, code=None, reason=None):
        super().__init__(message)
        self.code = code
        self.reason = reason


class SmsRuUnavailableError(SmsRuError):
    """Network error, timeout, HTTP 5xx or "service temporarily unavailable" (220)."""


class SmsRuAuthError(SmsRuError):
    """The api_id is wrong or the account is blocked or unconfirmed (200, 300-302)."""


class SmsRuFundsError(SmsRuError):
    """Not enough money on the account (201)."""


class SmsRuProtocolError(SmsRuError):
    """The answer is not SMS.ru's documented JSON."""


class SmsRuClient:
    """SMS.ru over HTTPS with a timeout and bounded retries.

    Reads (status, balance) are retried on any transport failure; a send is
    retried only when the request certainly never reached SMS.ru (the connection
    was refused or never opened), or when SMS.ru itself asks to repeat later
    (220), so that a customer never gets the same SMS twice.
    """

    DEFAULT_URL = "https://sms.ru"

    def __init__(self, api_id, base_url=None, sender=None, timeout=5.0, retries=2, backoff=0.3, session=None):
        self.api_id = (api_id or "").strip()
        self.base_url = (base_url or self.DEFAULT_URL).rstrip("/")
        self.sender = sender or None
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.session = session or requests.Session()

    @staticmethod
    def _never_sent(error):
        """True when the connection was never established: repeating is harmless."""
        if isinstance(error, requests.ConnectTimeout):
            return True
        cause = error.args[0] if error.args else None
        return isinstance(cause, MaxRetryError) and isinstance(cause.reason, NewConnectionError)

    def _call(self, method, params, idempotent):
        url = f"{self.base_url}/{method}"
        data = {"api_id": self.api_id, "json": 1, **params}
        last_error = None
        for attempt in range(self.retries + 1):
            if attempt:
                time.sleep(self.backoff * attempt)
            try:
                response = self.session.post(url, data=data, timeout=self.timeout)
            except requests.RequestException as error:
                last_error = SmsRuUnavailableError(f"{url}: {error.__class__.__name__}: {error}")
                last_error.__cause__ = error
                if idempotent or self._never_sent(error):
                    continue
                raise last_error from error
            if response.status_code >= 500:
                last_error = SmsRuUnavailableError(f"{url}: HTTP {response.status_code}")
                if idempotent:
                    continue
                raise last_error
            try:
                payload = response.json()
            except ValueError as error:
                raise SmsRuProtocolError(f"{url}: HTTP {response.status_code}, the answer is not JSON") from error
            if not isinstance(payload, dict) or "status" not in payload:
                raise SmsRuProtocolError(f"{url}: unexpected answer {str(payload)[:200]!r}")
            if payload["status"] == "OK":
                return payload
            code = self._code(payload.get("status_code"))
            reason = str(payload.get("status_text") or "")[:300]
            message = f"{url}: SMS.ru error {code}: {reason}"
            if code in AUTH_CODES:
                raise SmsRuAuthError(message, code=code, reason=reason)
            if code in FUNDS_CODES:
                raise SmsRuFundsError(message, code=code, reason=reason)
            if code in UNAVAILABLE_CODES:
                # SMS.ru refused the request as a whole and asks to repeat it later
                last_error = SmsRuUnavailableError(message, code=code, reason=reason)
                continue
            raise SmsRuError(message, code=code, reason=reason)
        raise last_error

    @staticmethod
    def _code(value):
        try:
            return int(value)
        except (TypeError, ValueError):
            return None

    def send(self, messages):
        """Send ``{number: text}`` (digits only, at most 100 numbers).

        Returns ``(results, balance)``: ``results`` maps each number to
        ``{"ok": bool, "code": int, "sms_id": str|None, "reason": str}``.
        """
        if len(messages) > MAX_NUMBERS:
            raise ValueError(f"SMS.ru takes at most {MAX_NUMBERS} numbers per request")
        params = {f"to[{number}]": text for number, text in messages.items()}
        if self.sender:
            params["from"] = self.sender
        payload = self._call("sms/send", params, idempotent=False)
        answers = payload.get("sms")
        if not isinstance(answers, dict):
            raise SmsRuProtocolError("sms/send: the answer has no per-number results")
        results = {}
        for number in messages:
            answer = answers.get(number) or answers.get(f"+{number}")
            if not isinstance(answer, dict):
                results[number] = {"ok": False, "code": None, "sms_id": None,
                                   "reason": "no result for this number in the answer"}
                continue
            ok = answer.get("status") == "OK" and bool(answer.get("sms_id"))
            results[number] = {
                "ok": ok,
                "code": self._code(answer.get("status_code")),
                "sms_id": str(answer["sms_id"]) if ok else None,
                "reason": str(answer.get("status_text") or "")[:300],
            }
        return results, self._balance_of(payload)

    def status(self, sms_ids):
        """Delivery status of the given message ids: ``{sms_id: (code, text)}``."""
        if not sms_ids:
            return {}
        payload = self._call("sms/status", {"sms_id": ",".join(sms_ids)}, idempotent=True)
        answers = payload.get("sms")
        if not isinstance(answers, dict):
            raise SmsRuProtocolError("sms/status: the answer has no per-message results")
        statuses = {}
        for sms_id in sms_ids:
            answer = answers.get(sms_id)
            if isinstance(answer, dict):
                statuses[sms_id] = (self._code(answer.get("status_code")), str(answer.get("status_text") or "")[:300])
        return statuses

    def balance(self):
        """The account balance in roubles."""
        balance = self._balance_of(self._call("my/balance", {}, idempotent=True))
        if balance is None:
            raise SmsRuProtocolError("my/balance: the answer has no balance")
        return balance

    @staticmethod
    def _balance_of(payload):
        try:
            return float(payload["balance"])
        except (KeyError, TypeError, ValueError):
            return None
