from odoo import _, api, models
from odoo.exceptions import ValidationError

from ..tools import requisites


class ResPartnerBank(models.Model):
    _inherit = "res.partner.bank"

    @api.constrains("acc_number", "bank_id", "partner_id")
    def _check_industrial_settlement_account(self):
        """A Russian settlement account: 20 digits keyed against the BIC of its bank."""
        partners = self.partner_id._industrial_ru_checked()
        for account in self.filtered(lambda a: a.partner_id in partners):
            number, bank = account.sanitized_acc_number, account.bank_id
            if not bank.bic:
                raise ValidationError(_(
                    "%(account)s: choose the bank with its BIC: the settlement account is keyed against it.",
                    account=account.acc_number))
            if not requisites.is_valid_settlement_account(number, bank.bic):
                raise ValidationError(_(
                    "%(account)s: the settlement account is invalid: it has 20 digits and its control key must "
                    "match the BIC %(bic)s of %(bank)s.", account=account.acc_number, bic=bank.bic, bank=bank.name))
