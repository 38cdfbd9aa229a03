from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    """The acknowledgement job now runs every minute instead of being woken by
    each registration; its record is noupdate, so existing databases get it here."""
    env = api.Environment(cr, SUPERUSER_ID, {})
    job = env.ref("industrial_crm.ir_cron_send_acknowledgements", raise_if_not_found=False)
    if job:
        job.write({"interval_number": 1, "interval_type": "minutes"})
