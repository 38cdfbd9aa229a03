"""One mapper per 1C object: what an answer of 1C means in Odoo terms, and what Odoo sends.

Plain functions over plain values (rows are the JSON objects 1C sends), so each is read and
tested on its own; the connection model fetches, matches and writes.
"""
import hashlib
import json

from .onec_client import EMPTY_DATE, EMPTY_GUID, is_guid

UNDEFINED = "StandardODATA.Undefined"

# 1C unit names (Catalog_УпаковкиЕдиницыИзмерения.Description, ОКЕИ short names) -> Odoo uom XML ids
UNITS = {
    "шт": "uom.product_uom_unit", "штука": "uom.product_uom_unit", "компл": "uom.product_uom_unit",
    "комплект": "uom.product_uom_unit", "ед": "uom.product_uom_unit",
    "кг": "uom.product_uom_kgm", "килограмм": "uom.product_uom_kgm", "г": "uom.product_uom_gram",
    "т": "uom.product_uom_ton", "м": "uom.product_uom_meter", "метр": "uom.product_uom_meter",
    "км": "uom.product_uom_km", "см": "uom.product_uom_cm", "л": "uom.product_uom_litre",
    "ч": "uom.product_uom_hour", "час": "uom.product_uom_hour",
}


def digest(payload):
    """Stable digest of a payload, to tell an unchanged record without asking 1C."""
    return hashlib.sha1(json.dumps(payload, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def onec_date(value):
    """A 1C date as Odoo reads it; the empty date 0001-01-01T00:00:00 is no date."""
    if not value or not isinstance(value, str) or value.startswith(EMPTY_DATE[:10]):
        return None
    return value.replace("T", " ")[:19]


def ref(value):
    """A 1C reference, or None for the empty one."""
    return value if is_guid(value) else None


def composite_ref(row, field, entity):
    """The key in a composite field (``field`` + ``field_Type``) when it points to ``entity``.
    A row without the _Type (an old configuration) is taken at its word."""
    kind = row.get(field + "_Type")
    if kind and kind != UNDEFINED and kind.split(".", 1)[-1] != entity:
        return None
    return ref(row.get(field))


# Catalog_Номенклатура ---------------------------------------------------------------

def nomenclature_values(row, article_field, unit_field, units):
    """``(product values, unit name)`` of a nomenclature row; 1C owns names and units."""
    name = (row.get("Description") or row.get("НаименованиеПолное") or "").strip()
    unit_name = units.get(row.get(unit_field)) or ""
    vals = {"name": name}
    article = (row.get(article_field) or "").strip()
    if article:
        vals["default_code"] = article
    return vals, unit_name


def nomenclature_match_codes(row, article_field):
    """What identifies the item in Odoo the first time: its article, else its code."""
    return [code for code in ((row.get(article_field) or "").strip(), (row.get("Code") or "").strip()) if code]


# Document_ЗаказКлиента ---------------------------------------------------------------

def customer_order_payload(order, lines, settings):
    """The Document_ЗаказКлиента for a confirmed sale order.

    ``lines``: dicts with product_key, quantity, price, amount, vat_key, vat, total (prices without VAT);
    ``settings``: organization, warehouse, currency, partner_key, counterparty_key, comment, rows_field, date.
    """
    return {
        "Date": settings["date"],
        "Организация_Key": settings["organization"],
        "Склад_Key": settings["warehouse"],
        "Валюта_Key": settings["currency"],
        "Партнер_Key": settings["partner_key"] or EMPTY_GUID,
        "Контрагент_Key": settings["counterparty_key"],
        "ЦенаВключаетНДС": False,
        "СуммаДокумента": round(order["amount_total"], 2),
        "НомерПоДаннымКлиента": order["client_ref"] or "",
        "Комментарий": settings["comment"],
        settings["rows_field"]: [
            {
                "LineNumber": str(number),
                "Номенклатура_Key": line["product_key"],
                "Количество": line["quantity"],
                "Цена": round(line["price"], 2),
                "Сумма": round(line["amount"], 2),
                "СтавкаНДС_Key": line["vat_key"],
                "СуммаНДС": round(line["vat"], 2),
                "СуммаСНДС": round(line["total"], 2),
            }
            for number, line in enumerate(lines, 1)
        ],
    }


# payments ------------------------------------------------------------------------------

def payment_orders(row, rows_field, order_field, settlement_field, order_entity):
    """``[(how, key, amount)]`` of a payment's decoding rows: ``how`` is "order" when the row
    names the order (``Заказ`` + ``Заказ_Type``, УТ 11 up to 11.4) or "settlement" when it
    names its settlement object (``ОбъектРасчетов_Key``, 11.5 and later)."""
    found = []
    for line in row.get(rows_field) or []:
        if not isinstance(line, dict):
            continue
        try:
            amount = float(line.get("Сумма") or 0)
        except (TypeError, ValueError):
            amount = 0.0
        order_key = composite_ref(line, order_field, order_entity)
        if order_key:
            found.append(("order", order_key, amount))
        elif ref(line.get(settlement_field)):
            found.append(("settlement", line[settlement_field], amount))
    return found
