"""Small client for the Mailchimp Marketing API 3.0 around the mailchimp3 package.

It adds what the package leaves to its caller: a checked API key, timeouts,
retries of 429/5xx and network failures, typed errors, and the download of
a batch results archive.
"""
import io
import json
import logging
import re
import tarfile
import time

import requests
from mailchimp3 import MailChimp
from mailchimp3.mailchimpclient import MailChimpError

_logger = logging.getLogger(__name__)
# mailchimp3 logs every payload (names, emails, phones) at INFO: keep personal data out of the logs
logging.getLogger("mailchimp3.client").setLevel(logging.WARNING)

API_KEY_RE = re.compile(r"^[0-9a-f]{32}-[a-z]+[0-9]+$")


class MailchimpError(Exception):
    """Any failure talking to Mailchimp; ``status`` is the HTTP status if any."""

    def __init__(self, message, status=None, detail=None, url=None):
        super().__init__(message)
        self.status = status
        self.detail = detail or message
        self.url = url


class MailchimpConfigError(MailchimpError):
    """The API key or the audience is missing or of the wrong shape."""


class MailchimpAuthError(MailchimpError):
    """Mailchimp refused the API key (401/403)."""


class MailchimpBadRequestError(MailchimpError):
    """Mailchimp rejected the request itself (400/404); retrying will not help."""


class MailchimpUnavailableError(MailchimpError):
    """Rate limit, server error or network failure that outlived the retries."""


class MailchimpNoAnswerError(MailchimpUnavailableError):
    """Nothing answered at ``url``: no connection, unknown host, or silence until the timeout."""


class MailchimpClient:
    """One Mailchimp account; ``base_url`` overrides the data centre URL."""

    def __init__(self, api_key, base_url=None, timeout=20, retries=3, backoff=1.0):
        api_key = (api_key or "").strip()
        if not API_KEY_RE.match(api_key):
            raise MailchimpConfigError(
                "The Mailchimp API key must look like 32 hexadecimal characters, "
                "a dash and the data centre, e.g. 0123...cdef-us21"
            )
        self.retries = max(int(retries), 0)
        self.backoff = float(backoff)
        self.timeout = timeout
        self.api = MailChimp(mc_api=api_key, timeout=timeout)
        if base_url:
            # mailchimp3 derives the URL from the key's data centre; it joins
            # every path onto this attribute, so a proxy or emulator fits here
            self.api.base_url = base_url.rstrip("/") + "/3.0/"
        self.request_count = 0

    def _call(self, func, *args, **kwargs):
        attempt = 0
        while True:
            attempt += 1
            self.request_count += 1
            try:
                return func(*args, **kwargs)
            except MailChimpError as exc:
                error = self._translate(exc)
            except (requests.ConnectionError, requests.Timeout) as exc:
                error = MailchimpNoAnswerError(
                    f"Mailchimp cannot be reached: {exc}", detail="Mailchimp cannot be reached",
                    url=self.api.base_url,
                )
                error.__cause__ = exc
            if not isinstance(error, MailchimpUnavailableError) or attempt > self.retries:
                raise error
            _logger.info("Mailchimp: %s, retry %s of %s", error, attempt, self.retries)
            time.sleep(self.backoff * attempt)

    @staticmethod
    def _translate(exc):
        data = exc.args[0] if exc.args and isinstance(exc.args[0], dict) else {}
        response = data.get("response")
        status = getattr(response, "status_code", None)
        detail = data.get("detail") or data.get("title") or getattr(response, "text", "") or str(exc)
        message = f"Mailchimp answered {status}: {detail}"
        if status in (401, 403):
            return MailchimpAuthError(message, status, detail)
        if status == 429 or (status and status >= 500):
            return MailchimpUnavailableError(message, status, detail)
        return MailchimpBadRequestError(message, status, detail)

    # members

    def upsert_member(self, list_id, subscriber_hash, body):
        return self._call(self.api.lists.members.create_or_update, list_id, subscriber_hash, body)

    def update_tags(self, list_id, subscriber_hash, tags):
        return self._call(self.api.lists.members.tags.update, list_id, subscriber_hash, {"tags": tags})

    def iter_members(self, list_id, status, since=None, page_size=1000):
        """Yield the email addresses of the audience in a status, page by page."""
        offset = 0
        while True:
            params = {
                "status": status, "count": page_size, "offset": offset,
                "fields": "members.email_address,members.status,total_items",
            }
            if since:
                params["since_last_changed"] = since
            page = self._call(self.api.lists.members.all, list_id, get_all=False, **params)
            members = page.get("members") or []
            yield from members
            offset += len(members)
            if not members or offset >= page.get("total_items", 0):
                return

    # batches

    def start_batch(self, operations):
        return self._call(self.api.batches.create, {"operations": operations})

    def get_batch(self, batch_id):
        return self._call(self.api.batches.get, batch_id)

    def batch_results(self, url):
        """Read the results archive of a finished batch: one dict per operation."""
        attempt = 0
        while True:
            attempt += 1
            self.request_count += 1
            try:
                response = requests.get(url, timeout=self.timeout)
                if response.status_code < 400:
                    break
                error = MailchimpUnavailableError(
                    f"The batch results could not be downloaded ({response.status_code})",
                    response.status_code,
                )
            except (requests.ConnectionError, requests.Timeout) as exc:
                error = MailchimpNoAnswerError(
                    f"The batch results could not be downloaded: {exc}",
                    detail="The batch results could not be downloaded", url=url.split("?")[0],
                )
                error.__cause__ = exc
            if attempt > self.retries:
                raise error
            time.sleep(self.backoff * attempt)
        results = []
        with tarfile.open(fileobj=io.BytesIO(response.content), mode="r:gz") as archive:
            for member in archive.getmembers():
                if member.isfile() and member.name.endswith(".json"):
                    results.extend(json.load(archive.extractfile(member)))
        return results
