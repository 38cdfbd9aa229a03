from contextlib import contextmanager

from odoo.addons.industrial_crm.tests.common import IndustrialCrmCommon

# Public requisites of real organisations, valid by their check digits
INN_ORG = "7707083893"  # ПАО Сбербанк
OGRN_ORG = "1027700132195"
INN_IP = "500100732259"
OGRNIP = "304500116000157"
BIC = "044525225"
CORR_ACCOUNT = "30101810400000000225"
ACCOUNT = "40702810938000012345"


class IndustrialRuCommon(IndustrialCrmCommon):
    """The suite's users plus a Russian company with valid requisites and a bank."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ir.config_parameter"].sudo().set_param("industrial_ru.check_requisites", "True")
        cls.russia = cls.env.ref("base.ru")
        cls.bank = cls.env["res.bank"].create({
            "name": "Test Bank", "bic": BIC, "industrial_corr_account": CORR_ACCOUNT, "country": cls.russia.id,
        })
        cls.customer.write({
            "country_id": cls.russia.id, "vat": INN_ORG, "industrial_kpp": "773601001",
            "company_registry": OGRN_ORG, "city": "Москва", "street": "ул. Вавилова, д. 19", "zip": "117312",
        })

    @classmethod
    def _load_russian(cls):
        cls.env["res.lang"]._activate_lang("ru_RU")
        cls.env["ir.module.module"].search([("name", "=", "industrial_ru")])._update_translations("ru_RU")

    @contextmanager
    def assertRefused(self, exception, regex):
        """``assertRaises`` (which rolls the failed write back to a savepoint) and the message."""
        with self.assertRaises(exception) as caught:
            yield
        self.assertRegex(str(caught.exception), regex)
