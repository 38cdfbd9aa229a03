from odoo import fields, models

from ..models.crm_lead import SATISFACTION_OUTCOMES


class IndustrialSatisfactionOutcomeWizard(models.TransientModel):
    """What the customer said on the satisfaction call: kept on the deal, the
    planned call marked done with it."""

    _name = "industrial.satisfaction.outcome.wizard"
    _description = "Record a Satisfaction Call"

    lead_id = fields.Many2one("crm.lead", string="Deal", required=True, ondelete="cascade")
    partner_id = fields.Many2one(related="lead_id.partner_id")
    phone = fields.Char(related="lead_id.phone")
    outcome = fields.Selection(SATISFACTION_OUTCOMES, required=True)
    note = fields.Text(help="What the customer said, in particular about an issue.")

    def action_confirm(self):
        self.ensure_one()
        self.lead_id._record_satisfaction_outcome(self.outcome, self.note)
        return {"type": "ir.actions.act_window_close"}
