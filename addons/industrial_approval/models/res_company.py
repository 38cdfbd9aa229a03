from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .industrial_product_brand import discount_level


class ResCompany(models.Model):
    _inherit = "res.company"

    industrial_discount_manager = fields.Float(
        string="Manager's Discount Without Brand (%)",
        digits="Discount",
        default=5.0,
        help="Largest line discount a manager gives alone on a product without a brand.",
    )
    industrial_discount_head = fields.Float(
        string="Head's Discount Without Brand (%)",
        digits="Discount",
        default=15.0,
        help="Largest line discount the head approves on a product without a brand.",
    )
    industrial_invoice_head_threshold = fields.Monetary(
        string="Invoice Amount for the Head",
        currency_field="currency_id",
        help="Customer invoices above this total need the head's approval (0: no approval).",
    )
    industrial_invoice_director_threshold = fields.Monetary(
        string="Invoice Amount for the Director",
        currency_field="currency_id",
        help="Customer invoices above this total need the director's approval (0: never the director).",
    )
    industrial_invoice_accountant_id = fields.Many2one(
        "res.users",
        string="Accountant Sending Invoices",
        help="Gets the task to send an approved invoice; the first member of the Accountant group when empty.",
    )

    @api.constrains("industrial_discount_manager", "industrial_discount_head")
    def _check_industrial_discount_bands(self):
        for company in self:
            if not 0 <= company.industrial_discount_manager < company.industrial_discount_head <= 100:
                raise ValidationError(self.env._(
                    "The discount bands must grow from 0 to 100 %%: the manager's (%(manager)s %%) "
                    "below the head's (%(head)s %%), the head's at most 100 %%.",
                    manager=company.industrial_discount_manager, head=company.industrial_discount_head,
                ))

    @api.constrains("industrial_invoice_head_threshold", "industrial_invoice_director_threshold")
    def _check_industrial_invoice_thresholds(self):
        for company in self:
            head = company.industrial_invoice_head_threshold
            director = company.industrial_invoice_director_threshold
            if head < 0 or director < 0 or (director and director <= head):
                raise ValidationError(self.env._(
                    "Invoice approval: the director's amount (%(director)s) must be above the "
                    "head's (%(head)s), and neither may be negative.",
                    director=director, head=head,
                ))

    def _industrial_discount_level(self, discount):
        """Who approves ``discount`` (%) on a product without a brand."""
        self.ensure_one()
        return discount_level(discount, self.industrial_discount_manager, self.industrial_discount_head)

    def _industrial_invoice_level(self, amount):
        """Who approves a customer invoice of ``amount`` (company currency)."""
        self.ensure_one()
        director = self.industrial_invoice_director_threshold
        head = self.industrial_invoice_head_threshold
        if director and amount > director:
            return "director"
        if head and amount > head:
            return "head"
        return "none"

    def _industrial_approval_directors(self):
        """The director named in Settings, else every internal member of the Director group."""
        self.ensure_one()
        if self.industrial_director_id:
            return self.industrial_director_id
        return self.env.ref("industrial_crm.group_director").users.filtered(
            lambda u: u.active and not u.share and not u._is_superuser() and self in u.company_ids
        )

    def _industrial_invoice_accountant(self):
        self.ensure_one()
        if self.industrial_invoice_accountant_id:
            return self.industrial_invoice_accountant_id
        return self.env.ref("industrial_approval.group_accountant").users.filtered(
            lambda u: u.active and self in u.company_ids
        ).sorted("id")[:1]
