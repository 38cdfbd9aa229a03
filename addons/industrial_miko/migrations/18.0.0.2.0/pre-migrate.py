"""The exchange's own phone region is gone: the suite has one (industrial_crm.phone_region).
An exchange that read numbers with another region than the suite's is named in the log, so
that the administrator sets the suite's region if that was the intent."""
import logging

_logger = logging.getLogger(__name__)


def migrate(cr, version):
    cr.execute("""
        SELECT 1 FROM information_schema.columns
         WHERE table_name = 'industrial_pbx_connection' AND column_name = 'phone_region'
    """)
    if not cr.fetchone():
        return
    cr.execute("SELECT value FROM ir_config_parameter WHERE key = 'industrial_crm.phone_region'")
    row = cr.fetchone()
    suite = ((row and row[0]) or "RU").upper()
    cr.execute("""
        SELECT name, upper(phone_region) FROM industrial_pbx_connection
         WHERE phone_region IS NOT NULL AND upper(phone_region) != %s
    """, [suite])
    for name, region in cr.fetchall():
        _logger.warning(
            "MikoPBX %s read numbers as %s, the suite reads them as %s (setting industrial_crm.phone_region): "
            "set the suite's region if %s was meant.", name, region, suite, region,
        )
    cr.execute("ALTER TABLE industrial_pbx_connection DROP COLUMN phone_region")
