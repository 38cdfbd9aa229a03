from odoo import models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    def _industrial_demo_fulfil(self, deliver=False, invoice=False, paid_share=0.0):
        """Demo data only: what an order of the demo went through, as its users would
        have done it: confirmed, delivered, invoiced and ``paid_share`` of the invoice
        paid by a registered payment."""
        for order in self:
            if order.state in ("draft", "sent"):
                order.action_confirm()
            if deliver:
                pickings = order.picking_ids.filtered(lambda p: p.state not in ("done", "cancel"))
                pickings.action_assign()
                pickings.button_validate()
            if not invoice:
                continue
            invoices = order._create_invoices()
            invoices.action_post()
            if paid_share:
                amount = order.currency_id.round(sum(invoices.mapped("amount_total")) * paid_share)
                self.env["account.payment.register"].with_context(
                    active_model="account.move", active_ids=invoices.ids,
                ).create({"amount": amount})._create_payments()
        return True
