from markupsafe import Markup

from odoo import api, fields, models


class CrmLead(models.Model):
    _inherit = "crm.lead"

    # 1C documents carry amounts: like the deal's amounts, they are for sales staff
    onec_document_ids = fields.One2many(
        "industrial.1c.document", "lead_id", string="1C Documents", groups="sales_team.group_sale_salesman"
    )
    onec_document_count = fields.Integer(
        string="1C Document Count", compute="_compute_onec_document_count", groups="sales_team.group_sale_salesman"
    )
    onec_payment_document = fields.Char(string="Payment Document", copy=False, tracking=True)

    @api.depends("onec_document_ids")
    def _compute_onec_document_count(self):
        groups = self.env["industrial.1c.document"]._read_group(
            [("lead_id", "in", self.ids)], ["lead_id"], ["__count"]
        )
        counts = {lead.id: count for lead, count in groups}
        for lead in self:
            lead.onec_document_count = counts.get(lead.id, 0)

    onec_shipped = fields.Boolean(
        string="Shipped in 1C", compute="_compute_onec_shipped",
        help="A shipment (UPD) of the deal is posted in 1C.")

    @api.depends("onec_document_ids.posted", "onec_document_ids.kind", "onec_document_ids.deletion_mark")
    def _compute_onec_shipped(self):
        shipped = {lead.id for [lead] in self.env["industrial.1c.document"].sudo()._read_group(
            [("lead_id", "in", self.ids), ("kind", "=", "shipment"), ("posted", "=", True),
             ("deletion_mark", "=", False)], ["lead_id"])}
        for lead in self:
            lead.onec_shipped = lead.id in shipped

    @api.model_create_multi
    def create(self, vals_list):
        """The company of a new lead goes to 1C as a potential customer now, by a triggered job,
        not at the next scheduled exchange (no query at all when no connection sends companies)."""
        leads = super().create(vals_list)
        if self.env["industrial.1c.connection"]._onec_sends_partners() and \
                leads.partner_id.commercial_partner_id.filtered("is_company"):
            cron = self.env.ref("industrial_1c_sync.ir_cron_industrial_1c_partners_out", raise_if_not_found=False)
            if cron:
                cron.sudo()._trigger()
        return leads

    def action_view_onec_documents(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("1C Documents"),
            "res_model": "industrial.1c.document",
            "view_mode": "list,form",
            "domain": [("lead_id", "=", self.id)],
        }

    @api.depends("onec_document_ids.amount", "onec_document_ids.posted", "onec_document_ids.kind")
    def _compute_industrial_payment(self):
        return super()._compute_industrial_payment()

    def _industrial_get_payment_figures(self):
        """The posted payments imported from 1C count as paid; 1C's customer orders
        give the amount due when Odoo has no confirmed order. Both systems may record
        the same money: the larger of the two is taken, never their sum."""
        figures = super()._industrial_get_payment_figures()
        groups = self.env["industrial.1c.document"].sudo()._read_group(
            [("lead_id", "in", self.ids), ("posted", "=", True), ("kind", "in", ("order", "payment"))],
            ["lead_id", "kind"], ["amount:sum", "date:max"],
        )
        onec = {(lead.id, kind): (amount, date) for lead, kind, amount, date in groups}
        for lead in self:
            due, paid, paid_date = figures.get(lead.id, (0.0, 0.0, False))
            onec_paid, onec_date = onec.get((lead.id, "payment"), (0.0, False))
            onec_due = onec.get((lead.id, "order"), (0.0, False))[0]
            if onec_due and not lead.order_ids.filtered(lambda o: o.state == "sale"):
                due = onec_due
            if onec_paid > paid:
                paid, paid_date = onec_paid, onec_date and onec_date.date()
            figures[lead.id] = (due, paid, paid_date)
        return figures

    def _stage_requirement_onec_shipped(self, requirement):
        """A deal whose orders go through 1C leaves the shipment stage once its goods have
        shipped: a shipment posted in 1C, or a delivery done in Odoo."""
        orders = self.sudo().order_ids.filtered(lambda o: o.state == "sale")
        if not orders.onec_binding_ids.filtered("ref_key"):
            return []
        delivered = orders.picking_ids.filtered(
            lambda p: p.picking_type_code == "outgoing" and p.state == "done")
        if self.onec_shipped or delivered:
            return []
        return [self.env._(
            "the goods have not shipped: no shipment (UPD) of the deal's order is posted in 1C yet")]

    def _onec_apply_payments(self, was_paid=None):
        """Note the 1C payments on the deals; a deal paid in full just now moves to
        its next stage when industrial_crm's stage rules allow it."""
        was_paid = was_paid if was_paid is not None else self.browse()
        for lead in self:
            payments = lead.onec_document_ids.filtered(lambda d: d.kind == "payment" and d.posted)
            lead.onec_payment_document = ", ".join(payments.sorted("date").mapped("name"))
            if not lead.is_paid or lead in was_paid:
                continue
            note = self.env._(
                "Paid in 1C: %(amount)s on %(date)s, documents %(docs)s.",
                amount=lead.paid_amount, date=lead.paid_date, docs=lead.onec_payment_document,
            )
            stage = lead._get_next_stage()
            blockers = lead._get_stage_blockers(stage) if stage else []
            if stage and not blockers:
                lead.stage_id = stage
                note += " " + self.env._("The deal moved to %(stage)s.", stage=stage.name)
            elif stage:
                note += " " + self.env._("It stays at its stage: %(reasons)s.", reasons="; ".join(blockers))
            lead.message_post(body=Markup("<p>%s</p>") % note, subtype_xmlid="mail.mt_note")
