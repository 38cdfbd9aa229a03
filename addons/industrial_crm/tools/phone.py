"""Phone normalisation shared by the request intake and the partner index.

The client's customers dial and type numbers in every Russian habit
(``8 (495) 123-45-67``, ``+7 495 1234567``, ``74951234567``); they must all
land on one E.164 key so that one customer is one contact.
"""
import functools
import re

import phonenumbers

MAX_PHONE_LENGTH = 64
_BARE_RU_TRUNK = re.compile(r"^7\d{10}$")


def normalize_phone(raw, region="RU"):
    """Return the E.164 form of ``raw`` or ``False`` when it is no valid number.

    A leading ``7`` without ``+`` (as 1C and many web forms store numbers) is
    read as the Russian country code; extensions (``доб. 12``) are dropped.
    """
    if not raw:
        return False
    text = str(raw).strip()
    if not text or len(text) > MAX_PHONE_LENGTH:
        return False
    return _normalize_text(text, region or None)


@functools.lru_cache(maxsize=4096)
def _normalize_text(text, region):
    """The parse of one stripped number: a pure function of its text and the region,
    cached because the same numbers come back (a customer calls again, intake and
    telephony read the number of one call each)."""
    digits = re.sub(r"\D", "", text)
    if _BARE_RU_TRUNK.match(digits) and not text.startswith(("+", "8")):
        text = "+" + digits
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return False
    if not phonenumbers.is_valid_number(number):
        return False
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
