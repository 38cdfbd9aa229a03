import logging

_logger = logging.getLogger(__name__)

OLD_COLUMNS = ("onec_partner_key", "onec_counterparty_key", "onec_partner_version", "onec_counterparty_version")


def migrate(cr, version):
    """The 1C keys and DataVersions of companies moved from columns of res_partner to
    bindings (one per connection and company, one per connection and 1C key). They were
    kept without a connection: they go to the oldest connection, the active ones first.
    A key held by two companies stays with the oldest company; the other is left unbound (logged)."""
    cr.execute("""
        SELECT column_name FROM information_schema.columns
         WHERE table_name = 'res_partner' AND column_name IN %s
    """, [OLD_COLUMNS])
    if len({row[0] for row in cr.fetchall()}) < len(OLD_COLUMNS):
        return
    cr.execute("SELECT id, counterparty_entity FROM industrial_1c_connection ORDER BY active DESC, id LIMIT 1")
    connection = cr.fetchone()
    if connection:
        cr.execute("""
            INSERT INTO industrial_1c_binding
                   (connection_id, entity, ref_key, data_version, partner_id, partner_ref_key,
                    partner_data_version, state, create_uid, write_uid, create_date, write_date)
            SELECT DISTINCT ON (COALESCE(p.onec_counterparty_key, 'partner ' || p.id))
                   %(connection)s, %(entity)s, p.onec_counterparty_key, p.onec_counterparty_version, p.id,
                   p.onec_partner_key, p.onec_partner_version, 'synced', 1, 1,
                   now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC'
              FROM res_partner p
             WHERE (COALESCE(p.onec_counterparty_key, '') != '' OR COALESCE(p.onec_partner_key, '') != '')
               AND NOT EXISTS (SELECT 1 FROM industrial_1c_binding b
                                WHERE b.connection_id = %(connection)s
                                  AND (b.partner_id = p.id OR (b.entity = %(entity)s
                                                               AND b.ref_key = p.onec_counterparty_key)))
             ORDER BY COALESCE(p.onec_counterparty_key, 'partner ' || p.id), p.id
        """, {"connection": connection[0], "entity": connection[1]})
        _logger.info("1C keys of %s companies moved to bindings of connection %s", cr.rowcount, connection[0])
        cr.execute("""
            SELECT array_agg(p.id) FROM res_partner p
             WHERE COALESCE(p.onec_counterparty_key, '') != ''
               AND NOT EXISTS (SELECT 1 FROM industrial_1c_binding b WHERE b.partner_id = p.id)
        """)
        unbound = cr.fetchone()[0]
        if unbound:
            _logger.warning("1C keys held by two companies: companies %s left unbound (the key stays with the "
                            "oldest company)", unbound)
    else:
        cr.execute("SELECT count(*) FROM res_partner WHERE COALESCE(onec_counterparty_key, '') != ''")
        if cr.fetchone()[0]:
            _logger.warning("1C keys of companies dropped: no 1C connection is left to bind them to")
    cr.execute("ALTER TABLE res_partner " + ", ".join("DROP COLUMN %s" % column for column in OLD_COLUMNS))
