from odoo import fields, models


class IndustrialPbxExtension(models.Model):
    """Which Odoo user answers at which internal number of the exchange."""

    _name = "industrial.pbx.extension"
    _description = "PBX Extension"
    _order = "extension"

    connection_id = fields.Many2one(
        "industrial.pbx.connection", required=True, ondelete="cascade", index=True
    )
    extension = fields.Char(required=True)
    user_id = fields.Many2one("res.users", string="User", required=True, ondelete="cascade")

    _sql_constraints = [
        ("extension_uniq", "unique(connection_id, extension)",
         "An extension is mapped to one user only."),
        ("user_uniq", "unique(connection_id, user_id)",
         "A user has one extension per exchange."),
    ]
