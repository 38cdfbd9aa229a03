from odoo import fields, models


class IndustrialMailchimpSyncLine(models.Model):
    """What a sync did with one address."""

    _name = "industrial.mailchimp.sync.line"
    _description = "Mailchimp Sync Line"
    _order = "id"
    _rec_name = "email"

    sync_id = fields.Many2one("industrial.mailchimp.sync", required=True, index=True, ondelete="cascade")
    partner_id = fields.Many2one("res.partner", string="Contact", ondelete="set null")
    email = fields.Char()
    result = fields.Selection(
        [
            ("sent", "Sent"),
            ("invalid", "Invalid Email"),
            ("duplicate", "Duplicate Email"),
            ("blacklisted", "Blacklisted"),
            ("error", "Rejected by Mailchimp"),
            ("unsubscribed", "Unsubscribed in Mailchimp"),
        ],
        required=True,
    )
    message = fields.Char()
