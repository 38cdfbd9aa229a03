from odoo.tests import TransactionCase, tagged

from ..tools import normalize_phone
from ..tools.phone import _normalize_text


@tagged("post_install", "-at_install")
class TestPhoneCache(TransactionCase):
    """The parse of a number is cached: the answer must be the parse's, whatever the
    habit of writing, and follow the region it was asked for."""

    NUMBERS = [
        "8 (495) 123-45-67", "+7 495 1234567", "74951234567", "8-916-123-45-67", "+7(916)1234567",
        " 8 916 123 45 67 ", "89000004321", "+7 495 123-45-67 доб. 12", "+49 30 1234567",
        "+44 20 7946 0958", "+1 (212) 555-0123", "+375 17 123-45-67", "030 1234567", "12345",
        "+7 000 000-00-00", "not a number",
    ]

    def test_cached_parse_is_the_parse(self):
        for region in ("RU", "DE"):
            for raw in self.NUMBERS:
                with self.subTest(raw=raw, region=region):
                    expected = _normalize_text.__wrapped__(raw.strip(), region)
                    self.assertEqual(normalize_phone(raw, region), expected)
                    self.assertEqual(normalize_phone(raw, region), expected, "asked again: the same")

    def test_region_is_part_of_the_key(self):
        self.assertEqual(normalize_phone("030 1234567", "DE"), "+49301234567")
        self.assertFalse(normalize_phone("030 1234567", "RU"))
        self.assertEqual(normalize_phone("8 (495) 123-45-67", "RU"), "+74951234567")
