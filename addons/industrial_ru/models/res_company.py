from odoo import api, fields, models
from odoo.tools import str2bool

VAT_TAXES = (
    # kind, amount, name, label, valid from, valid to
    ("standard", 22.0, "НДС 22%", "НДС 22%", "2026-01-01", False),
    ("standard", 20.0, "НДС 20%", "НДС 20%", False, "2025-12-31"),
    ("reduced", 10.0, "НДС 10%", "НДС 10%", False, False),
    ("zero", 0.0, "НДС 0%", "НДС 0%", False, False),
    ("exempt", 0.0, "Без НДС", "Без НДС", False, False),
)


class ResCompany(models.Model):
    _inherit = "res.company"

    industrial_kpp = fields.Char(related="partner_id.industrial_kpp", readonly=False, string="Tax Reason Code (KPP)")

    @api.model
    def _industrial_ru_checks_enabled(self):
        return str2bool(self.env["ir.config_parameter"].sudo().get_param("industrial_ru.check_requisites", "False"))

    def _industrial_ru_setup_vat(self):
        """The Russian VAT taxes of the company, sale and purchase: 22 % (from 2026-01-01), 20 % (before),
        10 %, 0 % and "Без НДС". A tax already named so (the demo's «НДС 22%») is completed, not doubled;
        accounts and the tax group come from the company's current default taxes."""
        Tax = self.env["account.tax"].sudo().with_context(active_test=False)
        Group = self.env["account.tax.group"].sudo()
        for company in self:
            for use, default in (("sale", company.account_sale_tax_id), ("purchase", company.account_purchase_tax_id)):
                for kind, amount, name, label, date_from, date_to in VAT_TAXES:
                    full_name = name if use == "sale" else f"{name} (входящий)"
                    values = {"industrial_vat_kind": kind, "industrial_valid_from": date_from,
                              "industrial_valid_to": date_to, "active": True}
                    tax = Tax.search([("company_id", "=", company.id), ("type_tax_use", "=", use),
                                      ("name", "=", full_name)], limit=1)
                    if tax:
                        tax.write(values)
                    elif default:
                        group = Group.search([("company_id", "=", company.id), ("name", "=", label)], limit=1)
                        group = group or default.tax_group_id.copy({"name": label})
                        default.copy(dict(values, name=full_name, amount=amount, invoice_label=label,
                                          amount_type="percent", tax_group_id=group.id))
        return True
