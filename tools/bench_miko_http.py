"""HTTP side of the MikoPBX benchmark: ModuleHttpAlert events against a live Odoo.

``first``: 2,000 calls x 5 events with the placeholders each event really fills
(incoming call, call to extension 201, answer, hangup, end of call; see
industrial_miko/tools/miko_emulator.py) = 10,000 events, 70 % from known partners;
``replay``: the same again. Each mode measures Odoo's lightest JSON route as the
baseline, and the time from sending the call to the extension until the caller
card's notification is on the ringing user's bus (PostgreSQL ``NOTIFY imbus``,
listened to here). Prints events/s, latency percentiles and ratios.
"""
import json
import os
import random
import select
import statistics
import sys
import threading
import time
from datetime import datetime, timedelta

import psycopg2
import psycopg2.extensions
import requests

from bench_emulators import miko_emulator


HttpAlert = miko_emulator().HttpAlert

BASE, MODE, DB = sys.argv[1], sys.argv[2], sys.argv[3]
CALLS = int(os.environ.get("BENCH_CALLS", 2000))
PARTNERS = int(os.environ.get("BENCH_PARTNERS", 50000))
random.seed(7)
session = requests.Session()
alert = HttpAlert(f"{BASE}/industrial_miko/alert/bench-secret")


def phone(i):
    return "89%02d%03d%02d%02d" % (i // 10000000 % 100, i // 10000 % 1000, i // 100 % 100, i % 100)


def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * p / 100))] * 1000


class BusListener(threading.Thread):
    """Timestamps of the imbus NOTIFYs naming a partner channel, as Odoo's bus dispatcher sees them."""

    def __init__(self):
        super().__init__(daemon=True)
        self.conn = psycopg2.connect(dbname="postgres")
        self.conn.set_isolation_level(psycopg2.extensions.ISOLATION_LEVEL_AUTOCOMMIT)
        self.conn.cursor().execute("LISTEN imbus")
        self.arrivals = []
        self.changed = threading.Condition()
        self.running = True

    def run(self):
        while self.running:
            if select.select([self.conn], [], [], 0.5) == ([], [], []):
                continue
            self.conn.poll()
            now = time.perf_counter()
            while self.conn.notifies:
                channels = json.loads(self.conn.notifies.pop(0).payload)
                if any(isinstance(c, list) and c[:2] == [DB, "res.partner"] for c in channels):
                    with self.changed:
                        self.arrivals.append(now)
                        self.changed.notify_all()

    def wait_after(self, t0, timeout=10):
        with self.changed:
            self.changed.wait_for(lambda: any(t >= t0 for t in self.arrivals), timeout)
            found = [t for t in self.arrivals if t >= t0]
            self.arrivals.clear()
        return found[0] - t0 if found else None


def baseline(count=300):
    times = []
    for _i in range(count):
        t0 = time.perf_counter()
        session.post(f"{BASE}/web/webclient/version_info", json={"jsonrpc": "2.0", "params": {}}, timeout=10)
        times.append(time.perf_counter() - t0)
    return times


listener = BusListener()
listener.start()
base_times = baseline()
latencies, lookups, bus = [], [], []
start_time = datetime(2026, 11, 22, 10, 0, 0)
start = time.perf_counter()
for k in range(CALLS):
    number = phone(random.randrange(PARTNERS)) if random.random() < 0.7 else "8343%07d" % k
    linkedid = f"mikopbx-bench.{k}"
    steps = [
        ("incoming-call", lambda: alert.incoming_call(linkedid, number)),
        ("call", lambda: alert.call(linkedid, number, "201", start_time)),
        ("answer", lambda: alert.answer(linkedid, number, "201", start_time + timedelta(seconds=10))),
        ("hangup", lambda: alert.hangup(linkedid, "201", start_time + timedelta(seconds=70))),
        ("end-call", lambda: alert.end_call(linkedid, number, "201", start_time, missed=False)),
    ]
    for action, send in steps:
        t0 = time.perf_counter()
        answer = send()
        elapsed = time.perf_counter() - t0
        if answer[0] != 200:
            sys.exit(f"webhook {action} answered {answer[0]}")
        latencies.append(elapsed)
        if action == "incoming-call":
            lookups.append(elapsed)
        elif action == "call":
            waited = listener.wait_after(t0)
            if waited is None:
                sys.exit("no caller card notification reached the bus within 10 s")
            bus.append(waited)
total = time.perf_counter() - start
listener.running = False
mean_base = statistics.mean(base_times)
print(f"webhook {MODE}: {len(latencies)} events in {total:.1f} s = {len(latencies) / total:.0f} events/s; "
      f"latency p50 {pct(latencies, 50):.1f} ms, p99 {pct(latencies, 99):.1f} ms; "
      f"incoming-call answers (caller name) p50 {pct(lookups, 50):.1f} ms, p99 {pct(lookups, 99):.1f} ms "
      f"(target p99 < 50 ms)")
print(f"webhook -> bus (caller card notification of the ringing user) {MODE}: {len(bus)} calls, "
      f"p50 {pct(bus, 50):.1f} ms, p99 {pct(bus, 99):.1f} ms; "
      f"p50 / baseline mean = {statistics.median(bus) / mean_base:.1f}x")
print(f"baseline /web/webclient/version_info: mean {mean_base * 1000:.1f} ms, p99 {pct(base_times, 99):.1f} ms; "
      f"event / baseline = {statistics.mean(latencies) / mean_base:.1f}x")
