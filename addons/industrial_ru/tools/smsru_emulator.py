"""Emulated SMS.ru gateway for the tests: ``sms/send``, ``sms/status`` and ``my/balance`` over HTTP.

Listens on 127.0.0.1 on a free port, in a thread, and answers as SMS.ru documents it,
so that the real client code (tools/smsru_client.py) runs end to end.

Where each behaviour comes from:
- POST form with ``api_id``, ``json=1``; the answer's ``status`` "OK"/"ERROR", ``status_code``,
  ``status_text`` and the ``balance`` after a send: https://sms.ru/api/send, and the official
  PHP sample quoted in llISparkIll/misc1 ``smsru_send.php`` (reads ``$json->sms`` per phone,
  ``sms_id``, ``status_code``).
- one text per number as ``to[<number>]=<text>`` and the per-number result object
  ``{"status", "status_code", "sms_id"}`` keyed by the number: matrizaev/smsru
  ``src/transport/send_sms.rs`` (``encode_per_recipient_expands_to_array_like_keys``,
  ``decode_json_response_maps_phone_keys_using_request_context``); at most 100 numbers:
  XpycTee/smsru_api ``docs/messages.md``.
- ``sms/status`` with ``sms_id=<id>,<id>`` answering ``{"sms": {<id>: {"status", "status_code",
  "status_text"}}}``: https://sms.ru/api/status (stored copy http://joomla.sms.ru/api/status),
  XpycTee/smsru_api ``docs/messages.md``.
- ``my/balance`` answering ``{"status": "OK", "status_code": 100, "balance": <roubles>}``:
  https://sms.ru/api/balance, XpycTee/smsru_api ``docs/account.md``.
- status codes (-1 not found, 100 queued, 102 in transit, 103 delivered, 104 expired, 107 not
  delivered, 108 rejected, 200 wrong api_id, 201 not enough money, 202 wrong recipient, 220
  service temporarily unavailable): matrizaev/smsru ``src/domain/value.rs`` (``KnownStatusCode``).
"""

import itertools
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

API_ID = "TEST-0123-4567-89AB-CDEF"

STATUS_TEXTS = {
    -1: "Сообщение не найдено",
    100: "Сообщение находится в нашей очереди",
    102: "Сообщение отправлено (в пути)",
    103: "Сообщение доставлено",
    104: "Не может быть доставлено: время жизни истекло",
    107: "Не может быть доставлено: неизвестная причина",
    108: "Не может быть доставлено: отклонено",
    200: "Неправильный api_id",
    201: "Не хватает средств на лицевом счету",
    202: "Неправильно указан номер телефона получателя, либо на него нет маршрута",
    220: "Сервис временно недоступен, попробуйте чуть позже",
}


class FakeSmsRuHandler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        """Keep the test log clean."""

    def _answer(self, body, status=200):
        data = json.dumps(body, ensure_ascii=False).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _error(self, code):
        return self._answer({"status": "ERROR", "status_code": code, "status_text": STATUS_TEXTS[code]})

    def do_POST(self):
        gateway = self.server.gateway
        length = int(self.headers.get("Content-Length") or 0)
        form = {k: v[-1] for k, v in parse_qs(self.rfile.read(length).decode(), keep_blank_values=True).items()}
        path = self.path.split("?")[0].strip("/")
        if gateway.delay:
            gateway.requests.append(("(slow) " + path, form))
            time.sleep(gateway.delay)
            return None
        with gateway.lock:
            gateway.requests.append((path, form))
            if gateway.http_status >= 500:
                return self._answer({"error": "internal"}, status=gateway.http_status)
            if gateway.unavailable:
                return self._error(220)
            if form.get("api_id") != gateway.api_id:
                return self._error(200)
            if path == "sms/send":
                return self._send_sms(gateway, form)
            if path == "sms/status":
                return self._status(gateway, form)
            if path == "my/balance":
                return self._answer({"status": "OK", "status_code": 100, "balance": round(gateway.balance, 2)})
            return self._answer({"status": "ERROR", "status_code": 211, "status_text": "Метод не найден"})

    def _send_sms(self, gateway, form):
        messages = {key[3:-1]: text for key, text in form.items() if key.startswith("to[") and key.endswith("]")}
        if not messages and form.get("to"):
            messages = dict.fromkeys(form["to"].split(","), form.get("msg", ""))
        if gateway.balance < gateway.price * len(messages):
            return self._error(201)
        results = {}
        for number, text in messages.items():
            if number in gateway.refused_numbers or not number.isdigit():
                results[number] = {"status": "ERROR", "status_code": 202, "status_text": STATUS_TEXTS[202]}
                continue
            sms_id = f"{next(gateway.ids):06d}-{len(gateway.sent) + 1:07d}"
            gateway.sent.append({"number": number, "text": text, "sms_id": sms_id, "from": form.get("from")})
            gateway.statuses[sms_id] = 102
            gateway.balance -= gateway.price
            results[number] = {"status": "OK", "status_code": 100, "sms_id": sms_id}
        return self._answer({"status": "OK", "status_code": 100, "sms": results,
                             "balance": round(gateway.balance, 2)})

    def _status(self, gateway, form):
        answers = {}
        for sms_id in filter(None, form.get("sms_id", "").split(",")):
            code = gateway.statuses.get(sms_id, -1)
            if code == -1:
                answers[sms_id] = {"status": "ERROR", "status_code": -1, "status_text": STATUS_TEXTS[-1]}
            else:
                answers[sms_id] = {"status": "OK", "status_code": code, "cost": gateway.price,
                                   "status_text": STATUS_TEXTS.get(code, "")}
        return self._answer({"status": "OK", "status_code": 100, "sms": answers,
                             "balance": round(gateway.balance, 2)})


class FakeSmsRu:
    """The gateway's state: sent messages, their delivery codes, the balance."""

    def __init__(self, api_id=API_ID, balance=500.0, price=2.5):
        self.api_id = api_id
        self.balance = balance
        self.price = price
        self.lock = threading.Lock()
        self.ids = itertools.count(1)
        self.reset()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), FakeSmsRuHandler)
        self.server.gateway = self
        self.port = self.server.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def reset(self, balance=500.0):
        self.requests = []
        self.sent = []
        self.statuses = {}
        self.refused_numbers = set()
        self.http_status = 200
        self.unavailable = False
        self.delay = 0
        self.balance = balance

    def set_status(self, sms_id, code):
        """What the operator reported for a message (103 delivered, 104 expired...)."""
        self.statuses[sms_id] = code

    def stop(self):
        self.server.shutdown()
        self.server.server_close()
