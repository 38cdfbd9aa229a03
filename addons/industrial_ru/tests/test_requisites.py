from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, tagged

from .common import ACCOUNT, BIC, CORR_ACCOUNT, INN_IP, INN_ORG, OGRN_ORG, OGRNIP, IndustrialRuCommon


@tagged("post_install", "-at_install")
class TestRequisites(IndustrialRuCommon):

    def _company(self, **values):
        return self.env["res.partner"].create(dict({"name": "ООО «Тест»", "is_company": True}, **values))

    def _refused(self, message, **values):
        """Creating a company with ``values`` is refused with ``message`` and writes nothing."""
        count = self.env["res.partner"].search_count([])
        with self.assertRefused(ValidationError, message):
            self._company(**values)
        self.assertEqual(self.env["res.partner"].search_count([]), count)

    def test_inn_of_organisation(self):
        self.assertEqual(self._company(vat="7830002293").vat, "7830002293")
        self._refused("INN 7830002294 is invalid", vat="7830002294")
        self._refused("INN 123 is invalid", vat="123")
        self._refused("INN 78300022AB is invalid", vat="78300022AB")

    def test_inn_of_entrepreneur(self):
        self.assertTrue(self._company(name="ИП Иванов", vat=INN_IP, company_registry=OGRNIP))
        self._refused("INN 500100732258 is invalid", vat="500100732258")
        self._refused("INN 500100732269 is invalid", vat="500100732269")
        self._refused("INN 50010073225 is invalid", vat="50010073225")

    def test_kpp(self):
        self.assertTrue(self._company(vat="7830002293", industrial_kpp="783001001"))
        self.assertTrue(self._company(vat="7710140679", industrial_kpp="7710AB001"), "reason code may be letters")
        self._refused("KPP 77300100 is invalid", vat="7736207543", industrial_kpp="77300100")
        self._refused("KPP 773ab1001 is invalid", vat="7736207543", industrial_kpp="773ab1001")
        self._refused("an entrepreneur .* has no KPP", vat=INN_IP, industrial_kpp="500101001")

    def test_ogrn_and_ogrnip(self):
        self.assertTrue(self._company(vat="7830002293", company_registry="1027809169585"))
        self._refused("OGRN/OGRNIP 1027809169586 is invalid", company_registry="1027809169586")
        self._refused("OGRN/OGRNIP 304500116000158 is invalid", company_registry="304500116000158")
        self._refused("OGRN/OGRNIP 12345 is invalid", company_registry="12345")
        self._refused("an organisation .* has a 13-digit OGRN", vat="7736207543", company_registry=OGRNIP)

    def test_duplicate_inn_kpp_between_companies(self):
        self._refused("INN 7707083893 and KPP 773601001 already belong to Cryogenmash JSC",
                      vat=INN_ORG, industrial_kpp="773601001")
        branch = self._company(name="Филиал", vat=INN_ORG, industrial_kpp="784243001")
        self.assertEqual(branch.vat, INN_ORG, "a branch: same INN, its own KPP")
        with self.assertRefused(ValidationError, "already belong to"):
            branch.industrial_kpp = "773601001"
        self._company(name="ИП Петров", vat=INN_IP)
        self._refused("INN 500100732259 and KPP - already belong to", name="ИП Петров 2", vat=INN_IP)

    def test_contacts_share_their_company_requisites(self):
        contact = self.env["res.partner"].create({"name": "Иван Петров", "parent_id": self.customer.id})
        self.assertEqual((contact.vat, contact.industrial_kpp), (INN_ORG, "773601001"))
        self.customer.industrial_kpp = "773601002"
        self.assertEqual(contact.industrial_kpp, "773601002", "KPP is a commercial field")

    def test_other_country_or_switched_off(self):
        self.assertTrue(self._company(vat="BE0477472701", country_id=self.env.ref("base.be").id))
        self.env["ir.config_parameter"].sudo().set_param("industrial_ru.check_requisites", False)
        self.assertTrue(self._company(vat="123"))
        self.assertTrue(self.env["res.bank"].create({"name": "Any", "bic": "DEUTDEFF"}))

    def test_settings_switch(self):
        """The admin's switch in Settings turns every Russian check off, and on again."""
        admin = self.env.ref("base.user_admin")
        with Form(self.env["res.config.settings"].with_user(admin)) as settings:
            self.assertTrue(settings.industrial_ru_check_requisites)
            settings.industrial_ru_check_requisites = False
        settings.record.execute()
        self.assertTrue(self._company(vat="123", industrial_kpp="1", company_registry="2"))
        with Form(self.env["res.config.settings"].with_user(admin)) as settings:
            settings.industrial_ru_check_requisites = True
        settings.record.execute()
        self._refused("INN 124 is invalid", vat="124")

    def test_messages_in_russian_and_english(self):
        self._load_russian()
        with self.assertRefused(ValidationError, "the INN 123 is invalid: it has 10 digits"):
            self._company(vat="123")
        with self.assertRefused(ValidationError, "ИНН 123 неверен: 10 цифр у организации"):
            self.env["res.partner"].with_context(lang="ru_RU").create({"name": "X", "is_company": True, "vat": "123"})
        with self.assertRefused(ValidationError, "БИК 1234 неверен"):
            self.env["res.bank"].with_context(lang="ru_RU").create({"name": "X", "bic": "1234"})

    def test_bank_bic_and_correspondent_account(self):
        Bank = self.env["res.bank"]
        self.assertTrue(Bank.create({"name": "Альфа", "bic": "044525593",
                                     "industrial_corr_account": "30101810200000000593"}))
        for bic in ("04452522", "0445252250", "14452522X", "144525225"):
            with self.subTest(bic=bic), self.assertRefused(ValidationError, f"the BIC {bic} is invalid"):
                Bank.create({"name": "Bad", "bic": bic})
        for account in ("30101810400000000226", "3010181040000000022", "30101810500000000653"):
            with self.subTest(account=account), self.assertRefused(
                    ValidationError, f"the correspondent account {account} is invalid"):
                Bank.create({"name": "Bad", "bic": BIC, "industrial_corr_account": account})
        with self.assertRefused(ValidationError, "needs the bank's BIC"):
            Bank.create({"name": "No BIC", "industrial_corr_account": CORR_ACCOUNT})
        self.assertTrue(Bank.create({"name": "Foreign", "bic": "DEUTDEFF", "country": self.env.ref("base.de").id}))

    def test_settlement_account(self):
        Account = self.env["res.partner.bank"]
        account = Account.create({"partner_id": self.customer.id, "bank_id": self.bank.id, "acc_number": ACCOUNT})
        self.assertEqual(account.sanitized_acc_number, ACCOUNT)
        spaced = Account.create({"partner_id": self.customer.id, "bank_id": self.bank.id,
                                 "acc_number": "40702 810 5 38000000100"})
        self.assertTrue(spaced, "spaces are allowed, the digits are checked")
        for number in ("40702810938000012346", "4070281093800001234", "4070281093800001234X"):
            with self.subTest(number=number), self.assertRefused(
                    ValidationError, "the settlement account is invalid"):
                Account.create({"partner_id": self.customer.id, "bank_id": self.bank.id, "acc_number": number})
        other = self.env["res.bank"].create({"name": "Альфа", "bic": "044525593"})
        with self.assertRefused(ValidationError, "match the BIC 044525593 of Альфа"):
            Account.create({"partner_id": self._company(vat="7830002293").id, "bank_id": other.id,
                            "acc_number": ACCOUNT})
        with self.assertRefused(ValidationError, "choose the bank with its BIC"):
            Account.create({"partner_id": self.customer.id, "acc_number": ACCOUNT})
        foreign = self._company(name="GmbH", country_id=self.env.ref("base.de").id)
        self.assertTrue(Account.create({"partner_id": foreign.id, "acc_number": "DE89370400440532013000"}))

    def test_marketer_does_not_see_bank_accounts(self):
        account = self.env["res.partner.bank"].create(
            {"partner_id": self.customer.id, "bank_id": self.bank.id, "acc_number": ACCOUNT})
        with self.assertRaises(AccessError):
            account.with_user(self.user_marketer).read(["acc_number"])
        self.assertFalse(self.customer.with_user(self.user_marketer).bank_ids)
        self.assertEqual(account.with_user(self.user_manager).acc_number, ACCOUNT)
        self.assertEqual(account.with_user(self.user_director).acc_number, ACCOUNT)
        self.assertEqual(account.with_user(self.user_dispatcher).acc_number, ACCOUNT)
        self.assertEqual(self.customer.with_user(self.user_marketer).vat, INN_ORG, "requisites stay readable")
        self.assertEqual(OGRN_ORG, self.customer.company_registry)
