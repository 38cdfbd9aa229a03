"""Load of the busy-day benchmark (tools/bench_busy.sh), against two live Odoo servers on one database.

``drive <urlA> <urlB> <db> <out.json> <pidA> <pidB>``: for BUSY_MINUTES minutes, at the same time:

- customer emails through the mail gateway entry point, as odoo-mailgate and fetchmail hand them
  over (XML-RPC ``mail.thread.message_process(False, raw)``, routed by the ``requests`` alias),
  BUSY_EMAIL_RATE per second alternating between the servers; 1 in 20 is delivered a second
  time, at the same moment, to the other server (a mail relay retrying);
- MikoPBX ModuleHttpAlert events over HTTP (industrial_miko/tools/miko_emulator.py ``HttpAlert``),
  BUSY_PBX_RATE events per second in calls of five events; 1 call in 5 has its events reordered
  and 1 event in 10 is replayed at once to the other server;
- BUSY_USERS web users (the heads and managers the seeding made) over JSON-RPC as the web client
  calls it (/web/dataset/call_kw): the pipeline kanban (web_read_group by stage, then, at once,
  web_search_read of each unfolded column), the request list with its default filter, a deal form
  (web_read), a stage move and an assignment (write), with BUSY_THINK seconds between screens.

Before the load, the baseline on the idle server A: /web/webclient/version_info and the web_read
of one stock res.partner. The RSS of each worker of both servers (children of the prefork server
read from /proc) is taken after the warm-up and at the end. Prints per kind requests/s,
p50/p95/p99 and errors; writes what was sent to ``out.json`` for the database check.

``report <out.json> <check.json> <logA> <logB>``: the targets against what was measured, PASS/MISS.
"""
import json
import os
import random
import re
import sys
import threading
import time
import uuid
import xmlrpc.client
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta

import requests

from bench_emulators import miko_emulator

MINUTES = float(os.environ.get("BUSY_MINUTES", 10))
EMAIL_RATE = float(os.environ.get("BUSY_EMAIL_RATE", 20))
PBX_RATE = float(os.environ.get("BUSY_PBX_RATE", 20))
USERS = int(os.environ.get("BUSY_USERS", 30))
THINK = float(os.environ.get("BUSY_THINK", 3))
CONTACTS = int(os.environ.get("BUSY_CONTACTS", 200000))
WARMUP = float(os.environ.get("BUSY_WARMUP", 20))
RUN = uuid.uuid4().hex[:8]
PASSWORD = "busy-bench"  # of every user tools/bench_busy_seed.py makes


def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * p / 100))] * 1000 if values else 0.0


class Stats:
    """Latencies and errors per kind, thread-safe."""

    def __init__(self):
        self.lock = threading.Lock()
        self.times, self.errors, self.refused, self.samples = {}, {}, {}, {}

    def add(self, kind, elapsed, error=None, refused=False):
        with self.lock:
            if error:
                self.errors[kind] = self.errors.get(kind, 0) + 1
                self.samples.setdefault(kind, [])
                if len(self.samples[kind]) < 3:
                    self.samples[kind].append(str(error)[:300])
            elif refused:
                self.refused[kind] = self.refused.get(kind, 0) + 1
            else:
                self.times.setdefault(kind, []).append(elapsed)


def worker_rss(pid):
    """{pid: RSS kB} of the prefork server's children (HTTP and cron workers), or of the server itself."""
    pids = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as f:
                pids += [int(p) for p in f.read().split()]
    except OSError:
        return {}
    rss = {}
    for child in pids or [pid]:
        try:
            with open(f"/proc/{child}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        rss[child] = int(line.split()[1])
        except OSError:
            pass
    return rss


class WebUser:
    """One person in the web client: a session cookie and /web/dataset/call_kw."""

    def __init__(self, base, db, login, stats, password=None):
        self.base, self.login, self.stats = base, login, stats
        self.session = requests.Session()
        answer = self.session.post(f"{base}/web/session/authenticate", json={
            "jsonrpc": "2.0", "params": {"db": db, "login": login, "password": password or PASSWORD}}, timeout=600).json()
        if "error" in answer or not answer.get("result", {}).get("uid"):
            raise RuntimeError(f"{login} cannot log in: {answer.get('error')}")
        self.uid = answer["result"]["uid"]
        self.is_head = login.startswith("busy_head")
        self.deal_ids = []
        self.stage_ids = []

    def call(self, model, method, args, kwargs=None):
        answer = self.session.post(f"{self.base}/web/dataset/call_kw/{model}/{method}", json={
            "jsonrpc": "2.0", "method": "call",
            "params": {"model": model, "method": method, "args": args, "kwargs": kwargs or {}}}, timeout=120).json()
        if "error" in answer:
            raise RpcError(answer["error"])
        return answer["result"]

    def screen(self, kind, func):
        t0 = time.perf_counter()
        try:
            func()
        except RpcError as error:
            # a business refusal (UserError/AccessError) is an answer, not a failure of the server
            refused = error.name in ("odoo.exceptions.UserError", "odoo.exceptions.AccessError")
            self.stats.add(kind, 0, error=None if refused else error, refused=refused)
            return
        except requests.RequestException as error:
            self.stats.add(kind, 0, error=error)
            return
        self.stats.add(kind, time.perf_counter() - t0)

    CONTEXT = {"lang": "en_US", "tz": "Europe/Moscow", "default_type": "opportunity"}

    def kanban(self):
        domain = [("type", "=", "opportunity"), "|", ("user_id", "=", self.uid), ("user_id", "=", False)] \
            if not self.is_head else [("type", "=", "opportunity"), "|",
                                      ("direction_id.head_id", "=", self.uid),
                                      ("direction_id.member_ids", "in", [self.uid])]
        groups = self.call("crm.lead", "web_read_group", [], {
            "domain": domain, "fields": ["expected_revenue:sum"], "groupby": ["stage_id"],
            "lazy": True, "context": self.CONTEXT})["groups"]
        self.stage_ids = [g["stage_id"][0] for g in groups if g.get("stage_id")]
        spec = {"name": {}, "partner_id": {"fields": {"display_name": {}}}, "expected_revenue": {},
                "user_id": {"fields": {"display_name": {}}}, "stage_id": {"fields": {"display_name": {}}},
                "activity_state": {}, "priority": {}, "tag_ids": {"fields": {"display_name": {}, "color": {}}},
                "color": {}, "direction_id": {"fields": {"display_name": {}}}}
        # as the web client's kanban: the cards of the unfolded columns only (a folded one shows its count),
        # the columns read at the same time (Promise.all over the groups)
        unfolded = [group for group in groups if not group.get("__fold")]

        def cards(group):
            return group, self.call("crm.lead", "web_search_read", [], {
                "domain": group["__domain"], "specification": spec, "limit": 40,
                "order": "priority desc, id desc", "context": self.CONTEXT})["records"]

        with ThreadPoolExecutor(max_workers=max(1, len(unfolded))) as columns:
            for group, records in columns.map(cards, unfolded):
                if records and group.get("stage_id") and group["stage_id"][0] in self.stage_ids[:2]:
                    self.deal_ids = [r["id"] for r in records] or self.deal_ids

    def request_list(self):
        self.call("industrial.request", "web_search_read", [], {
            "domain": [("state", "=", "new")] if not self.is_head else [("state", "=", "routed")],
            "specification": {"name": {}, "received_date": {}, "channel": {}, "contact_name": {},
                              "subject": {}, "partner_id": {"fields": {"display_name": {}}},
                              "direction_id": {"fields": {"display_name": {}}},
                              "user_id": {"fields": {"display_name": {}}}, "state": {}},
            "limit": 80, "order": "received_date desc, id desc", "count_limit": 10001,
            "context": {"lang": "en_US"}})

    def deal_form(self):
        if self.deal_ids:
            self.call("crm.lead", "web_read", [[random.choice(self.deal_ids)]], {"specification": {
                "name": {}, "partner_id": {"fields": {"display_name": {}}}, "email_from": {}, "phone": {},
                "expected_revenue": {}, "stage_id": {"fields": {"display_name": {}}},
                "user_id": {"fields": {"display_name": {}}}, "team_id": {"fields": {"display_name": {}}},
                "direction_id": {"fields": {"display_name": {}}}, "description": {}, "request_count": {},
                "message_follower_ids": {}, "activity_ids": {}, "message_ids": {}},
                "context": self.CONTEXT})

    def move_stage(self):
        if self.deal_ids and len(self.stage_ids) >= 2:
            deal = random.choice(self.deal_ids)
            current = self.call("crm.lead", "read", [[deal], ["stage_id"]])[0]["stage_id"]
            target = self.stage_ids[1] if current and current[0] == self.stage_ids[0] else self.stage_ids[0]
            self.call("crm.lead", "write", [[deal], {"stage_id": target}], {"context": self.CONTEXT})

    def assign(self, managers):
        if self.deal_ids:
            user = random.choice(managers) if self.is_head else self.uid
            self.call("crm.lead", "write", [[random.choice(self.deal_ids)], {"user_id": user}],
                      {"context": self.CONTEXT})


class RpcError(Exception):
    def __init__(self, error):
        data = error.get("data") or {}
        self.name = data.get("name", "")
        super().__init__(f"{self.name}: {data.get('message') or error.get('message')}")


def email(n, known):
    sender = f"c{random.randrange(1, CONTACTS + 1)}@example.ru" if known else f"new-{RUN}-{n}@mail-busy.ru"
    message_id = f"<busy-{RUN}-{n}@mail.example.ru>"
    return message_id, (
        f"From: \"Customer {n}\" <{sender}>\r\nTo: requests@busy.example.com\r\n"
        f"Subject: Quote for equipment {n}\r\nMessage-Id: {message_id}\r\n"
        f"Date: {time.strftime('%a, %d %b %Y %H:%M:%S +0000', time.gmtime())}\r\n"
        "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
        f"Good afternoon, please quote the equipment {n}.\r\n"
    )


def drive(url_a, url_b, db, out_path, pid_a, pid_b):
    stats = Stats()
    servers = [url_a, url_b]
    # baseline: the lightest JSON route and a stock model's read, on the idle server A
    base = requests.Session()
    common = xmlrpc.client.ServerProxy(f"{url_a}/xmlrpc/2/common", allow_none=True)
    admin_uid = common.authenticate(db, "admin", "admin", {})
    if not admin_uid:
        sys.exit("admin cannot log in over XML-RPC")
    head = WebUser(url_a, db, "busy_head_1", Stats())
    partner_id = head.call("res.partner", "search", [[("email", "=like", "c1@example.ru")]], {"limit": 1})[0]
    baseline = {"version_info": [], "res.partner web_read": []}
    for _i in range(50):
        t0 = time.perf_counter()
        base.post(f"{url_a}/web/webclient/version_info", json={"jsonrpc": "2.0", "params": {}}, timeout=10)
        baseline["version_info"].append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        head.call("res.partner", "web_read", [[partner_id]], {"specification": {"name": {}, "email": {},
                                                                               "phone": {}}})
        baseline["res.partner web_read"].append(time.perf_counter() - t0)

    logins = [f"busy_head_{d}" for d in range(1, 6)] + [f"busy_mgr_{d}_{m}" for d in range(1, 6) for m in range(1, 6)]
    # logging in hashes the password (600,000 PBKDF2 rounds): all at once, as people arrive in the morning
    with ThreadPoolExecutor(max_workers=6) as pool:
        users = list(pool.map(lambda item: WebUser(servers[item[0] % 2], db, item[1], stats),
                              enumerate(logins[:USERS])))
    managers = {}
    for user in users:
        managers.setdefault(user.login.split("_")[-2] if not user.is_head else user.login[-1], []).append(user.uid)

    stop = threading.Event()
    end_at = time.time() + WARMUP + MINUTES * 60
    sent_emails, sent_calls, rss = {}, {}, {}
    retried = [0]
    lock = threading.Lock()

    # -------------------------------------------------------------- emails
    proxies = threading.local()

    def deliver(server, raw):
        if not hasattr(proxies, "models"):
            proxies.models = {s: xmlrpc.client.ServerProxy(f"{s}/xmlrpc/2/object", allow_none=True) for s in servers}
        return proxies.models[server].execute_kw(db, admin_uid, "admin", "mail.thread", "message_process",
                                                 [False, raw], {})

    def send_email(n):
        if stop.is_set():
            return  # still queued at the end of the soak: never sent
        message_id, raw = email(n, known=random.random() < 0.6)
        server = servers[n % 2]
        twice = random.random() < 0.05
        # "accepted": some delivery was answered by Odoo without a fault; an email never accepted is one the
        # relay still holds (it keeps retrying for days), not one the suite lost
        outcome = {"deliveries": 2 if twice else 1, "faults": [], "accepted": False}
        with lock:
            sent_emails[message_id] = outcome

        def one(target, kind):
            # the relay (postfix + odoo-mailgate, fetchmail) keeps an email it could not hand over and tries
            # again later: a transport failure is retried up to 3 times, an answer of Odoo is final
            for attempt in range(1, 4):
                t0 = time.perf_counter()
                try:
                    deliver(target, raw)
                except xmlrpc.client.Fault as fault:
                    outcome["faults"].append(fault.faultString[-200:])
                    # of an email handed to both servers, or handed again after a time-out, the copy that
                    # comes second is refused on the unique key: expected, whichever copy it is
                    registered = "already been registered" in fault.faultString
                    expected = registered and (twice or attempt > 1)
                    if registered:
                        outcome["accepted"] = True
                    stats.add(kind, 0, error=None if expected else fault.faultString[-300:], refused=expected)
                    return
                except Exception as error:  # noqa: BLE001 - a transport error is counted, the load goes on
                    outcome["faults"].append(str(error)[:200])
                    if attempt < 3:
                        with lock:
                            retried[0] += 1
                        time.sleep(5 * attempt)
                        continue
                    stats.add(kind, 0, error=error)
                    return
                stats.add(kind, time.perf_counter() - t0)
                outcome["accepted"] = True
                return

        if twice:
            other = threading.Thread(target=one, args=(servers[(n + 1) % 2], "email (redelivered)"))
            other.start()
            one(server, "email")
            other.join()
        else:
            one(server, "email")

    # -------------------------------------------------------------- PBX events
    miko = miko_emulator()
    alerts = [miko.HttpAlert(f"{s}/industrial_miko/alert/busy-secret") for s in servers]

    def send_call(k):
        if stop.is_set():
            return
        known = random.random() < 0.7
        number = "89%09d" % random.randrange(1, CONTACTS + 1) if known else "8343%07d" % (k % 10000000)
        linkedid = f"mikopbx-busy-{RUN}.{k}"
        extension = str(201 + k % 30)
        start = datetime.utcnow() + timedelta(hours=3)
        home = k % 2
        with lock:
            # "accepted": events answered 200 by a server; a call none of whose events was accepted never
            # reached the suite (the exchange gave up after its time-out), so it is no loss of the suite
            sent_calls[linkedid] = {"number": number, "incoming": True, "accepted": 0}
        events = [
            ("incoming-call", lambda a: a.incoming_call(linkedid, number)),
            ("call", lambda a: a.call(linkedid, number, extension, start)),
            ("answer", lambda a: a.answer(linkedid, number, extension, start + timedelta(seconds=5))),
            ("hangup", lambda a: a.hangup(linkedid, extension, start + timedelta(seconds=65))),
            ("end-call", lambda a: a.end_call(linkedid, number, extension, start, missed=False)),
        ]
        if random.random() < 0.2:
            # the exchange's workers post in parallel: answer before the call, end before hangup
            events[1], events[2] = events[2], events[1]
            events[3], events[4] = events[4], events[3]
        for action, send in events:
            targets = [alerts[home]]
            if random.random() < 0.1:
                targets.append(alerts[1 - home])
            threads = []
            for i, alert in enumerate(targets):
                def one(alert=alert, kind="pbx event" if i == 0 else "pbx event (replayed)"):
                    t0 = time.perf_counter()
                    code = send(alert)[0]
                    stats.add(kind, time.perf_counter() - t0, error=None if code == 200 else f"HTTP {code} {action}")
                    if code == 200:
                        with lock:
                            sent_calls[linkedid]["accepted"] += 1
                threads.append(threading.Thread(target=one))
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            time.sleep(0.05)

    # -------------------------------------------------------------- web users
    def user_loop(user):
        steps = ["kanban", "request_list", "deal_form", "move_stage", "assign"]
        direction = user.login.split("_")[2]
        while not stop.is_set():
            for step in steps:
                if stop.is_set():
                    return
                if step == "assign":
                    user.screen("assign manager", lambda: user.assign(managers.get(direction) or [user.uid]))
                else:
                    user.screen({"kanban": "pipeline kanban", "request_list": "request list",
                                 "deal_form": "deal form", "move_stage": "move stage"}[step],
                                getattr(user, step))
                stop.wait(random.uniform(THINK * 0.5, THINK * 1.5))

    def paced(rate, func, pool):
        n, t0 = 0, time.time()
        while not stop.is_set():
            n += 1
            pool.submit(func, n)
            delay = t0 + n / rate - time.time()
            if delay > 0:
                stop.wait(delay)

    under_load = []

    def baseline_loop():
        while not stop.is_set():
            t0 = time.perf_counter()
            try:
                requests.post(f"{url_a}/web/webclient/version_info", json={"jsonrpc": "2.0", "params": {}},
                              timeout=30)
                under_load.append(time.perf_counter() - t0)
            except requests.RequestException:
                pass
            stop.wait(1)

    email_pool = ThreadPoolExecutor(max_workers=24)
    call_pool = ThreadPoolExecutor(max_workers=24)
    threads = [threading.Thread(target=user_loop, args=(u,), daemon=True) for u in users]
    threads += [
        threading.Thread(target=paced, args=(EMAIL_RATE, send_email, email_pool), daemon=True),
        threading.Thread(target=paced, args=(PBX_RATE / 5, send_call, call_pool), daemon=True),
        threading.Thread(target=baseline_loop, daemon=True),
    ]
    print(f"load: {len(users)} web users, {EMAIL_RATE:g} emails/s, {PBX_RATE:g} PBX events/s on {servers} "
          f"for {WARMUP:g} s warm-up + {MINUTES:g} min", flush=True)
    for t in threads:
        t.start()
    time.sleep(WARMUP)
    with stats.lock:
        for store in (stats.times, stats.errors, stats.refused):
            store.clear()
    rss["start"] = {"A": worker_rss(pid_a), "B": worker_rss(pid_b)}
    started = time.time()
    while time.time() < end_at:
        time.sleep(min(30, max(0.1, end_at - time.time())))
        done = time.time() - started
        print(f"  {done / 60:.1f} min: {sum(len(v) for v in stats.times.values())} answers, "
              f"{sum(stats.errors.values())} errors", flush=True)
    rss["end"] = {"A": worker_rss(pid_a), "B": worker_rss(pid_b)}
    stop.set()
    # what the servers could not take in time stays unsent; what was sent is waited for
    email_pool.shutdown(wait=True, cancel_futures=True)
    call_pool.shutdown(wait=True, cancel_futures=True)
    for t in threads:
        t.join(timeout=120)
    duration = time.time() - started

    kinds = {}
    print(f"\nper kind over {duration:.0f} s (the warm-up left out):")
    for kind in sorted(set(stats.times) | set(stats.errors) | set(stats.refused)):
        times = stats.times.get(kind, [])
        kinds[kind] = {"count": len(times), "rate": len(times) / duration, "p50": pct(times, 50),
                       "p95": pct(times, 95), "p99": pct(times, 99), "errors": stats.errors.get(kind, 0),
                       "refused": stats.refused.get(kind, 0), "samples": stats.samples.get(kind, [])}
        k = kinds[kind]
        print(f"  {kind:22s} {k['rate']:7.2f}/s  p50 {k['p50']:7.1f} ms  p95 {k['p95']:7.1f} ms  "
              f"p99 {k['p99']:7.1f} ms  errors {k['errors']}"
              + (f"  business refusals {k['refused']}" if k["refused"] else ""))
        for sample in k["samples"]:
            print(f"      e.g. {sample}")
    for name, times in baseline.items():
        print(f"  baseline {name} (idle server A): p50 {pct(times, 50):.1f} ms, p95 {pct(times, 95):.1f} ms")
    print(f"  email deliveries retried by the relay after a transport failure: {retried[0]}")
    print(f"  baseline version_info under the load: p50 {pct(under_load, 50):.1f} ms, "
          f"p95 {pct(under_load, 95):.1f} ms")
    base_p50 = pct(baseline["res.partner web_read"], 50) or 1
    for kind in ("pipeline kanban", "request list", "deal form", "move stage", "assign manager"):
        if kind in kinds:
            print(f"  {kind} p50 / idle res.partner web_read p50 = {kinds[kind]['p50'] / base_p50:.1f}x")
    with open(out_path, "w") as out:
        json.dump({"run": RUN, "duration": duration, "kinds": kinds, "rss": rss,
                   "emails": sent_emails, "calls": sent_calls,
                   "baseline": {k: pct(v, 50) for k, v in baseline.items()}}, out)


def report(out_path, check_path, log_a, log_b):
    with open(out_path) as f:
        out = json.load(f)
    with open(check_path) as f:
        check = json.load(f)
    logs, runs = "", {}
    job = re.compile(r"^(\S+ \S+) \d+ INFO \S+ odoo\.addons\.base\.models\.ir_cron: Job '(.*)' \((\d+)\) "
                     r"(starting|done in ([\d.]+)s)", re.M)
    for server, path in (("A", log_a), ("B", log_b)):
        with open(path, errors="replace") as f:
            text = f.read()
        logs += text
        for stamp, name, _id, what, seconds in job.findall(text):
            if what != "starting":
                end = datetime.strptime(stamp, "%Y-%m-%d %H:%M:%S,%f")
                runs.setdefault(name, []).append((server, end - timedelta(seconds=float(seconds)), end))
    serialization = len(re.findall(r"could not serialize|SerializationFailure|serialization_failure", logs))
    retried = len(re.findall(r"(serialization_failure|lock_not_available|deadlock_detected), \d+ tries left",
                             logs, re.I))
    exhausted = len(re.findall(r"maximum number of tries reached", logs, re.I))
    tracebacks = len(re.findall(r" ERROR \S+ \S+: ", logs))
    bad_http = sum(k["errors"] for k in out["kinds"].values())
    print("\nserialization failures in the logs of both servers: "
          f"{serialization} mentions, {retried} retried by Odoo, {exhausted} out of retries; "
          f"{tracebacks} ERROR lines")
    overlaps = 0
    for name, intervals in sorted(runs.items()):
        intervals.sort(key=lambda r: r[1])
        overlaps += sum(1 for a, b in zip(intervals, intervals[1:]) if b[1] < a[2])
        per_server = {s: sum(1 for r in intervals if r[0] == s) for s in ("A", "B")}
        print(f"  cron {name}: {per_server['A']} runs on server A, {per_server['B']} on server B")
    growth = []
    for server in ("A", "B"):
        start, end = out["rss"]["start"].get(server, {}), out["rss"]["end"].get(server, {})
        for pid in sorted(set(start) & set(end), key=int):
            g = (end[pid] - start[pid]) / start[pid] * 100
            growth.append(g)
            print(f"  server {server} worker {pid}: RSS {start[pid] / 1024:.0f} MB -> {end[pid] / 1024:.0f} MB "
                  f"({g:+.1f} %)")
        gone = set(start) - set(end)
        if gone:
            print(f"  server {server}: processes {sorted(gone)} ended during the soak (a worker recycled by "
                  "Odoo's limits, or the gevent process restarted)")
    screens = [out["kinds"][k]["p95"] for k in ("pipeline kanban", "request list", "deal form")
               if k in out["kinds"]]
    lines = [
        ("emails lost (sent, no request)", 0, check["emails_lost"]),
        ("  of which accepted by Odoo (lost by the suite)", 0, check.get("emails_lost_accepted", 0)),
        ("emails duplicated (>1 request per Message-Id)", 0, check["emails_duplicated"]),
        ("PBX calls lost (sent, no call)", 0, check["calls_lost"]),
        ("  of which with an event answered 200 (lost by the suite)", 0, check.get("calls_lost_accepted", 0)),
        ("PBX calls duplicated (>1 call per linkedid)", 0, check["calls_duplicated"]),
        ("calls with more than one request", 0, check["calls_with_several_requests"]),
        ("requests acknowledged more than once", 0, check["acks_duplicated"]),
        ("cron runs of one job overlapping across servers", 0, overlaps),
        ("unretried errors (HTTP/RPC errors and client timeouts + serialization out of retries)", 0,
         bad_http + exhausted),
        ("p95 of the users' screens (ms, worst)", 300, max(screens) if screens else 0),
        ("RSS growth per worker (%, worst)", 10, max(growth) if growth else 0),
    ]
    print("\ntarget vs measured:")
    for label, target, value in lines:
        ok = value <= target if target else value == 0
        shown = f"{value:.1f}" if isinstance(value, float) else str(value)
        print(f"  {'PASS' if ok else 'MISS'}  {label}: target {'< ' if target else ''}{target}, measured {shown}")


if __name__ == "__main__":
    if sys.argv[1] == "drive":
        drive(sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5], int(sys.argv[6]), int(sys.argv[7]))
    else:
        report(*sys.argv[2:6])
