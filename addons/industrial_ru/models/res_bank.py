from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..tools import requisites


class ResBank(models.Model):
    _inherit = "res.bank"

    industrial_corr_account = fields.Char(
        string="Correspondent Account", size=20,
        help="The bank's correspondent account with the Bank of Russia (к/с), 20 digits keyed against the BIC.",
    )

    @api.constrains("bic", "industrial_corr_account", "country")
    def _check_industrial_bank_requisites(self):
        for bank in self._industrial_ru_checked():
            if bank.bic and not requisites.is_valid_bic(bank.bic):
                raise ValidationError(_(
                    "%(bank)s: the BIC %(bic)s is invalid: a Russian BIC has 9 digits and starts with 04.",
                    bank=bank.name, bic=bank.bic))
            account = bank.industrial_corr_account
            if account and not bank.bic:
                raise ValidationError(_(
                    "%(bank)s: a correspondent account needs the bank's BIC.", bank=bank.name))
            if account and not requisites.is_valid_correspondent_account(account, bank.bic):
                raise ValidationError(_(
                    "%(bank)s: the correspondent account %(account)s is invalid: it has 20 digits and its control "
                    "key must match the BIC %(bic)s.", bank=bank.name, account=account, bic=bank.bic))

    def _industrial_ru_checked(self):
        if not self.env["res.company"]._industrial_ru_checks_enabled():
            return self.browse()
        russia = self.env.ref("base.ru")
        return self.filtered(lambda b: (b.country or russia) == russia)
