from odoo import api, fields, models
from odoo.exceptions import UserError

from .sale_order import APPROVAL_LEVELS


class AccountMove(models.Model):
    """Customer invoices above the amounts set in Settings go through tier
    validation (``account_move_tier_validation``): the head of the invoice's
    sales team above the first, the director above the second. Once approved,
    the accountant gets the task to send the invoice."""

    _inherit = "account.move"

    invoice_approval_level = fields.Selection(
        APPROVAL_LEVELS,
        string="Invoice Approved By",
        compute="_compute_invoice_approval_level",
        help="Who must approve this customer invoice, by its total and the amounts in Settings.",
    )
    approval_head_ids = fields.Many2many(
        "res.users",
        string="Approving Head",
        compute="_compute_approval_reviewers",
        help="The leader of the invoice's sales team (direction); the director when it has none.",
    )
    approval_director_ids = fields.Many2many(
        "res.users",
        string="Approving Director",
        compute="_compute_approval_reviewers",
    )

    @api.depends("move_type", "amount_total_signed", "company_id")
    def _compute_invoice_approval_level(self):
        for move in self:
            if move.move_type != "out_invoice":
                move.invoice_approval_level = "none"
                continue
            company = move.company_id or self.env.company
            move.invoice_approval_level = company._industrial_invoice_level(abs(move.amount_total_signed))

    @api.depends("team_id.user_id", "company_id")
    def _compute_approval_reviewers(self):
        for move in self:
            company = move.company_id or self.env.company
            directors = company._industrial_approval_directors()
            move.approval_director_ids = directors
            move.approval_head_ids = move.team_id.user_id or directors

    def action_post(self):
        self._industrial_check_invoice_approved()
        return super().action_post()

    def _industrial_check_invoice_approved(self):
        """Refuse to post a customer invoice whose approval is not complete, in
        the user's words (tier validation would refuse it too)."""
        for move in self:
            if move.invoice_approval_level == "none" or move.validation_status == "validated":
                continue
            if move.validation_status == "rejected":
                message = self.env._(
                    "The invoice to %(partner)s was refused: correct it and request the approval again "
                    "before posting it.", partner=move.partner_id.display_name,
                )
            elif move.review_ids:
                message = self.env._(
                    "The invoice to %(partner)s waits for approval: it can be posted once it is approved.",
                    partner=move.partner_id.display_name,
                )
            else:
                message = self.env._(
                    "The invoice to %(partner)s is above the amount that needs approval: request it "
                    "before posting the invoice.", partner=move.partner_id.display_name,
                )
            raise UserError(message)

    def _validate_tier(self, tiers=False):
        res = super()._validate_tier(tiers)
        self._industrial_plan_invoice_sending()
        return res

    def _industrial_plan_invoice_sending(self):
        """An approved customer invoice waits for the accountant to send it."""
        activity_type = self.env.ref("industrial_approval.mail_act_send_invoice")
        for move in self.sudo():
            if move.move_type != "out_invoice" or move.validation_status != "validated":
                continue
            accountant = move.company_id._industrial_invoice_accountant()
            if not accountant or move.activity_ids.filtered(lambda a: a.activity_type_id == activity_type):
                continue
            move.activity_schedule(
                activity_type_id=activity_type.id,
                summary=self.with_context(lang=accountant.lang).env._("Post and send the approved invoice"),
                user_id=accountant.id,
            )
