# MikoPBX benchmark phases, run inside `odoo shell` by tools/bench_miko.sh (env is given).
# BENCH_PHASE=setup: 50,000 partners and an exchange with a known webhook secret;
# count: lands the calls of live events (timed), counts calls and requests; cdr: queries per replayed event and
# a 10,000-call CDR pull from the emulated exchange of the tests, then the same again.
import os
import time

import odoo.sql_db

from odoo.addons.industrial_miko.tools.miko_emulator import API_KEY, FakeMikoPbx, cdr_record

PHASE = os.environ["BENCH_PHASE"]
PARTNERS = int(os.environ.get("BENCH_PARTNERS", 50000))
CDR_CALLS = int(os.environ.get("BENCH_CDR_CALLS", 10000))
env = env  # noqa: F821 - odoo shell's env
Connection = env["industrial.pbx.connection"]


def phone(i):
    return "+7 9%02d %03d-%02d-%02d" % (i // 10000000 % 100, i // 10000 % 1000, i // 100 % 100, i % 100)


if PHASE == "setup":
    Partner = env["res.partner"].with_context(mail_create_nolog=True, tracking_disable=True)
    for start in range(0, PARTNERS, 5000):
        Partner.create([
            {"name": f"Known {i}", "phone": phone(i)} for i in range(start, min(start + 5000, PARTNERS))
        ])
        env.cr.commit()
    Connection.create({
        "name": "Bench exchange", "base_url": "http://127.0.0.1:9", "api_key": API_KEY,
        "webhook_secret": "bench-secret", "pbx_tz": "Europe/Moscow",
        # the ringing extension of the benchmark's calls: its user's bus gets the caller cards
        "extension_ids": [(0, 0, {"extension": "201", "user_id": env.ref("base.user_admin").id})],
    })
    env.cr.commit()
    print(f"setup: {env['res.partner'].search_count([])} partners")

elif PHASE == "count":
    # the server of the benchmark runs no cron thread: land the live-event calls here, timed
    Call = env["industrial.call"]
    pending = Call.search_count([("linked", "=", False)])
    queries, start = odoo.sql_db.sql_counter, time.perf_counter()
    while Call._cron_link_calls(limit=500):
        env.cr.commit()
    elapsed = time.perf_counter() - start
    if pending:
        print(f"landed {pending} new calls on contacts/leads in {elapsed:.1f} s = "
              f"{elapsed / pending * 1000:.1f} ms and {(odoo.sql_db.sql_counter - queries) / pending:.0f} "
              "queries per new call (request registration included)")
    print(f"recorded: {env['industrial.call'].search_count([])} calls, "
          f"{env['industrial.request'].search_count([])} requests, {env['crm.lead'].search_count([])} leads")

elif PHASE == "cdr":
    Call = env["industrial.call"].sudo()
    Live = Call.with_context(industrial_miko_defer_link=True)  # as the webhook controller calls it
    connection = Connection.search([("name", "=", "Bench exchange")])

    def digits(i):
        return "89%02d%03d%02d%02d" % (i // 10000000 % 100, i // 10000 % 1000, i // 100 % 100, i % 100)

    # queries per webhook event, in process (the HTTP layer adds its session handling);
    # landing the new calls is measured apart (phase count)
    params = [{"action": a, "id": f"bench-{k}", "number": digits((k * 13) % PARTNERS),
               "date": "2026-11-20T09:00:00+03:00", "user": "201"}
              for k in range(1000) for a in ("incoming-call", "hangup")]
    for label in ("first delivery", "replayed"):
        env.invalidate_all()
        before = odoo.sql_db.sql_counter
        for p in params:
            Live._receive_alert(connection, p)
        env.flush_all()
        print(f"webhook events {label}, in process: "
              f"{(odoo.sql_db.sql_counter - before) / len(params):.1f} queries per event (target <= 10)")
    env.cr.commit()

    pbx = FakeMikoPbx()
    try:
        pbx.records = [
            cdr_record(f"cdr-{k}", "2026-11-21 %02d:%02d:%02d" % (8 + k // 3600 % 10, k // 60 % 60, k % 60),
                       digits((k * 7) % PARTNERS) if k % 10 else "8343%07d" % k, "201",
                       disposition="ANSWERED" if k % 4 else "NO ANSWER")
            for k in range(CDR_CALLS)
        ]
        connection.write({"base_url": pbx.url, "timeout": 10})
        base = Call.search_count([])
        counts = []
        for label in ("first pull", "same pull again"):
            connection.cdr_watermark = "2026-11-21 04:00:00"
            env.cr.commit()
            queries, start = odoo.sql_db.sql_counter, time.perf_counter()
            connection._sync_cdr(page_size=500)
            env.flush_all()
            env.cr.commit()
            elapsed = time.perf_counter() - start
            counts.append(Call.search_count([]) - base)
            print(f"CDR {label}: {CDR_CALLS} records in {elapsed:.1f} s = {CDR_CALLS / elapsed:.0f} records/s, "
                  f"{(odoo.sql_db.sql_counter - queries) / CDR_CALLS:.2f} queries per record, "
                  f"{counts[-1]} calls from the CDR in total")
        print(f"CDR pulled again created {counts[1] - counts[0]} more calls (target 0)")
    finally:
        pbx.stop()
