"""An amount in Russian words as Russian payment documents write it: "Сто двадцать две тысячи рублей 00 копеек"."""
from num2words import num2words

RUBLE = ("рубль", "рубля", "рублей")
KOPECK = ("копейка", "копейки", "копеек")


def plural_ru(number, forms):
    """The Russian plural form of ``forms`` (one, few, many) for ``number``."""
    number = abs(int(number))
    if number % 10 == 1 and number % 100 != 11:
        return forms[0]
    if 2 <= number % 10 <= 4 and not 12 <= number % 100 <= 14:
        return forms[1]
    return forms[2]


def amount_in_words_ru(amount, currency_code="RUB"):
    amount = round(float(amount), 2)
    units, cents = divmod(round(amount * 100), 100)
    if currency_code == "RUB":
        words = num2words(units, lang="ru")
        text = f"{words} {plural_ru(units, RUBLE)} {cents:02d} {plural_ru(cents, KOPECK)}"
    else:
        try:
            text = num2words(amount, lang="ru", to="currency", currency=currency_code)
        except NotImplementedError:
            text = f"{num2words(units, lang='ru')} {currency_code} {cents:02d}"
    return text[:1].upper() + text[1:]
