from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    """Records of this release that existing databases keep from the last one
    (noupdate data): the acknowledgement job now runs every minute instead of
    being woken by each registration, and its template body uses plain
    placeholders only (rendered without QWeb); a template edited by an admin is
    left as he wrote it."""
    env = api.Environment(cr, SUPERUSER_ID, {})
    job = env.ref("industrial_crm.ir_cron_send_acknowledgements", raise_if_not_found=False)
    if job:
        job.write({"interval_number": 1, "interval_type": "minutes"})
    template = env.ref("industrial_crm.mail_template_request_ack", raise_if_not_found=False)
    if template and 't-if="object.contact_name"' in (template.body_html or ""):
        template.reset_template()
