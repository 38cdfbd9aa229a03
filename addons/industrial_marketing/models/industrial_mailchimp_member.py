from odoo import fields, models


class IndustrialMailchimpMember(models.Model):
    """What Odoo last sent to an audience for one address.

    A re-run compares the new payload hash with this one, so an unchanged
    contact is never sent again.
    """

    _name = "industrial.mailchimp.member"
    _description = "Mailchimp Audience Member"
    _order = "list_id, email"
    _rec_name = "email"

    list_id = fields.Char(string="Audience ID", required=True, index=True)
    email = fields.Char(required=True)
    subscriber_hash = fields.Char(required=True)
    partner_id = fields.Many2one("res.partner", string="Contact", index="btree_not_null", ondelete="set null")
    payload_hash = fields.Char(help="Digest of the merge fields and tags last accepted by Mailchimp.")
    status = fields.Selection(
        [("subscribed", "Subscribed"), ("unsubscribed", "Unsubscribed"), ("cleaned", "Cleaned")],
        default="subscribed", required=True,
    )
    last_sync_date = fields.Datetime()

    _sql_constraints = [
        ("list_hash_uniq", "unique(list_id, subscriber_hash)", "An address appears once per audience."),
    ]
