"""Client of the standard OData v3 interface of 1C:Enterprise 8.3 (JSON, Basic auth)."""
import json
import re
import time
import xml.etree.ElementTree as ET

import requests

GUID_RE = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
EMPTY_GUID = "00000000-0000-0000-0000-000000000000"


class OneCError(Exception):
    """Base of the errors the exchange logs; ``kind`` names the fault.

    The message is the technical detail, for the server log; ``url`` (the
    publication's base URL) and ``status`` (the HTTP status, if 1C answered)
    let the caller tell the administrator what to check, in his language.
    """

    kind = "error"

    def __init__(self, message, url=None, status=None, reason=None):
        super().__init__(message)
        self.url = url
        self.status = status
        self.reason = reason


class OneCAuthError(OneCError):
    kind = "auth"


class OneCServerError(OneCError):
    kind = "server"


class OneCUnreachableError(OneCServerError):
    """Nothing answered at the address: connection refused, unknown host, no route."""

    kind = "unreachable"


class OneCTimeoutError(OneCError):
    kind = "timeout"


class OneCMalformedError(OneCError):
    kind = "malformed"


class OneCConflictError(OneCError):
    kind = "conflict"


class OneCNotFoundError(OneCError):
    kind = "not_found"


def is_guid(value):
    return isinstance(value, str) and bool(GUID_RE.match(value)) and value != EMPTY_GUID


def odata_string(value):
    return "'%s'" % str(value).replace("'", "''")


class OneCClient:
    """One session to a 1C information base; GETs are retried, writes never
    (a POST retried after a timeout could create the record twice)."""

    def __init__(self, base_url, user, password, timeout=15, retries=2, backoff=0.5):
        self.base_url = base_url.rstrip("/")
        self.root = self.base_url + "/odata/standard.odata/"
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.session = requests.Session()
        self.session.auth = (user or "", password or "")
        self.session.headers.update({"Accept": "application/json"})
        self.request_count = 0

    def _request(self, method, path, params=None, body=None, headers=None):
        params = dict(params or {}, **{"$format": "json"}) if path != "$metadata" else params
        attempts = self.retries + 1 if method == "GET" else 1
        for attempt in range(attempts):
            self.request_count += 1
            try:
                response = self.session.request(
                    method, self.root + path, params=params, headers=headers,
                    data=json.dumps(body).encode() if body is not None else None,
                    timeout=self.timeout,
                )
            except requests.Timeout as exc:
                error = OneCTimeoutError(
                    "1C did not answer within %s s: %s" % (self.timeout, exc), url=self.base_url)
                error.__cause__ = exc
            except requests.ConnectionError as exc:
                error = OneCUnreachableError("1C is unreachable: %s" % exc, url=self.base_url)
                error.__cause__ = exc
            else:
                status = response.status_code
                if status in (401, 403):
                    raise OneCAuthError(
                        "1C refused the user name or password (HTTP %s)" % status, url=self.base_url, status=status)
                if status == 404:
                    raise OneCNotFoundError("1C has no %s (HTTP 404)" % path, url=self.base_url, status=status)
                if status in (409, 412):
                    raise OneCConflictError(
                        "%s was changed in 1C meanwhile (HTTP %s)" % (path, status), url=self.base_url, status=status)
                if status >= 400:
                    error = OneCServerError(
                        "1C answered HTTP %s: %s" % (status, response.text[:300]),
                        url=self.base_url, status=status, reason=self._reason(response),
                    )
                    if status < 500:
                        raise error
                else:
                    return response
            if attempt + 1 < attempts:
                time.sleep(self.backoff * (attempt + 1))
        raise error

    @staticmethod
    def _reason(response):
        """The message of an OData error answer (``odata.error.message.value``), if any."""
        try:
            message = response.json()["odata.error"]["message"]
        except (ValueError, KeyError, TypeError):
            return None
        value = message.get("value") if isinstance(message, dict) else message
        return str(value)[:300] if value else None

    def _json(self, response):
        try:
            data = response.json()
        except ValueError as exc:
            raise OneCMalformedError(
                "1C sent a reply that is not JSON: %s" % response.text[:200], url=self.base_url) from exc
        if not isinstance(data, dict):
            raise OneCMalformedError("1C sent unexpected JSON: %s" % response.text[:200], url=self.base_url)
        return data

    @staticmethod
    def entity_path(entity, key):
        if not is_guid(key):
            raise OneCMalformedError("%r is not a 1C key (GUID)" % (key,))
        return "%s(guid'%s')" % (entity, key)

    def metadata(self):
        """Entity sets and their properties, from the EDMX document."""
        response = self._request("GET", "$metadata")
        try:
            root = ET.fromstring(response.content)
        except ET.ParseError as exc:
            raise OneCMalformedError("1C sent unreadable $metadata: %s" % exc, url=self.base_url) from exc
        entities = {}
        for node in root.iter():
            if node.tag.endswith("}EntityType") or node.tag == "EntityType":
                entities[node.get("Name")] = {
                    prop.get("Name") for prop in node
                    if prop.tag.endswith("Property") and not prop.tag.endswith("NavigationProperty")
                }
        return entities

    def list(self, entity, filter=None, top=None, skip=None, select=None, orderby=None):
        params = {}
        if filter:
            params["$filter"] = filter
        if top:
            params["$top"] = int(top)
        if skip:
            params["$skip"] = int(skip)
        if select:
            params["$select"] = ",".join(select)
        if orderby:
            params["$orderby"] = orderby
        data = self._json(self._request("GET", entity, params))
        rows = data.get("value")
        if not isinstance(rows, list):
            raise OneCMalformedError("1C sent a page of %s without its 'value' list" % entity, url=self.base_url)
        return rows

    def get(self, entity, key):
        return self._json(self._request("GET", self.entity_path(entity, key)))

    def create(self, entity, values):
        return self._json(self._request("POST", entity, body=values, headers={"Content-Type": "application/json"}))

    def update(self, entity, key, values, data_version=None):
        body = dict(values)
        headers = {"Content-Type": "application/json"}
        if data_version:
            body["DataVersion"] = data_version
            headers["If-Match"] = data_version
        return self._json(self._request("PATCH", self.entity_path(entity, key), body=body, headers=headers))
