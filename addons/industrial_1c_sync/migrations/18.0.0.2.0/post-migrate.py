def migrate(cr, version):
    """The KPP moved from the 1C module's own column to the suite's ``industrial_kpp``
    (one field for one fact, checked by industrial_ru): keep what 1C brought."""
    cr.execute("""
        SELECT 1 FROM information_schema.columns WHERE table_name = 'res_partner' AND column_name = 'onec_kpp'
    """)
    if not cr.fetchone():
        return
    cr.execute("""
        UPDATE res_partner SET industrial_kpp = onec_kpp
         WHERE onec_kpp IS NOT NULL AND onec_kpp != '' AND industrial_kpp IS NULL
    """)
    cr.execute("ALTER TABLE res_partner DROP COLUMN onec_kpp")
