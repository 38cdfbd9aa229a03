"""Check digits of Russian requisites; plain Python, no Odoo import.

Sources: INN weights, Order of the FNS of 29.06.2012 N ММВ-7-6/435@ (Appendix 1 "Identification number
of a taxpayer"); KPP layout NNNNPPXXX, same order, Appendix 2 (PP may be a digit or a Latin capital letter
since 2013); OGRN/OGRNIP check digit, Government Decree N 438 of 19.06.2002 and N 630 of 16.10.2003
(rest of the division by 11, resp. 13, last digit); account keys, Bank of Russia Regulation N 579-П
(Appendix "Calculation of the control key"), weights 7-1-3 over BIC digits + the 20-digit account.
"""
import re

INN10_WEIGHTS = (2, 4, 10, 3, 5, 9, 4, 6, 8)
INN11_WEIGHTS = (7, 2, 4, 10, 3, 5, 9, 4, 6, 8)
INN12_WEIGHTS = (3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8)
ACCOUNT_WEIGHTS = (7, 1, 3) * 8
KPP_RE = re.compile(r"^\d{4}[0-9A-Z]{2}\d{3}$")


def _checksum(digits, weights):
    return sum(int(d) * w for d, w in zip(digits, weights)) % 11 % 10


def is_valid_inn(value):
    """10 digits (organisation) or 12 (individual or entrepreneur) with their check digits."""
    if not value or not value.isdigit() or not value.isascii():
        return False
    if len(value) == 10:
        return _checksum(value, INN10_WEIGHTS) == int(value[9])
    if len(value) == 12:
        return (_checksum(value, INN11_WEIGHTS) == int(value[10])
                and _checksum(value, INN12_WEIGHTS) == int(value[11]))
    return False


def is_valid_kpp(value):
    return bool(value) and bool(KPP_RE.match(value))


def is_valid_ogrn(value):
    """13 digits (OGRN of an organisation) or 15 (OGRNIP of an entrepreneur) with the check digit."""
    if not value or not value.isdigit() or not value.isascii():
        return False
    if len(value) == 13:
        return int(value[:12]) % 11 % 10 == int(value[12])
    if len(value) == 15:
        return int(value[:14]) % 13 % 10 == int(value[14])
    return False


def is_valid_bic(value):
    """9 digits; a Russian BIC starts with the country code 04."""
    return bool(value) and value.isascii() and value.isdigit() and len(value) == 9 and value.startswith("04")


def _account_key_ok(prefix, account):
    digits = prefix + account
    return sum(int(d) * w % 10 for d, w in zip(digits, ACCOUNT_WEIGHTS)) % 10 == 0


def is_valid_settlement_account(account, bic):
    """A 20-digit account in a credit institution, keyed against the last three digits of its BIC."""
    if not (account and account.isascii() and account.isdigit() and len(account) == 20 and is_valid_bic(bic)):
        return False
    return _account_key_ok(bic[-3:], account)


def is_valid_correspondent_account(account, bic):
    """A 20-digit correspondent account, keyed against "0" and the 5th and 6th digits of the BIC."""
    if not (account and account.isascii() and account.isdigit() and len(account) == 20 and is_valid_bic(bic)):
        return False
    return _account_key_ok("0" + bic[4:6], account)
