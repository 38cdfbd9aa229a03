from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    industrial_sms_failure = fields.Char(
        string="Last SMS Failure", compute="_compute_industrial_sms_failure",
        help="Why the last SMS to this contact failed, while it is not resent.",
    )

    def _compute_industrial_sms_failure(self):
        self.industrial_sms_failure = False
        if not self.ids:
            return
        failed = self.env["sms.sms"].sudo().search(
            [("partner_id", "in", self.ids), ("state", "=", "error")], order="id desc"
        )
        reasons = {}
        labels = dict(failed._fields["failure_type"]._description_selection(self.env))
        for sms in failed:
            reasons.setdefault(sms.partner_id.id, sms.industrial_failure_reason or labels.get(sms.failure_type))
        for partner in self:
            partner.industrial_sms_failure = reasons.get(partner.id, False)
