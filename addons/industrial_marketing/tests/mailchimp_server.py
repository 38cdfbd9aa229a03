"""A Mailchimp Marketing API 3.0 emulator for the calls the sync makes.

It runs in a thread on 127.0.0.1 and keeps audiences in memory: member
upsert (PUT /3.0/lists/{id}/members/{hash}), member tags, member listing
with a status filter, and batch operations whose results come back as a
tar.gz archive of JSON files, as the real service does.
"""
import base64
import hashlib
import io
import json
import re
import tarfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

API_KEY = "0123456789abcdef0123456789abcdef-us21"


def error_body(status, title, detail):
    return {
        "type": "https://mailchimp.com/developer/marketing/docs/errors/",
        "title": title, "status": status, "detail": detail, "instance": "emulated",
    }


class MailchimpEmulator:
    """In-memory Mailchimp account; ``fail_next`` queues HTTP errors to answer."""

    def __init__(self, api_key=API_KEY, polls_before_finish=1):
        self.api_key = api_key
        self.members = {}  # (list_id, hash) -> member dict
        self.batches = {}
        self.requests = []  # (method, path)
        self.fail_next = []  # [(status, title, detail)]
        self.reject_emails = set()  # 400 Invalid Resource for these
        self.archive_failures = 0  # answer 503 to this many archive downloads
        self.polls_before_finish = polls_before_finish
        self.lock = threading.Lock()
        emulator = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                emulator._handle(self, "GET")

            def do_PUT(self):
                emulator._handle(self, "PUT")

            def do_POST(self):
                emulator._handle(self, "POST")

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base_url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def start(self):
        self.thread.start()
        return self

    def stop(self):
        self.server.shutdown()
        self.server.server_close()

    def add_member(self, list_id, email, status="subscribed"):
        member_hash = hashlib.md5(email.lower().encode()).hexdigest()
        self.members[(list_id, member_hash)] = {
            "id": member_hash, "email_address": email, "status": status, "merge_fields": {}, "tags": [],
            "last_changed": time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime()),
        }

    def member_puts(self):
        """Members sent directly or inside batches, in order."""
        return [p for m, p in self.requests if m == "PUT"] + [
            op["path"] for batch in self.batches.values() for op in batch["operations"] if op["method"] == "PUT"
        ]

    # protocol

    def _send(self, handler, status, body=None, content_type="application/json"):
        raw = body if isinstance(body, bytes) else json.dumps(body).encode() if body is not None else b""
        handler.send_response(status)
        handler.send_header("Content-Type", content_type)
        handler.send_header("Content-Length", str(len(raw)))
        handler.end_headers()
        handler.wfile.write(raw)

    def _handle(self, handler, method):
        url = urlparse(handler.path)
        length = int(handler.headers.get("Content-Length") or 0)
        body = json.loads(handler.rfile.read(length) or b"null") if length else None
        with self.lock:
            self.requests.append((method, url.path))
            if url.path.startswith("/archives/") and self.archive_failures:
                self.archive_failures -= 1
                return self._send(handler, 503, b"<html>Service Unavailable</html>", "text/html")
            if url.path.startswith("/archives/"):
                batch = self.batches.get(url.path.split("/")[-1].split(".")[0])
                return self._send(handler, 200 if batch else 404, batch and batch["archive"],
                                  "application/x-gzip")
            auth = handler.headers.get("Authorization", "")
            user_key = base64.b64decode(auth.split(" ")[-1]).decode().split(":")[-1] if auth.startswith("Basic") else ""
            if user_key != self.api_key:
                return self._send(handler, 401, error_body(
                    401, "API Key Invalid", "Your API key may be invalid, or you've attempted to access the wrong datacenter."))
            if self.fail_next:
                status, title, detail = self.fail_next.pop(0)
                return self._send(handler, status, error_body(status, title, detail))
            status, answer = self._route(method, url.path.removeprefix("/3.0/").strip("/"), parse_qs(url.query), body)
            return self._send(handler, status, answer)

    def _route(self, method, path, query, body):
        if match := re.fullmatch(r"lists/(\w+)/members/(\w+)/tags", path):
            if method == "POST":
                member = self.members.get(match.groups())
                if not member:
                    return 404, error_body(404, "Resource Not Found", "The requested resource could not be found.")
                member["tags"] = [t["name"] for t in body["tags"] if t.get("status") == "active"]
                return 204, None
        if match := re.fullmatch(r"lists/(\w+)/members/(\w+)", path):
            if method == "PUT":
                return self._upsert(*match.groups(), body)
        if match := re.fullmatch(r"lists/(\w+)/members", path):
            if method == "GET":
                return 200, self._list(match.group(1), query)
        if path == "batches" and method == "POST":
            return 200, self._start_batch(body)
        if match := re.fullmatch(r"batches/(\w+)", path):
            batch = self.batches.get(match.group(1))
            if batch:
                return 200, self._poll(batch)
        return 404, error_body(404, "Resource Not Found", "The requested resource could not be found.")

    def _upsert(self, list_id, member_hash, body):
        email = body.get("email_address") or ""
        if hashlib.md5(email.lower().encode()).hexdigest() != member_hash:
            return 400, error_body(400, "Invalid Resource", "The subscriber hash does not match the email address.")
        if email in self.reject_emails:
            return 400, error_body(400, "Invalid Resource",
                                   f"{email} looks fake or invalid, please enter a real email address.")
        member = self.members.get((list_id, member_hash))
        if not member:
            self.add_member(list_id, email, body.get("status_if_new", "subscribed"))
            member = self.members[(list_id, member_hash)]
        if body.get("status"):
            member["status"] = body["status"]
        member["merge_fields"] = dict(member["merge_fields"], **(body.get("merge_fields") or {}))
        return 200, member

    def _list(self, list_id, query):
        status = (query.get("status") or [None])[0]
        since = (query.get("since_last_changed") or [""])[0]
        members = [m for (lid, _h), m in sorted(self.members.items()) if lid == list_id
                   and (not status or m["status"] == status) and m["last_changed"] >= since]
        offset = int((query.get("offset") or [0])[0])
        count = int((query.get("count") or [10])[0])
        return {"members": members[offset:offset + count], "total_items": len(members), "list_id": list_id}

    def _start_batch(self, body):
        batch_id = hashlib.md5(str(len(self.batches) + 1).encode()).hexdigest()[:10]
        results = []
        for op in body["operations"]:
            status, answer = self._route(op["method"], op["path"].strip("/"), {}, json.loads(op.get("body") or "null"))
            results.append({"status_code": status, "operation_id": op.get("operation_id"),
                            "response": json.dumps(answer) if answer is not None else ""})
        archive = io.BytesIO()
        with tarfile.open(fileobj=archive, mode="w:gz") as tar:
            raw = json.dumps(results).encode()
            info = tarfile.TarInfo(f"{batch_id}/{batch_id}-0.json")
            info.size = len(raw)
            tar.addfile(info, io.BytesIO(raw))
        errored = sum(1 for r in results if r["status_code"] >= 400)
        self.batches[batch_id] = {
            "id": batch_id, "operations": body["operations"], "archive": archive.getvalue(),
            "polls": 0, "total_operations": len(results), "errored_operations": errored,
        }
        return {"id": batch_id, "status": "pending", "total_operations": len(results),
                "finished_operations": 0, "errored_operations": 0, "response_body_url": ""}

    def _poll(self, batch):
        """GET /batches/{id}: Mailchimp's batch statuses are pending, preprocessing, started,
        finalizing and finished; only a finished batch carries ``response_body_url``
        (Marketing API reference, "Batch operations": https://mailchimp.com/developer/marketing/api/batch-operations/,
        status list also quoted in github.com/Arcadier/Mailchimp-Exporter wiki "Mailchimp API Playground").
        A batch answers "started" until it has been polled ``polls_before_finish`` times."""
        batch["polls"] += 1
        finished = batch["polls"] > self.polls_before_finish
        return {
            "id": batch["id"], "status": "finished" if finished else "started",
            "total_operations": batch["total_operations"],
            "finished_operations": batch["total_operations"] if finished else 0,
            "errored_operations": batch["errored_operations"] if finished else 0,
            "response_body_url": f"{self.base_url}/archives/{batch['id']}.tar.gz" if finished else "",
        }


if __name__ == "__main__":
    # stand-alone for the benchmark: prints its URL, serves until killed
    emulator = MailchimpEmulator(polls_before_finish=0).start()
    print(emulator.base_url, flush=True)
    emulator.thread.join()
