"""HTTP side of the MikoPBX benchmark: ModuleHttpAlert events against a live Odoo.

``first``: 2,500 calls x 4 events (incoming, answer, hangup, incoming again) = 10,000
events, 70 % from known partners; ``replay``: the same 10,000 again, then Odoo's
lightest JSON route as the baseline. Prints events/s, latency percentiles and ratios.
"""
import os
import random
import statistics
import sys
import time

import requests

BASE, MODE = sys.argv[1], sys.argv[2]
CALLS = int(os.environ.get("BENCH_CALLS", 2500))
PARTNERS = int(os.environ.get("BENCH_PARTNERS", 50000))
random.seed(7)
session = requests.Session()


def phone(i):
    return "89%02d%03d%02d%02d" % (i // 10000000 % 100, i // 10000 % 1000, i // 100 % 100, i % 100)


def events():
    for k in range(CALLS):
        number = phone(random.randrange(PARTNERS)) if random.random() < 0.7 else "8343%07d" % k
        base = {"id": f"mikopbx-bench.{k}", "uid": f"mikopbx-bench.{k}_x", "number": number,
                "did": "74950000000", "channel": "PJSIP/SIP-bench"}
        yield dict(base, action="incoming-call", date="2026-11-22T10:00:00+03:00")
        yield dict(base, action="answer", date="2026-11-22T10:00:10+03:00", extension="201")
        yield dict(base, action="hangup", date="2026-11-22T10:01:10+03:00", disposition="ANSWERED")
        yield dict(base, action="incoming-call", date="2026-11-22T10:00:00+03:00")


def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * p / 100))] * 1000


latencies, lookups = [], []
start = time.perf_counter()
for params in events():
    t0 = time.perf_counter()
    response = session.get(f"{BASE}/industrial_miko/alert/bench-secret", params=params, timeout=10)
    elapsed = time.perf_counter() - t0
    if response.status_code != 200:
        sys.exit(f"webhook answered {response.status_code}: {response.text[:200]}")
    latencies.append(elapsed)
    if params["action"] == "incoming-call":
        lookups.append(elapsed)
total = time.perf_counter() - start
print(f"webhook {MODE}: {len(latencies)} events in {total:.1f} s = {len(latencies) / total:.0f} events/s; "
      f"latency p50 {pct(latencies, 50):.1f} ms, p99 {pct(latencies, 99):.1f} ms; "
      f"incoming-call answers (caller name) p50 {pct(lookups, 50):.1f} ms, p99 {pct(lookups, 99):.1f} ms "
      f"(target p99 < 50 ms)")

if MODE == "replay":
    baseline = []
    for _i in range(1000):
        t0 = time.perf_counter()
        session.post(f"{BASE}/web/webclient/version_info", json={"jsonrpc": "2.0", "params": {}}, timeout=10)
        baseline.append(time.perf_counter() - t0)
    mean_base = statistics.mean(baseline)
    print(f"baseline /web/webclient/version_info: mean {mean_base * 1000:.1f} ms, p99 {pct(baseline, 99):.1f} ms; "
          f"replayed event / baseline = {statistics.mean(latencies) / mean_base:.1f}x")
