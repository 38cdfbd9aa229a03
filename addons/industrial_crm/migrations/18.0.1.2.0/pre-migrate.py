def migrate(cr, version):
    """A direction becomes its sales team (``_inherits crm.team``): its own name and
    alias columns stop being fields. Free them before the registry loads, so new
    directions can be created; post-migrate moves their values to the team."""
    cr.execute("""
        SELECT column_name FROM information_schema.columns
         WHERE table_name = 'industrial_direction' AND column_name IN ('name', 'alias_id')
    """)
    for (column,) in cr.fetchall():
        cr.execute(f'ALTER TABLE industrial_direction ALTER COLUMN "{column}" DROP NOT NULL')
