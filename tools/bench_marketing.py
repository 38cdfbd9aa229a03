# Mailchimp sync benchmark, run inside `odoo shell` by tools/bench_marketing.sh (env is given).
# Syncs a 5,000-contact segment (baseline) and a 20,000-contact segment to the Mailchimp
# emulator at $MAILCHIMP_URL, then re-syncs the big one unchanged. Prints HTTP requests,
# seconds, queries per contact and peak Python memory of each run, and the ratios.
# Targets: at most 60 HTTP requests for 20,000 contacts, no member sent by the unchanged
# re-sync, peak memory flat in segment size (ratio near 1 for 4x the contacts).
import os
import time
import tracemalloc

BIG = int(os.environ.get("BENCH_CONTACTS", 20000))
BASE = BIG // 4
env = env(context={"tracking_disable": True, "mail_create_nolog": True})  # noqa: F821 - odoo shell's env
Param = env["ir.config_parameter"].sudo()
Param.set_param("industrial_crm.mailchimp_api_key", "0123456789abcdef0123456789abcdef-us21")
Param.set_param("industrial_crm.mailchimp_base_url", os.environ["MAILCHIMP_URL"])
Param.set_param("industrial_crm.mailchimp_poll_interval", "0.2")
Partner = env["res.partner"]
company = Partner.create({"name": "Bench Holding", "is_company": True})
for start in range(0, BIG + BASE, 5000):
    Partner.create([{
        "name": f"Ivan Bench{i}", "email": f"ivan{i}@bench.example.ru", "parent_id": company.id,
        "phone": "+7 495 %03d-%02d-%02d" % (i // 10000 % 1000, i // 100 % 100, i % 100),
    } for i in range(start, min(start + 5000, BIG + BASE))])
    env.cr.commit()
ids = Partner.search([("parent_id", "=", company.id)], order="id").ids
Segment = env["industrial.marketing.segment"]
small = Segment.create({"name": "Baseline", "mailchimp_list_id": "bench01",
                        "partner_domain": f"[('parent_id', '=', {company.id}), ('id', '<=', {ids[BASE - 1]})]"})
big = Segment.create({"name": "Big", "mailchimp_list_id": "bench02",
                      "partner_domain": f"[('parent_id', '=', {company.id}), ('id', '>', {ids[BASE - 1]})]"})
env.cr.commit()


def run(segment):
    env.invalidate_all()
    sync = env["industrial.mailchimp.sync"].create({"segment_id": segment.id})
    queries = env.cr.sql_log_count
    tracemalloc.start()
    started = time.perf_counter()
    while sync.state in ("draft", "running"):  # one step per call of the scheduled job, committed as it does
        env["industrial.mailchimp.sync"]._cron_run_queued()
        env.cr.commit()
    seconds = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    queries = env.cr.sql_log_count - queries
    env.cr.commit()
    row = {"contacts": sync.total_count, "sent": sync.sent_count, "unchanged": sync.unchanged_count,
           "state": sync.state, "http": sync.request_count, "seconds": seconds,
           "queries_per_contact": queries / max(sync.total_count, 1), "peak_mb": peak / 2**20}
    print("{label:<22} {contacts:>7} contacts  {state:<6} sent {sent:>6}  unchanged {unchanged:>6}  "
          "HTTP {http:>3}  {seconds:7.1f} s  {queries_per_contact:6.3f} queries/contact  "
          "peak {peak_mb:7.1f} MB".format(label=segment.name if not sync.unchanged_count else "Big, unchanged", **row))
    return row


base = run(small)
first = run(big)
again = run(big)
print(f"HTTP requests for {first['contacts']} contacts: {first['http']} (target <= 60): "
      f"{'OK' if first['http'] <= 60 else 'MISSED'}")
print(f"Members sent by the unchanged re-sync: {again['sent']} (target 0): {'OK' if not again['sent'] else 'MISSED'}")
print(f"Peak memory ratio {first['contacts']} / {base['contacts']} contacts: {first['peak_mb'] / base['peak_mb']:.2f} "
      f"(4x the contacts; target flat, <= 1.5): {'OK' if first['peak_mb'] / base['peak_mb'] <= 1.5 else 'MISSED'}")
print(f"Time ratio: {first['seconds'] / base['seconds']:.2f} for 4x the contacts")
