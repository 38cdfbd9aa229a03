from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..tools import requisites


class ResPartner(models.Model):
    _inherit = "res.partner"

    # ------------------------------------------------------------
    # CONSTRAINTS
    # ------------------------------------------------------------

    @api.constrains("vat", "industrial_kpp", "company_registry", "country_id", "parent_id", "is_company")
    def _check_industrial_requisites(self):
        """INN in ``vat``, KPP and OGRN/OGRNIP in ``company_registry``, with their check digits."""
        for partner in self.filtered(lambda p: p.commercial_partner_id == p)._industrial_ru_checked():
            inn, kpp, ogrn = partner.vat, partner.industrial_kpp, partner.company_registry
            if inn and not requisites.is_valid_inn(inn):
                raise ValidationError(_(
                    "%(partner)s: the INN %(inn)s is invalid: it has 10 digits for an organisation or 12 for an "
                    "entrepreneur, and its check digits must match.", partner=partner.display_name, inn=inn))
            if kpp and not requisites.is_valid_kpp(kpp):
                raise ValidationError(_(
                    "%(partner)s: the KPP %(kpp)s is invalid: it has 9 characters, four digits, two digits or "
                    "capital Latin letters, then three digits.", partner=partner.display_name, kpp=kpp))
            if kpp and inn and len(inn) == 12:
                raise ValidationError(_(
                    "%(partner)s: an entrepreneur (12-digit INN) has no KPP.", partner=partner.display_name))
            if ogrn and not requisites.is_valid_ogrn(ogrn):
                raise ValidationError(_(
                    "%(partner)s: the OGRN/OGRNIP %(ogrn)s is invalid: an OGRN has 13 digits, an OGRNIP 15, and "
                    "the last digit must match the check digit.", partner=partner.display_name, ogrn=ogrn))
            if ogrn and inn and (len(inn), len(ogrn)) not in ((10, 13), (12, 15)):
                raise ValidationError(_(
                    "%(partner)s: an organisation (10-digit INN) has a 13-digit OGRN, an entrepreneur (12-digit "
                    "INN) a 15-digit OGRNIP.", partner=partner.display_name))

    @api.constrains("vat", "industrial_kpp", "parent_id", "country_id")
    def _check_industrial_inn_kpp_unique(self):
        """One INN+KPP per commercial entity; a company's contacts share its requisites."""
        partners = self.filtered("vat")._industrial_ru_checked()
        for partner in partners:
            other = self.with_context(active_test=False).sudo().search([
                ("vat", "=", partner.vat),
                ("industrial_kpp", "=", partner.industrial_kpp or False),
                ("commercial_partner_id", "!=", partner.commercial_partner_id.id),
            ], limit=1)
            if other:
                raise ValidationError(_(
                    "%(partner)s: INN %(inn)s and KPP %(kpp)s already belong to %(other)s.",
                    partner=partner.display_name, inn=partner.vat, kpp=partner.industrial_kpp or "-",
                    other=other.commercial_partner_id.display_name))

    # ------------------------------------------------------------
    # BUSINESS METHODS
    # ------------------------------------------------------------

    def _get_company_registry_labels(self):
        return dict(super()._get_company_registry_labels(), RU=_("OGRN/OGRNIP"))

    @api.model
    def _commercial_fields(self):
        return super()._commercial_fields() + ["industrial_kpp"]

    def _industrial_ru_checked(self):
        """The partners the Russian checks apply to: in Russia or without a country, when switched on."""
        if not self.env["res.company"]._industrial_ru_checks_enabled():
            return self.browse()
        russia = self.env.ref("base.ru")
        return self.filtered(lambda p: (p.country_id or p.commercial_partner_id.country_id or russia) == russia)

    industrial_sms_failure = fields.Char(
        string="Last SMS Failure", compute="_compute_industrial_sms_failure",
        help="Why the last SMS to this contact failed, while it is not resent.",
    )

    def _compute_industrial_sms_failure(self):
        self.industrial_sms_failure = False
        if not self.ids:
            return
        failed = self.env["sms.sms"].sudo().search(
            [("partner_id", "in", self.ids), ("state", "=", "error")], order="id desc"
        )
        reasons = {}
        labels = dict(failed._fields["failure_type"]._description_selection(self.env))
        for sms in failed:
            reasons.setdefault(sms.partner_id.id, sms.industrial_failure_reason or labels.get(sms.failure_type))
        for partner in self:
            partner.industrial_sms_failure = reasons.get(partner.id, False)
