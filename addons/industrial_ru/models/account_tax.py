from odoo import fields, models


class AccountTax(models.Model):
    _inherit = "account.tax"

    industrial_vat_kind = fields.Selection(
        [("standard", "Standard"), ("reduced", "Reduced"), ("zero", "Zero"), ("exempt", "Exempt")],
        string="Russian VAT Kind",
        help="Standard taxes are exchanged by the shipment date on quotations (20 % before 2026, 22 % since).",
    )
    industrial_valid_from = fields.Date(string="Valid From")
    industrial_valid_to = fields.Date(string="Valid Until")

    def _industrial_for_date(self, date):
        """These taxes with each standard VAT replaced by the standard one in force on ``date``."""
        result = self.browse()
        for tax in self:
            if tax.industrial_vat_kind != "standard" or tax._industrial_valid_on(date):
                result |= tax
                continue
            result |= self.search([
                ("company_id", "=", tax.company_id.id),
                ("type_tax_use", "=", tax.type_tax_use),
                ("industrial_vat_kind", "=", "standard"),
                ("price_include", "=", tax.price_include),
                "|", ("industrial_valid_from", "=", False), ("industrial_valid_from", "<=", date),
                "|", ("industrial_valid_to", "=", False), ("industrial_valid_to", ">=", date),
            ], limit=1) or tax
        return result

    def _industrial_valid_on(self, date):
        self.ensure_one()
        return ((not self.industrial_valid_from or self.industrial_valid_from <= date)
                and (not self.industrial_valid_to or date <= self.industrial_valid_to))
