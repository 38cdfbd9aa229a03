"""A small 1C:Enterprise OData v3 server (standard.odata, JSON, Basic auth) for the tests."""
import base64
import json
import re
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, unquote, urlsplit

ENTITIES = {
    "Catalog_Партнеры": ["Ref_Key", "DataVersion", "DeletionMark", "Description", "Code", "НаименованиеПолное",
                         "Клиент", "Комментарий"],
    "Catalog_Контрагенты": ["Ref_Key", "DataVersion", "DeletionMark", "Description", "Code", "НаименованиеПолное",
                            "ИНН", "КПП", "Партнер_Key", "Комментарий", "КонтактнаяИнформация"],
    "Document_ЗаказКлиента": ["Ref_Key", "DataVersion", "DeletionMark", "Number", "Date", "Posted", "Партнер_Key",
                              "Контрагент_Key", "СуммаДокумента", "Комментарий"],
    "Document_СчетНаОплатуКлиенту": ["Ref_Key", "DataVersion", "DeletionMark", "Number", "Date", "Posted",
                                     "Контрагент_Key", "ДокументОснование", "СуммаДокумента", "Комментарий"],
    "Document_ПриходныйКассовыйОрдер": ["Ref_Key", "DataVersion", "DeletionMark", "Number", "Date", "Posted",
                                        "Контрагент_Key", "СуммаДокумента", "РасшифровкаПлатежа"],
    "Document_ПоступлениеБезналичныхДенежныхСредств": ["Ref_Key", "DataVersion", "DeletionMark", "Number", "Date",
                                                       "Posted", "Контрагент_Key", "СуммаДокумента",
                                                       "РасшифровкаПлатежа"],
}
DESCRIPTION_LENGTH = 100
CONDITION_RE = re.compile(r"^\s*(\w+)\s+(eq|ne|ge|gt|le|lt)\s+(guid'[^']*'|datetime'[^']*'|'(?:[^']|'')*'|true|false|[\d.]+)\s*$")


def _literal(text):
    if text.startswith(("guid'", "datetime'")):
        return text.split("'", 1)[1][:-1]
    if text.startswith("'"):
        return text[1:-1].replace("''", "'")
    if text in ("true", "false"):
        return text == "true"
    return float(text)


def _matches(row, conditions):
    ops = {"eq": lambda a, b: a == b, "ne": lambda a, b: a != b, "ge": lambda a, b: a >= b,
           "gt": lambda a, b: a > b, "le": lambda a, b: a <= b, "lt": lambda a, b: a < b}
    return all(ops[op](row.get(field), value) for field, op, value in conditions)


class OneCServer:
    """Holds the records; ``faults`` is a list of (method, path part, fault) served once each:
    an HTTP status, "timeout", "malformed" or "conflict"."""

    def __init__(self, user="odata", password="secret", timeout_delay=1.5):
        self.user, self.password = user, password
        self.timeout_delay = timeout_delay
        self.data = {name: {} for name in ENTITIES}
        self.faults = []
        self.requests = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                server._handle(self, "GET")

            def do_POST(self):
                server._handle(self, "POST")

            def do_PATCH(self):
                server._handle(self, "PATCH")

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.httpd.handle_error = lambda request, client_address: None  # a client that gave up: nothing to report
        self.port = self.httpd.server_address[1]
        self.base_url = "http://127.0.0.1:%s/ut11" % self.port
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def start(self):
        self.thread.start()
        return self

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()

    # records -------------------------------------------------------

    def add(self, entity, **values):
        key = values.pop("Ref_Key", None) or str(uuid.uuid4())
        row = {name: "" for name in ENTITIES[entity]}
        row.update({"DeletionMark": False, "Posted": False}, **values)
        row.update(Ref_Key=key, DataVersion=self._version())
        self.data[entity][key] = row
        return row

    def touch(self, entity, key, **values):
        """A change made by a 1C user: new DataVersion."""
        self.data[entity][key].update(values, DataVersion=self._version())
        return self.data[entity][key]

    @staticmethod
    def _version():
        return base64.b64encode(uuid.uuid4().bytes[:6]).decode()

    # protocol ------------------------------------------------------

    def _reply(self, handler, status, body=None, content_type="application/json;odata=nometadata"):
        raw = body if isinstance(body, bytes) else json.dumps(body, ensure_ascii=False).encode() if body is not None else b""
        handler.send_response(status)
        handler.send_header("Content-Type", content_type)
        handler.send_header("Content-Length", str(len(raw)))
        handler.end_headers()
        handler.wfile.write(raw)

    def _error(self, handler, status, message):
        self._reply(handler, status, {"odata.error": {"code": str(status), "message": {"lang": "ru", "value": message}}})

    def _handle(self, handler, method):
        parts = urlsplit(handler.path)
        path = unquote(parts.path)
        self.requests.append((method, path))
        expected = "Basic " + base64.b64encode(("%s:%s" % (self.user, self.password)).encode()).decode()
        if handler.headers.get("Authorization") != expected:
            return self._error(handler, 401, "Не удалось выполнить аутентификацию")
        prefix = "/ut11/odata/standard.odata/"
        if not path.startswith(prefix):
            return self._error(handler, 404, "Not found")
        resource = path[len(prefix):]
        for fault in list(self.faults):
            if fault[0] == method and fault[1] in resource:
                self.faults.remove(fault)
                if fault[2] == "timeout":
                    time.sleep(self.timeout_delay)
                    return self._error(handler, 503, "late")
                if fault[2] == "malformed":
                    return self._reply(handler, 200, b'{"value": [{"Ref_Key": ')
                if isinstance(fault[2], int):
                    return self._error(handler, fault[2], "Ошибка сервера 1С")
        body = None
        if method in ("POST", "PATCH"):
            length = int(handler.headers.get("Content-Length") or 0)
            body = json.loads(handler.rfile.read(length) or b"{}")
        if body and len(body.get("Description") or "") > DESCRIPTION_LENGTH:
            return self._error(handler, 400, "Длина наименования превышает %s" % DESCRIPTION_LENGTH)
        if resource == "$metadata":
            return self._reply(handler, 200, self._metadata(), "application/xml")
        match = re.match(r"^(\w+)(?:\(guid'([^']*)'\))?$", resource)
        if not match or match.group(1) not in self.data:
            return self._error(handler, 404, "Неизвестный ресурс")
        entity, key = match.groups()
        rows = self.data[entity]
        query = {k: v[0] for k, v in parse_qs(parts.query).items()}
        if method == "GET" and key:
            return self._reply(handler, 200, rows[key]) if key in rows else self._error(handler, 404, "Объект не найден")
        if method == "GET":
            return self._list(handler, rows, query)
        if method == "POST":
            row = self.add(entity, **{k: v for k, v in body.items() if k not in ("Ref_Key", "DataVersion")})
            return self._reply(handler, 201, row)
        if key not in rows:
            return self._error(handler, 404, "Объект не найден")
        version = body.pop("DataVersion", None)
        if version and version != rows[key]["DataVersion"]:
            return self._error(handler, 412, "Версия объекта изменилась")
        return self._reply(handler, 200, self.touch(entity, key, **body))

    def _list(self, handler, rows, query):
        result = list(rows.values())
        if query.get("$filter"):
            conditions = []
            for part in re.split(r"\s+and\s+", query["$filter"]):
                found = CONDITION_RE.match(part)
                if not found:
                    return self._error(handler, 400, "Неверный $filter: %s" % part)
                conditions.append((found.group(1), found.group(2), _literal(found.group(3))))
            result = [row for row in result if _matches(row, conditions)]
        if query.get("$orderby"):
            field = query["$orderby"].split()[0]
            result.sort(key=lambda row: (str(row.get(field)), row["Ref_Key"]))
        skip = int(query.get("$skip") or 0)
        top = int(query["$top"]) if query.get("$top") else None
        result = result[skip: skip + top if top else None]
        if query.get("$select"):
            fields = query["$select"].split(",")
            result = [{f: row.get(f) for f in fields} for row in result]
        return self._reply(handler, 200, {"value": result})

    def _metadata(self):
        types = "".join(
            '<EntityType Name="%s"><Key><PropertyRef Name="Ref_Key"/></Key>%s</EntityType>' % (
                name, "".join('<Property Name="%s" Type="Edm.String"/>' % f for f in fields))
            for name, fields in ENTITIES.items()
        )
        return (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<edmx:Edmx xmlns:edmx="http://schemas.microsoft.com/ado/2007/06/edmx" Version="1.0">'
            '<edmx:DataServices m:DataServiceVersion="3.0" '
            'xmlns:m="http://schemas.microsoft.com/ado/2007/08/dataservices/metadata">'
            '<Schema xmlns="http://schemas.microsoft.com/ado/2009/11/edm" Namespace="StandardODATA">%s</Schema>'
            '</edmx:DataServices></edmx:Edmx>' % types
        ).encode()
