# Contact lookup by phone (make bench BENCH=phone_lookup), run inside `odoo shell` (env is given).
# Seeds BENCH_PARTNERS contacts (half an office phone only, a quarter a mobile only, a quarter both, typed in
# the Russian habits), then looks 1,000 numbers up: by our indexed E.164 columns (res_partner.py
# _industrial_search_contact) and by Odoo's phone_sanitized (phone_validation's mail.thread.phone, stored by
# the sms module on res.partner), without and with an index. Prints timings, plans and how many numbers each
# finds. Everything runs in one transaction that is rolled back: the database is left as it was.
import os
import random
import time

from psycopg2.extras import execute_values

env = env  # noqa: F821 - odoo shell's env
PARTNERS = int(os.environ.get("BENCH_PARTNERS", 50000))
SAMPLES = 1000
cr = env.cr
Partner = env["res.partner"].with_context(mail_create_nolog=True, tracking_disable=True)


def number(i, kind):
    """A Russian number of contact ``i``, written as 1C, web forms and people write them."""
    area = "495" if kind == "phone" else "916"
    local = str(2000000 + i)
    style = i % 3
    if style == 0:
        return f"+7 {area} {local[:3]}-{local[3:5]}-{local[5:]}"
    if style == 1:
        return f"8 ({area}) {local[:3]}-{local[3:5]}-{local[5:]}"
    return f"7{area}{local}"


def contact(i):
    kind = ("phone", "phone", "mobile", "both")[i % 4]
    return (
        f"Bench {i}",
        number(i, "phone") if kind in ("phone", "both") else None,
        number(i, "mobile") if kind in ("mobile", "both") else None,
    )


def seed():
    """The contacts are cloned in SQL from one made by the ORM (the ORM takes 8 minutes for 50,000 on the
    shared machine); each key is computed by the function the ORM's compute calls: ours by
    _industrial_normalize_phone, phone_sanitized by _phone_format with the country a contact without one
    gets (the company's), mobile first. A sample made by the ORM checks that both agree."""
    start = time.perf_counter()
    ours = env["res.partner"]._industrial_normalize_phone
    country = env.company.country_id
    theirs = env["res.partner"]._phone_format

    def keys(name, phone, mobile):
        return (name, phone, mobile, ours(phone) if phone else None, ours(mobile) if mobile else None,
                (mobile and theirs(number=mobile, country=country)) or (phone and theirs(number=phone, country=country))
                or None)

    sample = Partner.create([dict(zip(("name", "phone", "mobile"), contact(i))) for i in range(PARTNERS, PARTNERS + 200)])
    env.flush_all()
    same = sum(
        (p.industrial_phone_e164 or None, p.industrial_mobile_e164 or None, p.phone_sanitized or None)
        == keys(p.name, p.phone, p.mobile)[3:]
        for p in sample
    )
    print(f"keys computed as the ORM computes them: {same}/{len(sample)} of an ORM-made sample agree")
    template = sample[0].id
    sql = ("INSERT INTO res_partner (name, phone, mobile, industrial_phone_e164, industrial_mobile_e164, "
           "phone_sanitized, {cols}) SELECT v.name, v.phone, v.mobile, v.pe, v.me, v.ps, {tcols} "
           "FROM res_partner t, (VALUES %s) AS v(name, phone, mobile, pe, me, ps) WHERE t.id = {template}")
    cr.execute("SELECT column_name FROM information_schema.columns WHERE table_name = 'res_partner' "
               "AND column_name NOT IN ('id', 'name', 'phone', 'mobile', 'industrial_phone_e164', "
               "'industrial_mobile_e164', 'phone_sanitized')")
    cols = [row[0] for row in cr.fetchall()]
    sql = sql.format(cols=", ".join(f'"{c}"' for c in cols), tcols=", ".join(f't."{c}"' for c in cols),
                     template=template)
    for first in range(0, PARTNERS, 5000):
        rows = [keys(*contact(i)) for i in range(first, min(first + 5000, PARTNERS))]
        execute_values(cr._obj, sql, rows, page_size=5000)
    cr.execute("ANALYZE res_partner")
    print(f"seeded {PARTNERS} contacts in {time.perf_counter() - start:.0f} s "
          f"(phone_sanitized with the company's country: {country.code})")


def timed(sql, keys):
    found = 0
    start = time.perf_counter()
    for key in keys:
        cr.execute(sql, [key] * sql.count("%s"))
        found += bool(cr.fetchone())
    return (time.perf_counter() - start) / len(keys) * 1000, found


def plan(sql, key):
    cr.execute("EXPLAIN ANALYZE " + sql, [key] * sql.count("%s"))
    return "\n    ".join(row[0] for row in cr.fetchall())


def main():
    seed()
    cr.execute("SELECT indexname FROM pg_indexes WHERE tablename = 'res_partner' "
               "AND (indexdef ILIKE '%%phone%%' OR indexdef ILIKE '%%mobile%%')")
    print("indexes of res_partner on phones:", sorted(row[0] for row in cr.fetchall()))
    rng = random.Random(16)
    # the office number of contacts that have a mobile too: what a call from the office desk shows
    Key = env["res.partner"]._industrial_normalize_phone
    office = [Key(number(i, "phone")) for i in rng.sample(range(3, PARTNERS, 4), SAMPLES)]
    mobile = [Key(number(i, "mobile")) for i in rng.sample(range(2, PARTNERS, 4), SAMPLES)]
    ours = ("SELECT id FROM res_partner WHERE industrial_phone_e164 = %s OR industrial_mobile_e164 = %s "
            "ORDER BY id LIMIT 1")
    odoo_sql = "SELECT id FROM res_partner WHERE phone_sanitized = %s ORDER BY id LIMIT 1"
    rows = {}
    rows["ours"] = timed(ours, mobile + office)
    rows["phone_sanitized, no index"] = timed(odoo_sql, mobile + office)
    ours_plan, plain_plan = plan(ours, office[0]), plan(odoo_sql, office[0])
    cr.execute("CREATE INDEX bench_phone_sanitized ON res_partner (phone_sanitized)")
    cr.execute("ANALYZE res_partner")
    rows["phone_sanitized, indexed"] = timed(odoo_sql, mobile + office)
    indexed_plan = plan(odoo_sql, office[0])
    base = rows["ours"][0]
    print(f"{len(mobile + office)} lookups (half mobiles, half office numbers of contacts with both):")
    for name, (ms, found) in rows.items():
        print(f"  {name:28s} {ms:8.3f} ms per lookup  x{ms / base:6.1f}  found {found}/{len(mobile + office)}")
    _ms, office_found = timed(odoo_sql, office)
    print(f"office numbers of contacts with a mobile too found by phone_sanitized: {office_found}/{SAMPLES}")
    cr.execute("SELECT count(*) FROM res_partner WHERE name LIKE 'Bench %%' AND phone_sanitized IS NULL "
               "AND (phone IS NOT NULL OR mobile IS NOT NULL)")
    print(f"seeded contacts with a number but no phone_sanitized: {cr.fetchone()[0]}")
    print("plan, ours:\n    " + ours_plan)
    print("plan, phone_sanitized without index:\n    " + plain_plan)
    print("plan, phone_sanitized with an index:\n    " + indexed_plan)


try:
    main()
finally:
    cr.rollback()
