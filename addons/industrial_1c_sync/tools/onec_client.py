"""Client of the standard OData v3 interface of 1C:Enterprise 8.3 (JSON, Basic auth)."""
import base64
import json
import re
import time
import xml.etree.ElementTree as ET

import requests

GUID_RE = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
EMPTY_GUID = "00000000-0000-0000-0000-000000000000"
EMPTY_DATE = "0001-01-01T00:00:00"


class OneCError(Exception):
    """Base of the errors the exchange logs; ``kind`` names the fault.

    The message is the technical detail, for the server log; ``url`` (the
    publication's base URL) and ``status`` (the HTTP status, if 1C answered)
    let the caller tell the administrator what to check, in his language.
    """

    kind = "error"

    def __init__(self, message, url=None, status=None, reason=None, code=None):
        super().__init__(message)
        self.url = url
        self.status = status
        self.reason = reason
        self.code = code


class OneCAuthError(OneCError):
    kind = "auth"


class OneCServerError(OneCError):
    kind = "server"


class OneCUnreachableError(OneCServerError):
    """Nothing answered at the address: connection refused, unknown host, no route."""

    kind = "unreachable"


class OneCRefusedError(OneCServerError):
    """1C refused the request itself (HTTP 400): a property or value its metadata does not accept."""

    kind = "refused"


class OneCConfigError(OneCError):
    """The connection settings cannot make a request: the address is not a URL."""

    kind = "config"


class OneCTimeoutError(OneCError):
    kind = "timeout"


class OneCMalformedError(OneCError):
    kind = "malformed"


class OneCConflictError(OneCError):
    """The record changed in 1C since the version we hold (``current_version`` is 1C's)."""

    kind = "conflict"

    def __init__(self, message, current_version=None, **kwargs):
        super().__init__(message, **kwargs)
        self.current_version = current_version


class OneCNotFoundError(OneCError):
    kind = "not_found"


def is_guid(value):
    """A filled 1C reference (the empty reference is all zeros)."""
    return isinstance(value, str) and bool(GUID_RE.match(value)) and value != EMPTY_GUID


def basic_authorization(user, password):
    """The Basic header with UTF-8 credentials: a 1C user is often Cyrillic ("Обмен"), which
    requests' own HTTPBasicAuth cannot send (it encodes latin-1, psf/requests#4564)."""
    raw = ("%s:%s" % (user or "", password or "")).encode("utf-8")
    return "Basic " + base64.b64encode(raw).decode("ascii")


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
        self.session.headers.update({"Accept": "application/json", "Authorization": basic_authorization(user, password)})
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
            except (requests.exceptions.InvalidURL, requests.exceptions.MissingSchema,
                    requests.exceptions.InvalidSchema, ValueError) as exc:
                raise OneCConfigError("%s is not an address: %s" % (self.base_url, exc), url=self.base_url) from exc
            except requests.RequestException as exc:  # refused, unknown host, reset, SSL, too many redirects
                error = OneCUnreachableError("1C is unreachable: %s" % exc, url=self.base_url)
                error.__cause__ = exc
            else:
                status = response.status_code
                if status < 400:
                    return response
                code, reason = self._odata_error(response)
                details = dict(url=self.base_url, status=status, reason=reason, code=code)
                if status in (401, 403):
                    raise OneCAuthError("1C refused the user name or password (HTTP %s)" % status, **details)
                if status == 404:
                    raise OneCNotFoundError("1C has no %s (HTTP 404): %s" % (path, reason or ""), **details)
                if status in (409, 412):
                    raise OneCConflictError("%s was changed in 1C meanwhile (HTTP %s)" % (path, status), **details)
                text = "1C answered HTTP %s: %s" % (status, response.text[:300])
                if status == 400:
                    raise OneCRefusedError(text, **details)
                error = OneCServerError(text, **details)
                if status < 500:
                    raise error
            if attempt + 1 < attempts:
                time.sleep(self.backoff * (attempt + 1))
        raise error

    @staticmethod
    def _odata_error(response):
        """``(code, message)`` of 1C's answer ``{"odata.error": {"code", "message": {"lang", "value"}}}``."""
        try:
            error = response.json()["odata.error"]
            message = error.get("message")
        except (ValueError, KeyError, TypeError, AttributeError):
            return None, None
        value = message.get("value") if isinstance(message, dict) else message
        return (str(error.get("code")) if error.get("code") is not None else None,
                str(value)[:500] if value else None)

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

    def get(self, entity, key, select=None):
        params = {"$select": ",".join(select)} if select else None
        return self._json(self._request("GET", self.entity_path(entity, key), params))

    def create(self, entity, values):
        return self._json(self._request("POST", entity, body=values, headers={"Content-Type": "application/json"}))

    def update(self, entity, key, values, data_version=None):
        """PATCH the record if 1C still holds ``data_version``: the version is read just before
        writing, since whether a 1C base honours If-Match (and answers 412) is not established."""
        headers = {"Content-Type": "application/json"}
        if data_version:
            current = self.get(entity, key, select=["DataVersion"]).get("DataVersion")
            if current != data_version:
                raise OneCConflictError(
                    "%s(%s) was changed in 1C since version %s (now %s)" % (entity, key, data_version, current),
                    current_version=current, url=self.base_url)
            headers["If-Match"] = data_version
        return self._json(self._request("PATCH", self.entity_path(entity, key), body=dict(values), headers=headers))
