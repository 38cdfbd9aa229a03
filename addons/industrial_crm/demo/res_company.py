from odoo import models
from odoo.addons.base.models.ir_model import MODULE_UNINSTALL_FLAG


class ResCompany(models.Model):
    _inherit = "res.company"

    def _industrial_demo_set_currency(self, currency_id):
        """Demo data only: the demo company trades in ``currency_id``.

        Odoo refuses to change the currency of a company that has journal items, and
        by the time our demo loads, Odoo's own accounting demo has posted invoices,
        bills and bank statements in the company's original currency. As Odoo's chart
        template loader does on a database with accounting demo data
        (``account.chart.template._load``), those demo entries are dropped first.
        Never on a database without accounting demo data."""
        if not self.env.ref("base.module_account").demo:
            return False
        currency = self.env["res.currency"].browse(currency_id)
        force = self.with_context(**{MODULE_UNINSTALL_FLAG: True}).sudo()
        for company in self.filtered(lambda c: c.currency_id != currency):
            domain = [("company_id", "child_of", company.id)]
            force.env["account.payment"].search(domain).unlink()
            force.env["account.move"].search(domain).unlink()
            force.env["account.bank.statement"].search(domain).unlink()
            company.currency_id = currency
        # activated once the company uses it: the default price lists Odoo creates
        # when a second currency becomes active are then in the company's currency
        currency.active = True
        return True

    def _industrial_demo_set_default_taxes(self, group_values, sale_values, purchase_values):
        """Demo data only: new default sale and purchase taxes in the company's fiscal
        country (its country), made from the accounts of the current defaults, which
        they replace on the products; the taxes of another country are archived."""
        Tax = self.env["account.tax"].sudo()
        for company in self:
            country = company.country_id
            company.account_fiscal_country_id = country
            sale, purchase = company.account_sale_tax_id, company.account_purchase_tax_id
            group = sale.tax_group_id.copy(dict(group_values, country_id=country.id))
            defaults = {"tax_group_id": group.id, "country_id": country.id}
            new_sale = sale.copy(dict(sale_values, **defaults))
            new_purchase = purchase.copy(dict(purchase_values, **defaults))
            company.write({"account_sale_tax_id": new_sale.id, "account_purchase_tax_id": new_purchase.id})
            Product = self.env["product.template"].sudo().with_context(active_test=False)
            for old, new, fname in ((sale, new_sale, "taxes_id"), (purchase, new_purchase, "supplier_taxes_id")):
                Product.search([(fname, "in", old.ids)]).write({fname: [(3, old.id), (4, new.id)]})
            Tax.search([("company_id", "=", company.id), ("country_id", "!=", country.id)]).active = False
        return True
