import logging
from datetime import timedelta

from odoo import api, fields, models

_logger = logging.getLogger(__name__)

UNPAID = ("not_paid", "partial")


class AccountMove(models.Model):
    _name = "account.move"
    _inherit = ["account.move", "industrial.ru.document"]

    industrial_due_reminder_sent = fields.Boolean(string="Due Date Reminder Sent", readonly=True, copy=False)
    industrial_overdue_notified = fields.Boolean(string="Overdue Task Given", readonly=True, copy=False)
    industrial_thanks_sent = fields.Boolean(string="Payment Thanks Sent", readonly=True, copy=False)

    # CRUD

    def _post(self, soft=True):
        posted = super()._post(soft=soft)
        if self._industrial_switch("industrial_ru.notify_invoice_due"):
            posted._industrial_notice_invoices().filtered(
                lambda m: m.payment_state in UNPAID
            )._industrial_notify("due")
        return posted

    def _invoice_paid_hook(self):
        result = super()._invoice_paid_hook()
        invoices = self._industrial_notice_invoices()
        overdue_type = self.env.ref("industrial_ru.mail_act_invoice_overdue", raise_if_not_found=False)
        if overdue_type:
            for invoice in invoices.filtered("industrial_overdue_notified"):
                invoice.activity_ids.filtered(lambda a: a.activity_type_id == overdue_type).action_feedback(
                    feedback=self.env._("Paid.")
                )
        if self._industrial_switch("industrial_ru.notify_invoice_paid"):
            thanked = invoices.filtered(
                lambda m: not m.industrial_thanks_sent and not m.currency_id.is_zero(m.amount_total)
            )
            thanked._industrial_notify("paid")
            thanked.sudo().industrial_thanks_sent = True
        return result

    # BUSINESS

    @api.model
    def _industrial_switch(self, key):
        return bool(self.env["ir.config_parameter"].sudo().get_param(key))

    def _industrial_notice_invoices(self):
        return self.filtered(
            lambda m: m.move_type == "out_invoice" and m.state == "posted"
            and m.invoice_date_due and m.partner_id
        )

    def _industrial_notify(self, kind):
        mail_template = self.env.ref(f"industrial_ru.mail_template_invoice_{kind}", raise_if_not_found=False)
        sms_template = self.env.ref(f"industrial_ru.sms_template_invoice_{kind}", raise_if_not_found=False)
        for invoice in self:
            invoice._industrial_send_customer_notice(invoice, invoice.partner_id, mail_template, sms_template)

    def _industrial_manager(self):
        """Who chases the payment: the salesperson of the invoice, else of its deal, else its author."""
        self.ensure_one()
        deal_user = self.line_ids.sale_line_ids.order_id.opportunity_id.user_id[:1]
        return self.invoice_user_id or deal_user or self.create_uid

    @api.model
    def _cron_industrial_invoice_notices(self):
        """Remind customers before the due date; give the manager a task on the due date if unpaid."""
        today = fields.Date.context_today(self)
        Move = self.sudo()
        base = [("move_type", "=", "out_invoice"), ("state", "=", "posted"), ("payment_state", "in", UNPAID)]
        if self._industrial_switch("industrial_ru.notify_invoice_reminder"):
            params = self.env["ir.config_parameter"].sudo()
            days = int(params.get_param("industrial_ru.invoice_reminder_days") or 3)
            for invoice in Move.search(base + [
                ("industrial_due_reminder_sent", "=", False),
                ("invoice_date_due", ">", today),
                ("invoice_date_due", "<=", today + timedelta(days=days)),
            ]):
                try:
                    with self.env.cr.savepoint():
                        invoice._industrial_notify("reminder")
                        invoice.industrial_due_reminder_sent = True
                except Exception:
                    _logger.exception("Due date reminder of invoice %s could not be sent", invoice.id)
        if self._industrial_switch("industrial_ru.notify_invoice_overdue"):
            activity_type = self.env.ref("industrial_ru.mail_act_invoice_overdue")
            for invoice in Move.search(base + [
                ("industrial_overdue_notified", "=", False),
                ("invoice_date_due", "<=", today),
            ]):
                try:
                    with self.env.cr.savepoint():
                        manager = invoice._industrial_manager()
                        invoice.activity_schedule(
                            activity_type_id=activity_type.id,
                            user_id=manager.id,
                            date_deadline=today,
                            summary=activity_type.with_context(lang=manager.lang).summary,
                        )
                        invoice.industrial_overdue_notified = True
                except Exception:
                    _logger.exception("Overdue task of invoice %s could not be given", invoice.id)

    # PRINTED DOCUMENTS

    def _industrial_ru_doc_header(self):
        return {
            "number": self.name,
            "date": self.invoice_date or self.date,
            "due_date": self.invoice_date_due,
            "buyer": self.partner_id,
            "currency": self.currency_id,
            "bank_account": self.partner_bank_id,
        }

    def _industrial_ru_doc_lines(self):
        return [{
            "name": (line.product_id.name or line.name or "").split("\n")[0],
            "qty": line.quantity,
            "uom": line.product_uom_id.name or "",
            "price_total": line.price_total,
            "price_tax": line.price_total - line.price_subtotal,
            "tax": line.tax_ids[:1],
            "customer_lead": 0,
        } for line in self.invoice_line_ids.filtered(lambda l: l.display_type == "product")]
