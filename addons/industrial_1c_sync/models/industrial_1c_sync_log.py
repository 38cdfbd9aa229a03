from odoo import api, fields, models


class Industrial1cSyncLog(models.Model):
    _name = "industrial.1c.sync.log"
    _description = "1C Exchange Log Line"
    _order = "id desc"

    connection_id = fields.Many2one("industrial.1c.connection", required=True, ondelete="cascade", index=True)
    run_uuid = fields.Char(string="Run", index=True)
    entity = fields.Char(required=True)
    direction = fields.Selection([("out", "Odoo to 1C"), ("in", "1C to Odoo")], required=True)
    ref_key = fields.Char(string="1C Key", index=True)
    state = fields.Selection(
        [("created", "Created"), ("updated", "Updated"), ("skipped", "Skipped"), ("failed", "Failed")],
        required=True, index=True,
    )
    error_kind = fields.Char(string="Fault")
    message = fields.Text()
    resolved = fields.Boolean(help="A later run handled this failed record.")
    partner_id = fields.Many2one("res.partner", string="Partner", index="btree_not_null", ondelete="set null")
    lead_id = fields.Many2one("crm.lead", string="Deal", index="btree_not_null", ondelete="set null")
    user_id = fields.Many2one(
        "res.users", string="Salesperson", compute="_compute_user_id", store=True, index="btree_not_null",
    )

    @api.depends("lead_id.user_id", "partner_id.user_id")
    def _compute_user_id(self):
        for log in self:
            log.user_id = log.lead_id.user_id or log.partner_id.user_id
