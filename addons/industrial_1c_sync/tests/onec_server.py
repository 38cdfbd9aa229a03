"""A strict 1C:Enterprise 8.3 OData v3 server (standard.odata, JSON, Basic auth) for the tests.

It answers as a published 1C:Trade Management 11 (УТ 11) base does, from what 1C really sends:

- Error envelope ``{"odata.error": {"code": "...", "message": {"lang": "ru", "value": "..."}}}``:
  igmo71/XMS ``XMS.Application/Integration/OneC/Common/OneCError.cs`` (the type a real УТ 11 client decodes),
  and the answers a 1C server gave, quoted at https://errors24.ru/2023/06/27/proizoshla-vnutrennyaya-oshibka-odata-servisa
  (codes "13" and "-1", ``lang`` "ru"). The wording of our own refusals is the emulator's.
- Pages ``{"odata.metadata": ".../$metadata#<Entity>", "value": [...]}``: igmo71/XMS
  ``XMS.Application/Integration/OneC/Common/RootObject.cs``.
- Every document has ``Ref_Key, DataVersion, DeletionMark, Posted, Number, Date``: igmo71/XMS
  ``XMS.Application/Abstractions/Integration/OneC/Document.cs``; catalogs ``Ref_Key, DataVersion, DeletionMark,
  Code, Description, Parent_Key, IsFolder``: ``.../Ut/Features/Catalog_Номенклатура_Feature/Catalog_Номенклатура.cs``.
- ``Document_ЗаказКлиента`` (Партнер_Key, Контрагент_Key, Организация_Key, Склад_Key, Валюта_Key, ЦенаВключаетНДС,
  СуммаДокумента, Комментарий, ОбъектРасчетов_Key, Статус) and its ``Товары`` rows (Номенклатура_Key, Количество,
  Цена, Сумма, СтавкаНДС_Key, СуммаНДС, СуммаСНДС): ``.../Ut/Features/Document_ЗаказКлиента_Feature/
  Document_ЗаказКлиента.cs``. ``Catalog_Номенклатура`` (Артикул, ЕдиницаИзмерения_Key, НаименованиеПолное): same
  repository, ``Catalog_Номенклатура.cs``.
- ``Document_РеализацияТоваровУслуг`` (the УПД) with ``ЗаказКлиента`` + ``ЗаказКлиента_Type``, ``Контрагент_Key``,
  ``СуммаДокумента``: ``.../Ut/Features/Document_РеализацияТоваровУслуг_Feature/Document_РеализацияТоваровУслуг.cs``.
- Payment decoding rows ``РасшифровкаПлатежа``: in releases up to 11.4 the order is a composite ``Заказ`` +
  ``Заказ_Type`` (the shape of the ``ЭтапыГрафикаОплаты`` rows in the same ``Document_РеализацияТоваровУслуг.cs``),
  in 11.5 a settlement object ``ОбъектРасчетов_Key`` (``.../Document_СписаниеБезналичныхДенежныхСредств.cs``, whose
  order carries the same key: ``Document_ЗаказКлиента.cs``). Choose with ``OneCServer(release="11.5")``.
- Types: a reference is ``Edm.Guid``, a composite field is two ``Edm.String`` properties, the value and
  ``<name>_Type``: the type table of https://lexema-ecm.readthedocs.io/ru/latest/Admin%20manuals/%D0%A1%D0%AD%D0%94/
  %D0%9D%D0%B0%D1%81%D1%82%D1%80%D0%BE%D0%B9%D0%BA%D0%B0%20%D0%B4%D0%BB%D1%8F%20%D0%B8%D0%BD%D1%82%D0%B5%D0%B3%D1%80%D0%B0%D1%86%D0%B8%D0%B8%20%D1%81%201%D0%A1/
  (Описание протокола OData / Получение данных).
  An empty reference is ``00000000-0000-0000-0000-000000000000``, an empty composite ``""`` with
  ``StandardODATA.Undefined`` (igmo71/XMS converts it with ``EmptyStringToGuidConverter``), an empty date
  ``0001-01-01T00:00:00``; ``LineNumber`` (Edm.Int64) comes as a string (XMS ``StringToIntConverter``).
- ``DataVersion`` and ``If-Match`` for optimistic locking: https://pypi.org/project/onec-odata/ ; whether a real base
  answers 412 is not established, so the emulator answers 412 only when asked to (``honour_if_match``).
- Basic credentials are UTF-8 (a Cyrillic 1C user such as "Обмен"): 1C matches the user name as typed in the
  Designer; ``requests`` would send latin-1 (https://github.com/psf/requests/issues/3662 and #4564).
- Sources read at igmo71/XMS commit f4c35a7 (paths under ``XMS.Application/Integration/OneC/``).

Strictness: a POST or PATCH naming a property its ``$metadata`` does not declare, or a value of the wrong type,
is refused with 400 and an ``odata.error``, as 1C does; ``Posted`` is not writable (1C posts through ``Post()``).
Records seeded with ``add()`` are not checked, so tests can plant malformed answers.
"""
import base64
import binascii
import json
import re
import threading
import time
import uuid
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, unquote, urlsplit

EMPTY_REF = "00000000-0000-0000-0000-000000000000"
EMPTY_DATE = "0001-01-01T00:00:00"
UNDEFINED = "StandardODATA.Undefined"

# the 1C objects the suite exchanges (entity sets of the OData publication)
PARTNERS = "Catalog_Партнеры"
COUNTERPARTIES = "Catalog_Контрагенты"
NOMENCLATURE = "Catalog_Номенклатура"
ORDERS = "Document_ЗаказКлиента"
INVOICES = "Document_СчетНаОплатуКлиенту"
SHIPMENTS = "Document_РеализацияТоваровУслуг"
PAYMENTS = "Document_ПоступлениеБезналичныхДенежныхСредств"
CASH = "Document_ПриходныйКассовыйОрдер"
G, S, B, D, N, I = "Edm.Guid", "Edm.String", "Edm.Boolean", "Edm.DateTime", "Edm.Double", "Edm.Int64"
GUID_RE = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$")

CATALOG = {"Ref_Key": G, "DataVersion": S, "DeletionMark": B, "Code": S, "Description": S,
           "Predefined": B, "PredefinedDataName": S}
DOCUMENT = {"Ref_Key": G, "DataVersion": S, "DeletionMark": B, "Number": S, "Date": D, "Posted": B}
ROW = {"Ref_Key": G, "LineNumber": I}
GOODS = {"Номенклатура_Key": G, "Характеристика_Key": G, "Количество": N, "Цена": N, "Сумма": N,
         "СтавкаНДС_Key": G, "СуммаНДС": N, "СуммаСНДС": N}


def _payment_rows(release):
    rows = {"Сумма": N, "СуммаВзаиморасчетов": N, "ВалютаВзаиморасчетов_Key": G}
    if release >= "11.5":
        rows["ОбъектРасчетов_Key"] = G
    else:
        rows.update({"Заказ": S, "Заказ_Type": S})
    return rows


def schema(release="11.4"):
    """``{entity: ({property: Edm type}, {tabular section: {property: Edm type}}, {composite properties})}``."""
    payment = {**DOCUMENT, "Организация_Key": G, "Контрагент_Key": G, "Партнер_Key": G, "СуммаДокумента": N,
               "Валюта_Key": G, "Комментарий": S, "НазначениеПлатежа": S}
    return {
        "Catalog_Партнеры": ({**CATALOG, "НаименованиеПолное": S, "Клиент": B, "Комментарий": S}, {}, set()),
        "Catalog_Контрагенты": (
            {**CATALOG, "НаименованиеПолное": S, "ИНН": S, "КПП": S, "Партнер_Key": G, "Комментарий": S},
            {"КонтактнаяИнформация": {"Тип": S, "Вид_Key": G, "Представление": S}}, set()),
        "Catalog_Номенклатура": (
            {**CATALOG, "Parent_Key": G, "IsFolder": B, "Артикул": S, "НаименованиеПолное": S,
             "ЕдиницаИзмерения_Key": G, "ТипНоменклатуры": S, "ВидНоменклатуры_Key": G}, {}, set()),
        "Catalog_УпаковкиЕдиницыИзмерения": ({**CATALOG, "НаименованиеПолное": S}, {}, set()),
        "Catalog_СтавкиНДС": ({**CATALOG, "Ставка": N, "ПеречислениеСтавкаНДС": S}, {}, set()),
        "Catalog_Организации": ({**CATALOG, "ИНН": S, "КПП": S}, {}, set()),
        "Catalog_Склады": ({**CATALOG}, {}, set()),
        "Catalog_Валюты": ({**CATALOG}, {}, set()),
        "Document_ЗаказКлиента": (
            {**DOCUMENT, "Организация_Key": G, "Партнер_Key": G, "Контрагент_Key": G, "Склад_Key": G,
             "Валюта_Key": G, "ЦенаВключаетНДС": B, "СуммаДокумента": N, "Комментарий": S, "Статус": S,
             "ХозяйственнаяОперация": S, "НалогообложениеНДС": S, "ОбъектРасчетов_Key": G,
             "ДатаОтгрузки": D, "НомерПоДаннымКлиента": S},
            {"Товары": {**GOODS, "ДатаОтгрузки": D, "Отменено": B}}, set()),
        "Document_СчетНаОплатуКлиенту": (
            {**DOCUMENT, "Организация_Key": G, "Партнер_Key": G, "Контрагент_Key": G, "Валюта_Key": G,
             "СуммаДокумента": N, "Комментарий": S, "ДокументОснование": S, "ДокументОснование_Type": S},
            {}, {"ДокументОснование"}),
        "Document_РеализацияТоваровУслуг": (
            {**DOCUMENT, "Организация_Key": G, "Партнер_Key": G, "Контрагент_Key": G, "Склад_Key": G,
             "Валюта_Key": G, "СуммаДокумента": N, "Комментарий": S, "ЗаказКлиента": S, "ЗаказКлиента_Type": S,
             "ХозяйственнаяОперация": S},
            {"Товары": {**GOODS, "ЗаказКлиента": S, "ЗаказКлиента_Type": S}}, {"ЗаказКлиента"}),
        "Document_ПоступлениеБезналичныхДенежныхСредств": (
            payment, {"РасшифровкаПлатежа": _payment_rows(release)}, set()),
        "Document_ПриходныйКассовыйОрдер": (
            dict(payment), {"РасшифровкаПлатежа": _payment_rows(release)}, set()),
    }


READ_ONLY = {"Posted", "DataVersion", "Predefined", "PredefinedDataName"}
CONDITION_RE = re.compile(
    r"^\s*(\w+)\s+(eq|ne|ge|gt|le|lt)\s+(guid'[^']*'|datetime'[^']*'|'(?:[^']|'')*'|true|false|[\d.]+)\s*$")


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


def _empty(edm):
    return {G: EMPTY_REF, S: "", B: False, D: EMPTY_DATE, N: 0, I: "0"}[edm]


class OneCRefusal(Exception):
    def __init__(self, status, code, message):
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


class OneCServer:
    """Holds the records; ``faults`` is a list of (method, path part, fault) served once each:
    an HTTP status, "timeout" or "malformed". ``requests`` lists (method, path) of every request,
    ``bodies`` the JSON bodies of the writes."""

    def __init__(self, user="odata", password="secret", timeout_delay=1.5, release="11.4", honour_if_match=False):
        self.user, self.password = user, password
        self.timeout_delay = timeout_delay
        self.release = release
        self.honour_if_match = honour_if_match
        self.schema = schema(release)
        self.data = {name: {} for name in self.schema}
        self.faults = []
        self.requests = []
        self.bodies = []
        self.numbers = {}
        self.lock = threading.Lock()
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
        self.root = self.base_url + "/odata/standard.odata/"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def start(self):
        self.thread.start()
        return self

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()

    # records -------------------------------------------------------

    def _filled(self, entity, values):
        props, tables, composites = self.schema[entity]
        row = {name: _empty(edm) for name, edm in props.items()}
        for name in composites:
            row[name + "_Type"] = UNDEFINED
        for name in tables:
            row[name] = []
        row.update(values)
        for name, table in tables.items():
            lines = []
            for number, line in enumerate(row.get(name) or [], 1):
                filled = {prop: _empty(edm) for prop, edm in table.items()}
                filled.update({"Ref_Key": row.get("Ref_Key", EMPTY_REF), "LineNumber": str(number)})
                filled.update(line if isinstance(line, dict) else {})
                lines.append(filled)
            if isinstance(row.get(name), list):
                row[name] = lines
        return row

    def add(self, entity, **values):
        """A record entered by a 1C user (not checked: tests may plant bad data)."""
        key = values.pop("Ref_Key", None) or str(uuid.uuid4())
        values["Ref_Key"] = key
        if entity.startswith("Document_") and not values.get("Number"):
            values["Number"] = self._next_number(entity)
        if entity == "Document_ЗаказКлиента" and self.release >= "11.5" and not values.get("ОбъектРасчетов_Key"):
            values["ОбъектРасчетов_Key"] = str(uuid.uuid4())
        row = self._filled(entity, values)
        row["DataVersion"] = self._version()
        self.data[entity][key] = row
        return row

    def touch(self, entity, key, **values):
        """A change made by a 1C user: new DataVersion."""
        self.data[entity][key].update(values, DataVersion=self._version())
        return self.data[entity][key]

    def post(self, entity, key):
        """A 1C user posts the document."""
        return self.touch(entity, key, Posted=True)

    def _next_number(self, entity):
        self.numbers[entity] = self.numbers.get(entity, 0) + 1
        return "ТД00-%06d" % self.numbers[entity]

    @staticmethod
    def _version():
        return base64.b64encode(uuid.uuid4().bytes[:6]).decode()

    # checks --------------------------------------------------------

    def _check_value(self, entity, name, edm, value):
        ok = {
            G: lambda v: isinstance(v, str) and bool(GUID_RE.match(v)),
            S: lambda v: isinstance(v, str),
            B: lambda v: isinstance(v, bool),
            D: lambda v: isinstance(v, str) and bool(DATE_RE.match(v)),
            N: lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
            I: lambda v: isinstance(v, (int, str)) and not isinstance(v, bool) and str(v).isdigit(),
        }[edm](value)
        if not ok:
            raise OneCRefusal(400, "15", "Неверное значение свойства %s.%s: %r (ожидается %s)" % (
                entity, name, value, edm))

    def _check_body(self, entity, body):
        """Refuse what $metadata does not declare, or a value of another type."""
        if not isinstance(body, dict):
            raise OneCRefusal(400, "14", "Неверный формат тела запроса")
        props, tables, composites = self.schema[entity]
        for name, value in body.items():
            if name in READ_ONLY and name != "DataVersion":
                raise OneCRefusal(400, "15", "Свойство %s.%s недоступно для записи" % (entity, name))
            if name in tables:
                if not isinstance(value, list):
                    raise OneCRefusal(400, "15", "Табличная часть %s.%s должна быть массивом" % (entity, name))
                for line in value:
                    if not isinstance(line, dict):
                        raise OneCRefusal(400, "15", "Строка %s.%s должна быть объектом" % (entity, name))
                    for prop, item in line.items():
                        edm = tables[name].get(prop) or ROW.get(prop)
                        if not edm:
                            raise OneCRefusal(400, "15", "Неизвестное свойство %s_%s.%s" % (entity, name, prop))
                        self._check_value("%s_%s" % (entity, name), prop, edm, item)
                continue
            edm = props.get(name)
            if not edm:
                raise OneCRefusal(400, "15", "Неизвестное свойство %s.%s" % (entity, name))
            self._check_value(entity, name, edm, value)
        for name in composites:
            if name in body and body[name] and not GUID_RE.match(body[name]):
                raise OneCRefusal(400, "15", "Неверное значение составного свойства %s.%s" % (entity, name))
            kind = body.get(name + "_Type")
            if kind and kind != UNDEFINED and kind.split(".", 1)[-1] not in self.schema:
                raise OneCRefusal(400, "15", "Неизвестный тип %s" % kind)
        if entity.startswith("Catalog_") and len(body.get("Description") or "") > 100:
            raise OneCRefusal(400, "15", "Длина наименования превышает 100")

    # protocol ------------------------------------------------------

    def _reply(self, handler, status, body=None, content_type="application/json;charset=utf-8"):
        raw = body if isinstance(body, bytes) else json.dumps(body, ensure_ascii=False).encode() if body is not None else b""
        handler.send_response(status)
        handler.send_header("Content-Type", content_type)
        handler.send_header("Content-Length", str(len(raw)))
        if status == 401:
            handler.send_header("WWW-Authenticate", 'Basic realm="1C"')
        handler.end_headers()
        handler.wfile.write(raw)

    def _error(self, handler, status, message, code=None):
        self._reply(handler, status, {"odata.error": {
            "code": code or str(status), "message": {"lang": "ru", "value": message}}})

    def _authorized(self, handler):
        header = handler.headers.get("Authorization") or ""
        if not header.startswith("Basic "):
            return False
        try:
            user, _sep, password = base64.b64decode(header[6:], validate=True).decode("utf-8").partition(":")
        except (binascii.Error, UnicodeDecodeError):
            return False
        return (user, password) == (self.user, self.password)

    def _single(self, entity, row):
        return dict({"odata.metadata": self.root + "$metadata#%s/@Element" % entity}, **row)

    def _handle(self, handler, method):
        parts = urlsplit(handler.path)
        path = unquote(parts.path)
        self.requests.append((method, path))
        if not self._authorized(handler):
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
                    return self._error(handler, fault[2], "Ошибка сервера 1С", code="-1")
        if resource == "$metadata":
            return self._reply(handler, 200, self._metadata(), "application/xml")
        match = re.match(r"^(\w+)(?:\(guid'([^']*)'\))?$", resource)
        if not match or match.group(1) not in self.data:
            return self._error(handler, 404, "Не найден ресурс %s" % resource, code="9")
        entity, key = match.groups()
        body = None
        if method in ("POST", "PATCH"):
            length = int(handler.headers.get("Content-Length") or 0)
            try:
                body = json.loads(handler.rfile.read(length).decode("utf-8") or "{}")
            except (ValueError, UnicodeDecodeError):
                return self._error(handler, 400, "Ошибка разбора JSON", code="14")
            self.bodies.append((method, entity, body))
        with self.lock:
            try:
                return self._dispatch(handler, method, entity, key, body, parts.query)
            except OneCRefusal as refusal:
                return self._error(handler, refusal.status, refusal.message, code=refusal.code)

    def _dispatch(self, handler, method, entity, key, body, query_string):
        rows = self.data[entity]
        if method == "GET" and key:
            if key not in rows:
                raise OneCRefusal(404, "9", "Экземпляр сущности не найден")
            return self._reply(handler, 200, self._single(entity, rows[key]))
        if method == "GET":
            return self._list(handler, entity, rows, {k: v[0] for k, v in parse_qs(query_string).items()})
        self._check_body(entity, body)
        values = {k: v for k, v in body.items() if k != "DataVersion"}
        if method == "POST":
            if entity.startswith("Document_") and not values.get("Date"):
                values["Date"] = datetime.now().strftime("%Y-%m-%dT%H:%M:%S")
            return self._reply(handler, 201, self._single(entity, self.add(entity, **values)))
        if key not in rows:
            raise OneCRefusal(404, "9", "Экземпляр сущности не найден")
        expected = handler.headers.get("If-Match")
        if self.honour_if_match and expected and expected != rows[key]["DataVersion"]:
            raise OneCRefusal(412, "13", "Версия объекта изменилась")
        for name, table in self.schema[entity][1].items():
            if name in values:
                values[name] = self._filled(entity, {"Ref_Key": key, name: values[name]})[name]
        return self._reply(handler, 200, self._single(entity, self.touch(entity, key, **values)))

    def _list(self, handler, entity, rows, query):
        result = list(rows.values())
        if query.get("$filter"):
            conditions = []
            for part in re.split(r"\s+and\s+", query["$filter"]):
                found = CONDITION_RE.match(part)
                if not found:
                    raise OneCRefusal(400, "11", "Неверный $filter: %s" % part)
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
        return self._reply(handler, 200, {"odata.metadata": self.root + "$metadata#" + entity, "value": result})

    def _metadata(self):
        types = []
        for name, (props, tables, composites) in self.schema.items():
            declared = "".join(
                '<Property Name="%s" Type="%s" Nullable="%s"/>' % (prop, edm, "false" if prop == "Ref_Key" else "true")
                for prop, edm in props.items()
            ) + "".join(
                '<Property Name="%s" Type="Collection(StandardODATA.%s_%s_RowType)" Nullable="false"/>' % (
                    table, name, table) for table in tables
            )
            types.append('<EntityType Name="%s"><Key><PropertyRef Name="Ref_Key"/></Key>%s</EntityType>' % (
                name, declared))
            for table, columns in tables.items():
                types.append('<ComplexType Name="%s_%s_RowType">%s</ComplexType>' % (name, table, "".join(
                    '<Property Name="%s" Type="%s"/>' % (prop, edm) for prop, edm in {**ROW, **columns}.items())))
        sets = "".join('<EntitySet Name="%s" EntityType="StandardODATA.%s"/>' % (n, n) for n in self.schema)
        return (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<edmx:Edmx xmlns:edmx="http://schemas.microsoft.com/ado/2007/06/edmx" Version="1.0">'
            '<edmx:DataServices m:DataServiceVersion="3.0" '
            'xmlns:m="http://schemas.microsoft.com/ado/2007/08/dataservices/metadata">'
            '<Schema xmlns="http://schemas.microsoft.com/ado/2009/11/edm" Namespace="StandardODATA">%s'
            '<EntityContainer Name="EnterpriseV8" m:IsDefaultEntityContainer="true">%s</EntityContainer>'
            '</Schema></edmx:DataServices></edmx:Edmx>' % ("".join(types), sets)
        ).encode()
