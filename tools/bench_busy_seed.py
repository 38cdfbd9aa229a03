# Seeding of the busy-day and screens benchmarks, run inside `odoo shell` (env is given) by
# tools/bench_busy.sh and tools/bench_screens.sh.
#
# One template record per model is made by the ORM (so every required and stored computed
# column is right), then copied in bulk by INSERT ... SELECT over generate_series with the
# columns that differ per row (names, phones and emails with their normalized columns, links
# to partners, deals, directions, stages, managers). Works on the suite's database and on a
# database with only stock `crm` (BENCH_FLAVOUR=stock): there deals go to sales teams.
# Sizes: BUSY_CONTACTS, BUSY_DEALS, BUSY_REQUESTS; 5 directions x (1 head + 5 managers) = 30 users,
# a director (busy_director) and a dispatcher (busy_dispatcher); their password is busy-bench.
import os
import time

from odoo import Command

CONTACTS = int(os.environ.get("BUSY_CONTACTS", 200000))
DEALS = int(os.environ.get("BUSY_DEALS", 100000))
REQUESTS = int(os.environ.get("BUSY_REQUESTS", 1000000))
DIRECTIONS = 5
MANAGERS = 5
CHUNK = 50000
PASSWORD = "busy-bench"
env = env  # noqa: F821 - odoo shell's env
cr = env.cr
INDUSTRIAL = "industrial.request" in env
SEEDED = time.perf_counter()


def columns(table):
    cr.execute("SELECT column_name FROM information_schema.columns WHERE table_name = %s AND column_name != 'id'",
               [table])
    return {row[0] for row in cr.fetchall()}


def clone(table, template_id, count, overrides, joins=""):
    """``count`` copies of row ``template_id`` with ``overrides`` {column: SQL over g, ids.id and the joins};
    returns the first new id. Chunks of 50,000 rows, committed, with progress."""
    cols = columns(table)
    overrides = {col: expr for col, expr in overrides.items() if col in cols}
    names = sorted(cols)
    # psycopg2 parameters below: a literal % of the expressions is doubled
    select = ", ".join(overrides.get(col, f"tpl.{col}") for col in names).replace("%", "%%")
    joins = joins.replace("%", "%%")
    cr.execute(f"SELECT last_value + 1 FROM {table}_id_seq")
    first = None
    start = time.perf_counter()
    for low in range(1, count + 1, CHUNK):
        high = min(low + CHUNK - 1, count)
        cr.execute(f"""
            WITH ids AS (SELECT g, nextval('{table}_id_seq') AS id FROM generate_series(%s, %s) g)
            INSERT INTO {table} (id, {", ".join(names)})
            SELECT ids.id, {select} FROM {table} tpl CROSS JOIN ids {joins}
            WHERE tpl.id = %s ORDER BY ids.g
            RETURNING id""", [low, high, template_id])
        ids = [row[0] for row in cr.fetchall()]
        if first is None:
            first = ids[0]
        # the mapping g -> first + g - 1 below relies on one contiguous block of ids
        assert ids[-1] - first + 1 == high, f"{table}: ids not contiguous"
        cr.commit()
        elapsed = time.perf_counter() - start
        print(f"  {table}: {high:,} / {count:,} rows in {elapsed:.0f} s "
              f"({elapsed / high * 100000:.0f} s per 100k)", flush=True)
    return first


def phone_sql(expr):
    """'+7 9NN NNN-NN-NN' of number ``expr`` (as tools/bench_busy_load.py dials it, 89NNNNNNNNN)."""
    p = f"lpad(({expr})::text, 9, '0')"
    return (f"'+7 9' || substr({p}, 1, 2) || ' ' || substr({p}, 3, 3) || '-' || substr({p}, 6, 2) "
            f"|| '-' || substr({p}, 8, 2)")


def e164_sql(expr):
    return f"'+79' || lpad(({expr})::text, 9, '0')"


# ---------------------------------------------------------------- users, directions, stages
manager_group = env.ref("industrial_crm.group_manager" if INDUSTRIAL else "sales_team.group_sale_salesman_all_leads")
head_group = env.ref("industrial_crm.group_head" if INDUSTRIAL else "sales_team.group_sale_manager")
Users = env["res.users"].with_context(no_reset_password=True, mail_create_nolog=True)
teams, users = [], []
for d in range(1, DIRECTIONS + 1):
    head = Users.create({"name": f"Head {d}", "login": f"busy_head_{d}",
                         "groups_id": [Command.link(head_group.id)], "lang": "en_US"})
    managers = Users.create([
        {"name": f"Manager {d}.{m}", "login": f"busy_mgr_{d}_{m}",
         "groups_id": [Command.link(manager_group.id)], "lang": "en_US"}
        for m in range(1, MANAGERS + 1)
    ])
    users += [head, *managers]
    if INDUSTRIAL:
        direction = env["industrial.direction"].create({
            "name": f"Direction {d}", "code": f"D{d}", "user_id": head.id,
            "member_ids": [Command.set(managers.ids)],
        })
        teams.append((direction.id, direction.team_id.id, managers.ids))
    else:
        team = env["crm.team"].create({"name": f"Team {d}", "user_id": head.id,
                                       "member_ids": [Command.set(managers.ids)]})
        teams.append((None, team.id, managers.ids))
director_group = env.ref("industrial_crm.group_director" if INDUSTRIAL else "sales_team.group_sale_manager")
Users.create({"name": "Director", "login": "busy_director",
              "groups_id": [Command.link(director_group.id)], "lang": "en_US"})
if INDUSTRIAL:
    Users.create({"name": "Dispatcher", "login": "busy_dispatcher",
                  "groups_id": [Command.link(env.ref("industrial_crm.group_dispatcher").id)], "lang": "en_US"})
# one password for all, hashed once (600,000 PBKDF2 rounds per hash): logging in costs what it costs
cr.execute("UPDATE res_users SET password = %s WHERE login LIKE 'busy\\_%%'",
           [env["res.users"]._crypt_context().hash(PASSWORD)])
stages = env["crm.stage"].search([], order="sequence, id")
if not INDUSTRIAL:
    # as many pipeline columns as the suite's process has (8): the kanban reads one page per column
    for n in range(len(stages), 8):
        stages |= env["crm.stage"].create({"name": f"Step {n + 1}", "sequence": 100 + n})
cr.commit()
print(f"seed: {len(users)} users, {len(teams)} {'directions' if INDUSTRIAL else 'teams'}, {len(stages)} stages",
      flush=True)


def case(expr, values):
    """SQL CASE picking values[expr % len(values)]."""
    whens = " ".join(f"WHEN {i} THEN {v}" for i, v in enumerate(values))
    return f"(CASE ({expr}) % {len(values)} {whens} END)"


# ---------------------------------------------------------------- contacts
Partner = env["res.partner"].with_context(mail_create_nolog=True, tracking_disable=True)
template = Partner.create({"name": "Template contact", "phone": "+7 999 999-99-99",
                           "email": "template@example.ru"})
cr.commit()
first_partner = clone("res_partner", template.id, CONTACTS, {
    "name": "'Contact ' || g", "complete_name": "'Contact ' || g",
    "phone": phone_sql("g"), "phone_sanitized": e164_sql("g"),
    "industrial_phone_e164": e164_sql("g"),
    "email": "'c' || g || '@example.ru'", "email_normalized": "'c' || g || '@example.ru'",
    "commercial_partner_id": "ids.id", "create_date": "now() - (g % 700) * interval '1 day'",
})

# ---------------------------------------------------------------- deals
Lead = env["crm.lead"].with_context(mail_create_nolog=True, tracking_disable=True)
lead_values = {"name": "Template deal", "type": "opportunity", "partner_id": template.id,
               "team_id": teams[0][1], "user_id": teams[0][2][0], "expected_revenue": 100000}
if INDUSTRIAL:
    # a deal of the suite needs its equipment of interest
    equipment = env["industrial.equipment.type"].create({"name": "Transformer substation"})
    lead_values.update(direction_id=teams[0][0], equipment_type_ids=[Command.set(equipment.ids)])
template_lead = Lead.create(lead_values)
cr.commit()
stage_ids = stages.ids
stage_codes = [f"'{s.industrial_code}'" if INDUSTRIAL and s.industrial_code else "NULL" for s in stages]
managers_flat = [uid for _d, _t, managers in teams for uid in managers]
# deal k: direction k % 5, one of its 5 managers (1 in 10 deals without manager), stage k % stages
user_expr = f"(CASE WHEN g % 10 = 0 THEN NULL ELSE {case('(g % 5) * 5 + (g / 5) % 5', managers_flat)} END)"
first_deal = clone("crm_lead", template_lead.id, DEALS, {
    "name": "'Deal ' || g || ': equipment'",
    "partner_id": f"{first_partner} + (g - 1) % {CONTACTS}",
    "industrial_commercial_partner_id": f"{first_partner} + (g - 1) % {CONTACTS}",
    "contact_name": f"'Contact ' || ((g - 1) % {CONTACTS} + 1)",
    "email_from": f"'c' || ((g - 1) % {CONTACTS} + 1) || '@example.ru'",
    "email_normalized": f"'c' || ((g - 1) % {CONTACTS} + 1) || '@example.ru'",
    "phone": phone_sql(f"(g - 1) % {CONTACTS} + 1"), "phone_sanitized": e164_sql(f"(g - 1) % {CONTACTS} + 1"),
    "direction_id": case("g % 5", [t[0] for t in teams]) if INDUSTRIAL else "NULL",
    "team_id": case("g % 5", [t[1] for t in teams]),
    "user_id": user_expr,
    "stage_id": case("g", stage_ids),
    "stage_code": case("g", stage_codes),
    "expected_revenue": "(g % 97 + 1) * 10000",
    "prorated_revenue": "(g % 97 + 1) * 10000 * tpl.probability / 100",
    "create_date": "now() - (g % 365) * interval '1 day'",
    "date_last_stage_update": "now() - (g % 200) * interval '1 day'",
    "date_open": "now() - (g % 365) * interval '1 day'",
    "progress_date": "now() - (g % 200) * interval '1 day'",
})

if INDUSTRIAL:
    field = env["crm.lead"]._fields["equipment_type_ids"]
    cr.execute(f"""INSERT INTO {field.relation} ({field.column1}, {field.column2})
                   SELECT id, %s FROM crm_lead WHERE id >= %s""", [equipment.id, first_deal])
    cr.commit()

# ---------------------------------------------------------------- requests
if INDUSTRIAL and REQUESTS:
    Request = env["industrial.request"].with_context(mail_create_nolog=True, tracking_disable=True)
    template_request = Request.create({"channel": "email", "email": "template@example.ru",
                                       "partner_id": template.id, "lead_id": template_lead.id,
                                       "direction_id": teams[0][0], "subject": "Template request"})
    template_request.ack_state = "sent"
    cr.commit()
    # request g: deal (g-1) % DEALS, its contact, direction and manager; 1 in 20 still unsorted
    first_request = clone("industrial_request", template_request.id, REQUESTS, {
        "name": "'REQ-S' || lpad(g::text, 8, '0')",
        "message_key": "NULL", "ack_state": "'sent'", "is_new_customer": "false",
        "channel": case("g", ["'email'", "'phone'", "'web_form'", "'manual'"]),
        "lead_id": "l.id", "partner_id": "l.partner_id",
        "direction_id": "(CASE WHEN g % 20 = 0 THEN NULL ELSE l.direction_id END)",
        "user_id": "(CASE WHEN g % 20 = 0 THEN NULL ELSE l.user_id END)",
        "state": "(CASE WHEN g % 20 = 0 THEN 'new' WHEN l.user_id IS NULL THEN 'routed' ELSE 'assigned' END)",
        "email": "l.email_from", "email_normalized": "l.email_normalized", "email_from": "l.email_from",
        "phone": "NULL", "phone_e164": "NULL",
        "contact_name": "l.contact_name", "subject": "'Request ' || g",
        "received_date": "now() - (g % 730) * interval '12 hours'",
        "create_date": "now() - (g % 730) * interval '12 hours'",
    }, joins=f"JOIN crm_lead l ON l.id = {first_deal} + (g - 1) % {DEALS}")

cr.execute("ANALYZE res_partner, crm_lead, res_users" + (", industrial_request" if INDUSTRIAL else ""))
cr.commit()
total = time.perf_counter() - SEEDED
rows = CONTACTS + DEALS + (REQUESTS if INDUSTRIAL else 0)
print(f"seed: {CONTACTS:,} contacts, {DEALS:,} deals"
      + (f", {REQUESTS:,} requests" if INDUSTRIAL else "")
      + f" in {total:.0f} s = {total / rows * 100000:.1f} s per 100k rows", flush=True)
