from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    """The rule that skips Certification is now a deal condition, which the funnel
    report reads in SQL; its record is noupdate, so the condition is written here."""
    env = api.Environment(cr, SUPERUSER_ID, {})
    rule = env.ref("industrial_crm.stage_requirement_certification_needed", raise_if_not_found=False)
    if rule and not rule.domain:
        rule.write({
            "domain": '[("needs_certification", "=", True)]',
            "message": "this equipment needs no certification: move the deal to Service",
        })
