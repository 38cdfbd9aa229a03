# Intake benchmark, run inside `odoo shell` by `make bench` (env is given).
# Registers requests through the public method and the mail gateway among
# 50,000 partners (70 % known senders, 30 % new), and lets stock Odoo's gateway
# create plain leads from the same emails (all in one transaction, then again
# with each email ended as fetchmail's commit ends it); then compares the
# per-request time at 10,000 and 100,000 partners. Each run is rolled back, so
# every run sees the same partner base. The two gateway paths take turns, a
# part of the emails at a time, so that the machine's drift weighs on both alike.
import os
import random
import time

import odoo.sql_db

N = int(os.environ.get("BENCH_REQUESTS", 5000))
SCALE_N = int(os.environ.get("BENCH_SCALE_REQUESTS", 1000))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", 5))
random.seed(42)
env = env(context={"tracking_disable": False})  # noqa: F821 - odoo shell's env
Partner = env["res.partner"].with_context(mail_create_nolog=True, tracking_disable=True)
env["ir.config_parameter"].set_param("mail.gateway.loop.threshold", 1000000)


def phone(i):
    return "+7 9%02d %03d-%02d-%02d" % (i // 10000000 % 100, i // 10000 % 1000, i // 100 % 100, i % 100)


def grow_partners(total):
    existing = Partner.search_count([("email", "like", "@bench-known.ru")])
    for start in range(existing, total, 5000):
        Partner.create([
            {"name": f"Known {i}", "email": f"known{i}@bench-known.ru", "phone": phone(i)}
            for i in range(start, min(start + 5000, total))
        ])
        env.cr.commit()
    env.invalidate_all()
    return total


def senders(count, known):
    rows = []
    for k in range(count):
        if random.random() < 0.7:
            i = random.randrange(known)
            rows.append((f"Known {i}", f"known{i}@bench-known.ru", phone(i)))
        else:
            rows.append((f"New {k}", f"new{k}.{random.random():.8f}@bench-new.ru", phone(50000000 + k)))
    return rows


def email(name, address, k, to):
    return (
        f"From: {name} <{address}>\r\nTo: {to}\r\nSubject: Request {k}\r\n"
        f"Message-Id: <bench-{k}-{random.random():.10f}@bench>\r\nDate: Sun, 22 Nov 2026 10:00:00 +0300\r\n"
        "Content-Type: text/plain; charset=utf-8\r\n\r\nNeed a quote for a vacuum pump, please.\r\n"
    )


def timed(run):
    """Seconds and queries of ``run``, rolled back afterwards."""
    env.cr.execute("SAVEPOINT bench")
    queries, start = odoo.sql_db.sql_counter, time.perf_counter()
    run()
    env.flush_all()
    elapsed = time.perf_counter() - start
    queries = odoo.sql_db.sql_counter - queries
    env.cr.execute("ROLLBACK TO SAVEPOINT bench")
    env.invalidate_all()
    return elapsed, queries


def report(label, count, elapsed, queries):
    print(f"  {label:<48} {count / elapsed:8.1f} req/s  {queries / count:6.1f} queries/req  "
          f"{1000 * elapsed / count:6.2f} ms/req", flush=True)
    return elapsed / count, queries / count


def measure(label, count, run):
    return report(label, count, *timed(run))


def compare(rows, labels, per_email=False):
    """Our gateway path and stock's on the same emails, taking turns a round at a time."""
    totals = {True: [0.0, 0], False: [0.0, 0]}
    size = -(-len(rows) // ROUNDS)
    for start in range(0, len(rows), size):
        part = rows[start:start + size]
        for ours, to in ((True, "requests@bench.example.com"), (False, "bench-stock-leads@bench.example.com")):
            elapsed, queries = timed(via_gateway(part, to, ours=ours, per_email=per_email, first=start))
            totals[ours][0] += elapsed
            totals[ours][1] += queries
    return [report(labels[ours], len(rows), *totals[ours]) for ours in (True, False)]


def acknowledge():
    """The acknowledgement job (every minute in production) is part of the registrations' cost."""
    while env["industrial.request"]._cron_send_acknowledgements():
        pass


def via_method(rows):
    Request = env["industrial.request"]

    def run():
        for name, address, number in rows:
            Request.register_request("phone", phone=number, name=name, text="Need a pump")
        acknowledge()
    return run


def via_gateway(rows, to, ours=True, per_email=False, first=0):
    """``per_email``: each email ends as fetchmail's commit ends it (flush, precommit
    hooks, cache cleared), so what an email leaves to compute later is paid by it."""
    Thread = env["mail.thread"]

    def run():
        for k, (name, address, _number) in enumerate(rows, start=first):
            Thread.message_process(None, email(name, address, k, to))
            if per_email:
                env.cr.flush()
                env.cr.clear()
        if ours:
            acknowledge()
    return run


# configured as in production: an alias domain for the company and its aliases
# (without one, Odoo's gateway searches for a fallback domain on every email)
if not env["mail.alias.domain"].search_count([]):
    env["mail.alias.domain"].create({"name": "bench.example.com"})
alias_crm = env["mail.alias"].create({
    "alias_name": "bench-stock-leads",
    "alias_model_id": env["ir.model"]._get_id("crm.lead"),
    "alias_contact": "everyone",
    "alias_incoming_local": True,
})
env.cr.commit()

print("Intake benchmark (industrial_crm)")
grow_partners(10000)
rows = senders(SCALE_N, 10000)
t10, _q = measure(f"register_request, {SCALE_N} at 10,000 partners", SCALE_N, via_method(rows))

grow_partners(50000)
rows = senders(N, 50000)
t_method, q_method = measure(f"register_request, {N} at 50,000 partners", N, via_method(rows))
(t_ours, q_ours), (t_stock, q_stock) = compare(rows, {
    True: f"mail gateway -> request, {N} at 50,000",
    False: f"stock gateway -> crm.lead, {N} at 50,000",
})
(t_ours_each, q_ours_each), (t_stock_each, q_stock_each) = compare(rows[:SCALE_N], {
    True: f"mail gateway -> request, {SCALE_N}, commit per email",
    False: f"stock gateway -> crm.lead, {SCALE_N}, commit per email",
}, per_email=True)

grow_partners(100000)
rows = senders(SCALE_N, 100000)
t100, _q = measure(f"register_request, {SCALE_N} at 100,000 partners", SCALE_N, via_method(rows))

print("Ratios")
print(f"  gateway request rate / stock lead rate   {t_stock / t_ours:5.2f}x  (target >= 1.00)")
print(f"  gateway queries / request                {q_ours:5.1f}   (target <= 30, stock {q_stock:.1f})")
print(f"  same, each email committed (fetchmail)   {t_stock_each / t_ours_each:5.2f}x  "
      f"{q_ours_each:5.1f} queries (stock {q_stock_each:.1f})")
print(f"  method queries / request                 {q_method:5.1f}")
print(f"  time per request 100k / 10k partners     {t100 / t10:5.2f}x  (target <= 1.30)")
