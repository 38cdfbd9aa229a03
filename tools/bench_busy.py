# Phases of the busy-day benchmark run inside `odoo shell` by tools/bench_busy.sh (env is given).
# BENCH_PHASE=configure: the exchange and 1C connections pointed at the emulators (BUSY_EMULATORS,
#   a JSON file of tools/bench_busy_emulators.py), the 30 users' extensions 201..230, the crons
#   of the suite every minute and due now, Odoo's others off;
# check: reads what the load sent (BUSY_OUT) and writes to BUSY_CHECK: emails without / with
#   several requests (by Message-Id), calls without / with several records (by linkedid), calls
#   with several requests, requests acknowledged more than once, cron runs per job.
import json
import os
from datetime import timedelta

from odoo import Command, fields

PHASE = os.environ["BENCH_PHASE"]
env = env  # noqa: F821 - odoo shell's env
cr = env.cr
CRONS = (
    "industrial_crm.ir_cron_send_acknowledgements",
    "industrial_crm.ir_cron_escalate_stale_leads",
    "industrial_miko.ir_cron_sync_cdr",
    "industrial_miko.ir_cron_link_calls",
    "industrial_1c_sync.ir_cron_industrial_1c_sync",
)

if PHASE == "configure":
    with open(os.environ["BUSY_EMULATORS"]) as f:
        emulators = json.load(f)
    users = env["res.users"].search([("login", "=like", "busy\\_%")], order="id")
    env["industrial.pbx.connection"].create({
        "name": "Busy exchange", "base_url": emulators["pbx_url"], "api_key": emulators["pbx_api_key"],
        "webhook_secret": "busy-secret", "pbx_tz": "Europe/Moscow",
        "cdr_watermark": fields.Datetime.now() - timedelta(minutes=5),
        "extension_ids": [Command.create({"extension": str(201 + i), "user_id": user.id})
                          for i, user in enumerate(users[:30])],
    })
    env["industrial.1c.connection"].create({
        "name": "Busy 1C", "base_url": emulators["onec_url"], "user": emulators["onec_user"],
        "password": emulators["onec_password"], "interval_minutes": 1, "timeout": 5,
        # the seeded contacts are private persons: no company waits to go out
        "sync_partners_out": False,
    })
    for xmlid in CRONS:
        cron = env.ref(xmlid)
        cron.write({"interval_number": 1, "interval_type": "minutes", "active": True,
                    "nextcall": fields.Datetime.now()})
    # only the suite's jobs run: the others of Odoo would reach outside (IAP enrichment, publisher
    # warranty, partner autocomplete); outgoing mail stays queued (no SMTP server in the benchmark),
    # the acknowledgements are counted there
    ours = [env.ref(xmlid).id for xmlid in CRONS]
    env["ir.cron"].search([("id", "not in", ours)]).active = False
    cr.commit()
    print(f"configure: exchange and 1C on the emulators, {len(users[:30])} extensions, "
          f"{len(CRONS)} crons every minute")

elif PHASE == "check":
    with open(os.environ["BUSY_OUT"]) as f:
        out = json.load(f)
    message_ids = list(out["emails"])
    cr.execute("""SELECT k, count(r.id) FROM unnest(%s::varchar[]) k
                  LEFT JOIN industrial_request r ON r.message_key = k GROUP BY k""", [message_ids])
    per_email = dict(cr.fetchall())
    linkedids = list(out["calls"])
    cr.execute("""SELECT k, count(c.id), count(DISTINCT c.request_id), bool_and(c.linked)
                  FROM unnest(%s::varchar[]) k LEFT JOIN industrial_call c ON c.pbx_call_id = k
                  GROUP BY k""", [linkedids])
    per_call = {k: (n, requests, linked) for k, n, requests, linked in cr.fetchall()}
    # a request made by a call (phone channel) is never made twice for one call
    cr.execute("""SELECT count(*) FROM (SELECT c.id FROM industrial_call c
                  JOIN industrial_request r ON r.partner_id = c.partner_id AND r.channel = 'phone'
                       AND r.create_date >= c.create_date - interval '1 second'
                       AND r.create_date <= c.create_date + interval '2 minutes'
                  WHERE c.pbx_call_id = ANY(%s) AND c.request_id IS NOT NULL AND r.id != c.request_id
                    AND r.subject = (SELECT subject FROM industrial_request WHERE id = c.request_id)
                    AND NOT EXISTS (SELECT 1 FROM industrial_call o WHERE o.request_id = r.id)
                  GROUP BY c.id) orphans""", [linkedids])
    orphan_requests = cr.fetchone()[0]
    cr.execute("""SELECT count(*) FROM (
                    SELECT m.res_id FROM mail_mail mm JOIN mail_message m ON m.id = mm.mail_message_id
                    WHERE m.model = 'industrial.request' AND m.message_type IN ('email', 'email_outgoing')
                    GROUP BY m.res_id HAVING count(*) > 1) twice""")
    acks_duplicated = cr.fetchone()[0]
    cr.execute("""SELECT count(*), count(*) FILTER (WHERE ack_state = 'pending'),
                         count(*) FILTER (WHERE ack_state = 'sent')
                  FROM industrial_request WHERE message_key = ANY(%s)""", [message_ids])
    acked_total, ack_pending, ack_sent = cr.fetchone()
    check = {
        "emails_sent": len(message_ids),
        "emails_lost": sum(1 for n in per_email.values() if n == 0),
        # lost by the suite: Odoo accepted it and kept nothing; the others were never accepted (time-outs)
        "emails_lost_accepted": sum(1 for k, n in per_email.items() if n == 0 and out["emails"][k].get("accepted")),
        "emails_duplicated": sum(1 for n in per_email.values() if n > 1),
        "calls_sent": len(linkedids),
        "calls_lost": sum(1 for n, _r, _l in per_call.values() if n == 0),
        "calls_lost_accepted": sum(
            1 for k, (n, _r, _l) in per_call.items() if n == 0 and out["calls"][k].get("accepted")
        ),
        "calls_duplicated": sum(1 for n, _r, _l in per_call.values() if n > 1),
        "calls_unlinked": sum(1 for n, _r, linked in per_call.values() if n and not linked),
        "calls_with_several_requests": orphan_requests,
        "acks_duplicated": acks_duplicated,
        "requests_of_emails": acked_total, "acks_pending": ack_pending, "acks_sent": ack_sent,
    }
    print(f"check: {check['emails_sent']} emails sent -> {check['emails_lost']} without request "
          f"({check['emails_lost_accepted']} of them accepted by Odoo, the others never accepted), "
          f"{check['emails_duplicated']} with several; {check['calls_sent']} calls sent -> "
          f"{check['calls_lost']} without record ({check['calls_lost_accepted']} with an event answered 200), "
          f"{check['calls_duplicated']} with several, "
          f"{check['calls_unlinked']} not yet landed, {orphan_requests} with a second request; "
          f"acknowledgements: {ack_sent} sent, {ack_pending} still pending (cron every minute), "
          f"{acks_duplicated} requests acknowledged twice")
    with open(os.environ["BUSY_CHECK"], "w") as f:
        json.dump(check, f)
