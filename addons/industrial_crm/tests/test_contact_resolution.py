from odoo.tests import tagged

from .common import IndustrialCrmCommon


@tagged("post_install", "-at_install")
class TestContactResolution(IndustrialCrmCommon):
    """res.partner finds or creates the contact of a customer, crm.lead his lead:
    the one place intake, telephony and 1C come to."""

    def setUp(self):
        super().setUp()
        self.Partner = self.env["res.partner"].sudo()

    def resolve(self, **kwargs):
        return self.Partner._industrial_find_or_create_contact(**kwargs)

    def test_phone_habits_resolve_to_one_contact(self):
        """+7, 8, a bare 7, spaces, brackets and dashes: one E.164 key, one contact."""
        partner, created, suggested = self.resolve(phone="8 (495) 765-43-21", name="Olga Petrova")
        self.assertTrue(created)
        self.assertFalse(suggested)
        self.assertEqual((partner.name, partner.phone), ("Olga Petrova", "8 (495) 765-43-21"))
        self.assertEqual(partner.industrial_phone_e164, "+74957654321")
        for raw in ("+7 495 765 43 21", "74957654321", "+7(495)765-43-21", " 8 495 7654321 "):
            with self.subTest(raw=raw):
                found, created, _suggested = self.resolve(phone=raw, name="Someone Else")
                self.assertEqual(found, partner)
                self.assertFalse(created)
                self.assertEqual(self.Partner._industrial_find_contact(raw), partner)
        self.assertEqual(self.Partner.search_count([("industrial_phone_e164", "=", "+74957654321")]), 1)

    def test_mobile_matches_too(self):
        partner = self.Partner.create({"name": "Field Engineer", "phone": "+7 495 111-00-01",
                                       "mobile": "+7 916 222-33-44"})
        self.assertEqual(self.resolve(phone="89162223344")[0], partner)
        self.assertEqual(self.resolve(phone="8 495 111 00 01")[0], partner)

    def test_email_case_and_whitespace(self):
        partner, created, _suggested = self.resolve(email="  Anna.Smirnova@Example.RU ")
        self.assertTrue(created)
        self.assertEqual(partner.email, "anna.smirnova@example.ru")
        self.assertEqual(partner.name, "anna.smirnova@example.ru", "named after the address when nameless")
        for raw in ("ANNA.SMIRNOVA@example.ru", "anna.smirnova@EXAMPLE.RU\t"):
            with self.subTest(raw=raw):
                self.assertEqual(self.resolve(email=raw), (partner, False, self.Partner))
        self.assertEqual(self.Partner.search_count([("email_normalized", "=", "anna.smirnova@example.ru")]), 1)

    def test_phone_wins_over_email(self):
        """Phone first, then email, as the intake always matched."""
        by_phone = self.Partner.create({"name": "By Phone", "phone": "+7 495 333-22-11"})
        self.Partner.create({"name": "By Email", "email": "shared@example.ru"})
        self.assertEqual(self.resolve(phone="84953332211", email="shared@example.ru")[0], by_phone)

    def test_invalid_keys_never_match_nor_crash(self):
        """Garbage or hostile values find nobody; a contact is made of what is valid."""
        before = self.Partner.search_count([])
        for raw in ("123", "' OR 1=1 --", "%", "1" * 10240):
            with self.subTest(raw=raw):
                self.assertFalse(self.Partner._industrial_find_contact(phone=raw, email=raw))
        self.assertEqual(self.Partner.search_count([]), before)

    def test_lookup_is_one_indexed_query(self):
        self.Partner.create({"name": "Indexed", "mobile": "+7 916 444-55-66"})
        self.env.flush_all()
        self.env.invalidate_all()
        with self.assertQueryCount(1):
            found = self.Partner._industrial_find_contact("8 916 444 55 66")
            self.assertEqual(found.name, "Indexed", "read whole in the lookup's own query")

    def test_known_company_is_only_suggested(self):
        """A stranger naming a known company keeps the name as a claim; an unknown company is created."""
        partner, created, suggested = self.resolve(
            phone="+7 903 100-20-30", name="Claimant", company_name=self.customer.name.upper(),
        )
        self.assertTrue(created)
        self.assertEqual(suggested, self.customer)
        self.assertFalse(partner.parent_id)
        self.assertEqual(partner.company_name, self.customer.name.upper())
        partner, created, suggested = self.resolve(email="boss@new-plant.example.ru", company_name="New Plant LLC")
        self.assertFalse(suggested)
        self.assertEqual(partner.parent_id.name, "New Plant LLC")
        self.assertTrue(partner.parent_id.is_company)

    def test_new_contact_leaves_its_keys_in_the_fence(self):
        """A new customer's keys meet a concurrent creation of him (tests/test_two_servers.py
        shows the race); a key left by a contact that is gone since does not stop a new one."""
        partner, created, _suggested = self.resolve(phone="+7 903 100-77-01", email="Fence@Example.ru")
        self.assertTrue(created)
        self.env.cr.execute(
            "SELECT key FROM industrial_contact_fence WHERE key IN %s ORDER BY key",
            [("email:fence@example.ru", "phone:+79031007701")],
        )
        self.assertEqual([row[0] for row in self.env.cr.fetchall()], ["email:fence@example.ru", "phone:+79031007701"])
        partner.unlink()
        again, created, _suggested = self.resolve(phone="+7 903 100-77-01", email="fence@example.ru")
        self.assertTrue(created)
        self.assertNotEqual(again, partner)
        self.assertEqual(self.resolve(phone="8 903 100 77 01")[0], again)

    def test_lead_found_or_created_on_crm_lead(self):
        """crm.lead opens a lead for a contact without one and finds the open one afterwards."""
        Lead = self.env["crm.lead"].sudo()
        partner = self.resolve(phone="+7 903 100-20-31", name="Lead Owner")[0]
        intake = {"subject": "Quote", "content": "Need a vacuum furnace", "phone": "+7 903 100-20-31"}
        lead, created = Lead._industrial_find_or_create_lead(partner, intake)
        self.assertTrue(created)
        self.assertEqual((lead.type, lead.partner_id, lead.name), ("lead", partner, "Lead Owner: Quote"))
        self.assertIn("Need a vacuum furnace", str(lead.description))
        self.assertEqual(Lead._industrial_find_or_create_lead(partner, intake), (lead, False))
        self.assertEqual(Lead._industrial_find_open_lead(partner), lead)
        fresh, created = Lead._industrial_find_or_create_lead(partner, intake, search=False)
        self.assertTrue(created)
        self.assertNotEqual(fresh, lead)

    def test_request_lands_through_the_model_methods(self):
        """register_request stays a thin wrapper: the same phone twice, one contact, one lead."""
        Request = self.env["industrial.request"]
        first = Request.register_request("phone", phone="8 (903) 100-20-32", name="Twice")
        second = Request.register_request("web_form", phone="+7 903 1002032", email="Twice@Example.ru ")
        self.assertTrue(first["is_new_customer"])
        self.assertFalse(second["is_new_customer"])
        self.assertEqual(second["partner_id"], first["partner_id"])
        self.assertEqual(second["lead_id"], first["lead_id"])
        self.assertEqual(Request.browse(first["request_id"]).phone_e164, "+79031002032")
