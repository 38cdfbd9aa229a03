from markupsafe import Markup

from odoo import api, fields, models


class CrmLead(models.Model):
    _inherit = "crm.lead"

    onec_document_ids = fields.One2many("industrial.1c.document", "lead_id", string="1C Documents")
    onec_document_count = fields.Integer(string="1C Document Count", compute="_compute_onec_document_count")
    onec_payment_document = fields.Char(string="Payment Document", copy=False, tracking=True)

    @api.depends("onec_document_ids")
    def _compute_onec_document_count(self):
        groups = self.env["industrial.1c.document"]._read_group(
            [("lead_id", "in", self.ids)], ["lead_id"], ["__count"]
        )
        counts = {lead.id: count for lead, count in groups}
        for lead in self:
            lead.onec_document_count = counts.get(lead.id, 0)

    def action_view_onec_documents(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("1C Documents"),
            "res_model": "industrial.1c.document",
            "view_mode": "list,form",
            "domain": [("lead_id", "=", self.id)],
        }

    def _onec_apply_payments(self):
        """Mark deals paid from their posted 1C payments; a fully paid deal
        moves to its next stage when industrial_crm's stage rules allow it."""
        Document = self.env["industrial.1c.document"]
        groups = Document._read_group(
            [("lead_id", "in", self.ids), ("posted", "=", True)], ["lead_id", "kind"], ["amount:sum", "date:max"],
        )
        totals = {(lead.id, kind): (amount, date) for lead, kind, amount, date in groups}
        for lead in self:
            paid, paid_at = totals.get((lead.id, "payment"), (0.0, False))
            due = totals.get((lead.id, "order"), (0.0, False))[0] or lead.expected_revenue
            payments = lead.onec_document_ids.filtered(lambda d: d.kind == "payment" and d.posted)
            vals = {
                "paid_amount": paid,
                "paid_date": paid_at and paid_at.date(),
                "onec_payment_document": ", ".join(payments.sorted("date").mapped("name")),
            }
            fully_paid = bool(due) and lead.company_currency.compare_amounts(paid, due) >= 0
            if fully_paid and not lead.is_paid:
                vals["is_paid"] = True
            lead.write(vals)
            if not vals.get("is_paid"):
                continue
            note = self.env._(
                "Paid in 1C: %(amount)s on %(date)s, documents %(docs)s.",
                amount=paid, date=vals["paid_date"], docs=vals["onec_payment_document"],
            )
            stage = lead._get_next_stage()
            blockers = lead._get_stage_blockers(stage) if stage else []
            if stage and not blockers:
                lead.stage_id = stage
                note += " " + self.env._("The deal moved to %(stage)s.", stage=stage.name)
            elif stage:
                note += " " + self.env._("It stays at its stage: %(reasons)s.", reasons="; ".join(blockers))
            lead.message_post(body=Markup("<p>%s</p>") % note, subtype_xmlid="mail.mt_note")
