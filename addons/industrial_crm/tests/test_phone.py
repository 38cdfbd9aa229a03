from odoo.tests import BaseCase, TransactionCase, tagged

from ..tools import normalize_phone


@tagged("post_install", "-at_install")
class TestPhoneNormalization(BaseCase):
    def test_russian_habits_are_one_number(self):
        for raw in ("8 (495) 123-45-67", "+7 495 1234567", "74951234567", "+7(495)123-45-67",
                    "8 (495) 123-45-67 доб. 12"):
            with self.subTest(raw=raw):
                self.assertEqual(normalize_phone(raw), "+74951234567")

    def test_invalid_numbers(self):
        for raw in ("", None, "abc", "12", "телефон", "1" * 100, "+7 495 12"):
            with self.subTest(raw=raw):
                self.assertFalse(normalize_phone(raw))

    def test_foreign_number_with_country_code(self):
        self.assertEqual(normalize_phone("+49 30 1234567"), "+49301234567")


@tagged("post_install", "-at_install")
class TestPartnerPhoneIndex(TransactionCase):
    def test_partner_keys_follow_phone_and_mobile(self):
        partner = self.env["res.partner"].create({
            "name": "Ivan", "phone": "8 (495) 123-45-67", "mobile": "8 916 765 43 21",
        })
        self.assertEqual(partner.industrial_phone_e164, "+74951234567")
        self.assertEqual(partner.industrial_mobile_e164, "+79167654321")
        partner.phone = False
        self.assertFalse(partner.industrial_phone_e164)

    def test_lookup_columns_are_indexed(self):
        """Intake looks contacts up by phone and email: both must be served by an index."""
        self.env.cr.execute(
            "SELECT indexdef FROM pg_indexes WHERE tablename = 'res_partner'"
        )
        definitions = " ".join(row[0] for row in self.env.cr.fetchall())
        for column in ("industrial_phone_e164", "industrial_mobile_e164", "email_normalized"):
            self.assertIn(f"({column})", definitions)
