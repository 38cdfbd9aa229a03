# Screens benchmark phase, run inside `odoo shell` by tools/bench_screens.sh (env is given) on the
# seeded suite database (BENCH_FLAVOUR=suite) and on the seeded stock `crm` database (stock).
# Times the calls each screen makes, as the web client makes them, with the user of the role,
# and counts their queries; writes {screen: {ms, queries}} as JSON to BENCH_OUT.
# BENCH_EXPLAIN=1 prints EXPLAIN (ANALYZE) of each query slower than 20 ms.
import json
import os
import statistics
import time

import odoo.sql_db

env = env  # noqa: F821 - odoo shell's env
FLAVOUR = os.environ.get("BENCH_FLAVOUR", "suite")
RUNS = int(os.environ.get("BENCH_RUNS", 7))
SUITE = FLAVOUR == "suite"
CONTEXT = {"lang": "en_US", "tz": "Europe/Moscow", "default_type": "opportunity"}
KANBAN_SPEC = {"name": {}, "partner_id": {"fields": {"display_name": {}}}, "expected_revenue": {},
               "user_id": {"fields": {"display_name": {}}}, "stage_id": {"fields": {"display_name": {}}},
               "activity_state": {}, "priority": {}, "tag_ids": {"fields": {"display_name": {}, "color": {}}},
               "color": {}}
LIST_SPEC = {"name": {}, "partner_id": {"fields": {"display_name": {}}}, "email_from": {}, "phone": {},
             "user_id": {"fields": {"display_name": {}}}, "team_id": {"fields": {"display_name": {}}},
             "stage_id": {"fields": {"display_name": {}}}, "expected_revenue": {}, "create_date": {}}


def user(login):
    return env["res.users"].search([("login", "=", login)])


manager, head, director = user("busy_mgr_1_1"), user("busy_head_1"), user("busy_director")
dispatcher = user("busy_dispatcher") or head


def as_user(who, model):
    return env[model].with_user(who).with_context(CONTEXT)


def kanban():
    """The manager's pipeline: his deals by stage, 40 cards per column."""
    Lead = as_user(manager, "crm.lead")
    domain = [("type", "=", "opportunity"), ("user_id", "=", manager.id)]
    groups = Lead.web_read_group(domain, ["expected_revenue:sum"], ["stage_id"], lazy=True)["groups"]
    for group in groups:
        Lead.web_search_read(group["__domain"], KANBAN_SPEC, limit=40, order="priority desc, id desc")


def request_list():
    """The suite: the dispatcher's request list with its default filter (unsorted), newest first.
    Stock crm: the list of deals nobody is assigned to, its nearest screen."""
    if SUITE:
        as_user(dispatcher, "industrial.request").web_search_read(
            [("state", "=", "new")],
            {"name": {}, "received_date": {}, "channel": {}, "contact_name": {}, "subject": {},
             "partner_id": {"fields": {"display_name": {}}}, "direction_id": {"fields": {"display_name": {}}},
             "user_id": {"fields": {"display_name": {}}}, "state": {}},
            limit=80, order="received_date desc, id desc", count_limit=10001)
    else:
        as_user(head, "crm.lead").web_search_read(
            [("type", "=", "opportunity"), ("user_id", "=", False)], LIST_SPEC, limit=80, count_limit=10001)


def funnel_pivot():
    """The head's funnel: deals of his direction by stage and manager, with the revenue."""
    Lead = as_user(head, "crm.lead")
    team = env["crm.team"].search([("user_id", "=", head.id)], limit=1)
    domain = [("type", "=", "opportunity"), ("team_id", "=", team.id)]
    Lead.read_group(domain, ["expected_revenue:sum", "__count"], ["stage_id", "user_id"], lazy=False)


def director_list():
    """The director's list of all deals of all directions, 80 a page, with the count."""
    as_user(director, "crm.lead").web_search_read(
        [("type", "=", "opportunity")], LIST_SPEC, limit=80, count_limit=10001)


if SUITE:
    connection = env["industrial.pbx.connection"].sudo().search([], limit=1) or \
        env["industrial.pbx.connection"].sudo().create({"name": "Screens", "base_url": "http://127.0.0.1:9"})


def caller_lookup(number="89%09d" % 4321):
    """The caller's name for the exchange, as the MikoPBX endpoint gets it (the number
    normalized as the webhook is read, then the lookup; the same number each run, so its
    parse is cached after the warm-up, 0.06-0.1 ms uncached). Stock: the partner search by
    phone its widgets use (it does not read the trunk prefix 8: it finds nobody)."""
    if SUITE:
        Call = env["industrial.call"].sudo()
        Call._caller_lookup(connection, Call._normalize_number(number))
    else:
        env["res.partner"].sudo().search([("phone_mobile_search", "=", number)], limit=1).display_name


SCREENS = {
    "manager's pipeline kanban": kanban,
    "request list (default filter)": request_list,
    "head's funnel pivot": funnel_pivot,
    "director's all-directions list": director_list,
    "caller-name lookup": caller_lookup,
}

if os.environ.get("BENCH_EXPLAIN"):
    original = odoo.sql_db.Cursor.execute

    def explained(self, query, params=None, log_exceptions=True):
        t0 = time.perf_counter()
        result = original(self, query, params, log_exceptions)
        elapsed = (time.perf_counter() - t0) * 1000
        text = query.code if hasattr(query, "code") else str(query)
        if elapsed > 20 and text.lstrip().upper().startswith("SELECT"):
            original(self, "EXPLAIN (ANALYZE, BUFFERS) " + text, query.params if hasattr(query, "params") else params)
            plan = "\n    ".join(row[0] for row in self.fetchall())
            print(f"  -- {elapsed:.0f} ms: {self.mogrify(text, query.params if hasattr(query, 'params') else params).decode()[:1500]}\n    {plan}")
        return result

    odoo.sql_db.Cursor.execute = explained

results = {}
for name, screen in SCREENS.items():
    screen()  # warm the caches, as a user who has opened the app before
    env.invalidate_all()
    times, queries = [], []
    for _i in range(RUNS):
        env.invalidate_all()
        q0, t0 = odoo.sql_db.sql_counter, time.perf_counter()
        screen()
        times.append(time.perf_counter() - t0)
        queries.append(odoo.sql_db.sql_counter - q0)
    results[name] = {"ms": statistics.median(times) * 1000, "queries": statistics.median(queries)}
    print(f"  {FLAVOUR:5s} {name:32s} {results[name]['ms']:8.1f} ms  {results[name]['queries']:4.0f} queries",
          flush=True)
env.cr.rollback()
with open(os.environ["BENCH_OUT"], "w") as out:
    json.dump(results, out)
