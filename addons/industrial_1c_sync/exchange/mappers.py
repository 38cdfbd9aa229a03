"""One mapper per 1C object: what a row of 1C means in Odoo terms, and what Odoo sends.

A mapper reads the connection's field mapping (configurations differ) and works on plain
values: the rows are the JSON objects of the 1C OData interface, the results are the values
of Odoo records or the payloads 1C takes. It neither reads nor writes the database, so each
is tested on its own (cf. OCA connector's ``ImportMapper`` / ``ExportMapper``).
"""
import hashlib
import json

from odoo import fields

from ..tools.onec_client import EMPTY_DATE, EMPTY_GUID, is_guid

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
    """A 1C date as Odoo writes it; the empty date 0001-01-01T00:00:00 is no date."""
    if not value or not isinstance(value, str) or value.startswith(EMPTY_DATE[:10]):
        return None
    return value.replace("T", " ")[:19]


def parse_date(value):
    """A 1C date as a datetime, or None when it is empty or unreadable."""
    try:
        return fields.Datetime.to_datetime(onec_date(value)) if value else None
    except ValueError:
        return None


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


def comment_words(row, field):
    """The words of a 1C comment, where a request number may stand."""
    return [word.strip(",.;") for word in str(row.get(field) or "").split()]


class Mapper:
    """Base: the connection gives the names of the 1C entities and fields."""

    def __init__(self, connection):
        self.connection = connection


class PartnerMapper(Mapper):
    """Catalog_Партнеры: the company as a business partner (potential customer or customer)."""

    def to_1c(self, partner, comment):
        conn = self.connection
        status = json.loads(
            conn.status_customer_value if partner.industrial_customer_status == "customer"
            else conn.status_potential_value
        )
        name = partner.name or ""
        return {
            "Description": name[: conn.name_length],
            "НаименованиеПолное": name,
            conn.status_field: status,
            conn.comment_field: comment,
        }


class CounterpartyMapper(Mapper):
    """Catalog_Контрагенты: the company as a legal entity (name, INN, KPP, contacts)."""

    def to_1c(self, partner, comment):
        conn = self.connection
        name = partner.name or ""
        contacts = []
        if partner.email:
            contacts.append({"LineNumber": str(len(contacts) + 1), "Тип": "АдресЭлектроннойПочты",
                             "Представление": partner.email})
        if partner.phone:
            contacts.append({"LineNumber": str(len(contacts) + 1), "Тип": "Телефон", "Представление": partner.phone})
        return {
            "Description": name[: conn.name_length],
            "НаименованиеПолное": name,
            conn.inn_field: partner.vat or "",
            conn.kpp_field: partner.industrial_kpp or "",
            conn.comment_field: comment,
            "КонтактнаяИнформация": contacts,
        }

    def from_1c(self, row):
        """The company values 1C keeps: name, INN, KPP (empty ones are not written)."""
        conn = self.connection
        vals = {"name": row.get("НаименованиеПолное") or row.get("Description") or ""}
        if row.get(conn.inn_field):
            vals["vat"] = row[conn.inn_field]
        if row.get(conn.kpp_field):
            vals["industrial_kpp"] = row[conn.kpp_field]
        return vals

    @staticmethod
    def contacts(row):
        """``(email, phone)``: the first of each kind in the contact information table."""
        email = phone = False
        for line in row.get("КонтактнаяИнформация") or []:
            if line.get("Тип") == "АдресЭлектроннойПочты" and not email:
                email = line.get("Представление")
            elif line.get("Тип") == "Телефон" and not phone:
                phone = line.get("Представление")
        return email, phone

    def inn_kpp(self, row):
        return row.get(self.connection.inn_field), row.get(self.connection.kpp_field) or ""

    def partner_ref(self, row):
        return ref(row.get(self.connection.partner_link_field))

    def mastered(self):
        """``(1C fields, Odoo fields)`` that 1C is master of, by the connection's settings."""
        conn = self.connection
        keys, fnames = set(), set()
        if conn.master_name == "onec":
            keys |= {"Description", "НаименованиеПолное"}
            fnames.add("name")
        if conn.master_tax == "onec":
            keys |= {conn.inn_field, conn.kpp_field}
            fnames |= {"vat", "industrial_kpp"}
        if conn.master_contacts == "onec":
            keys.add("КонтактнаяИнформация")
            fnames |= {"email", "phone"}
        return keys, fnames

    def mastered_values(self, row):
        """What of a 1C counterparty overrides Odoo when both sides changed it."""
        email, phone = self.contacts(row)
        values = dict(self.from_1c(row))
        values.update({name: value for name, value in (("email", email), ("phone", phone)) if value})
        fnames = self.mastered()[1]
        return {name: value for name, value in values.items() if name in fnames}


class NomenclatureMapper(Mapper):
    """Catalog_Номенклатура: a product; 1C owns its name and unit."""

    def from_1c(self, row, units):
        """``(product values, unit name)``; ``units`` maps unit keys to their names."""
        conn = self.connection
        name = (row.get("Description") or row.get("НаименованиеПолное") or "").strip()
        unit_name = units.get(row.get(conn.product_unit_field)) or ""
        vals = {"name": name}
        article = (row.get(conn.product_article_field) or "").strip()
        if article:
            vals["default_code"] = article
        return vals, unit_name

    def match_codes(self, row):
        """What identifies the item in Odoo the first time: its article, else its code."""
        article = (row.get(self.connection.product_article_field) or "").strip()
        return [code for code in (article, (row.get("Code") or "").strip()) if code]

    @staticmethod
    def uom_xmlid(unit_name):
        return UNITS.get((unit_name or "").strip().rstrip(".").lower())


class DocumentMapper(Mapper):
    """What every 1C document read into ``industrial.1c.document`` carries."""

    kind = None

    def from_1c(self, row):
        """Values of the document; raises ``TypeError``/``ValueError`` on a malformed row."""
        amount = row.get(self.connection.amount_field) or 0
        return {
            "connection_id": self.connection.id,
            "kind": self.kind,
            "ref_key": row["Ref_Key"],
            "data_version": row.get("DataVersion"),
            "name": row.get("Number"),
            "date": parse_date(row.get("Date")),
            "amount": float(amount),
            "posted": bool(row.get("Posted")),
            "deletion_mark": bool(row.get("DeletionMark")),
        }

    def counterparty_ref(self, row):
        return ref(row.get(self.connection.counterparty_link_field))

    def base_order_ref(self, row):
        """The customer order the document was issued for, if it names one."""
        return None


class CustomerOrderMapper(DocumentMapper):
    """Document_ЗаказКлиента: read back from 1C, and what a confirmed sale order sends."""

    kind = "order"

    def from_1c(self, row):
        vals = super().from_1c(row)
        settlement = self.settlement_ref(row)
        if settlement:
            vals["settlement_key"] = settlement
        return vals

    def settlement_ref(self, row):
        return ref(row.get(self.connection.order_settlement_field))

    def state_from_1c(self, row):
        """What 1C did to an order we sent: posted, numbered, marked for deletion."""
        vals = {"posted": bool(row.get("Posted")), "name": row.get("Number"),
                "deletion_mark": bool(row.get("DeletionMark"))}
        settlement = self.settlement_ref(row)
        if settlement:
            vals["settlement_key"] = settlement
        return vals

    def binding_from_1c(self, row):
        """The binding values of an order 1C answered with after a write."""
        return {
            "ref_key": row["Ref_Key"], "data_version": row.get("DataVersion"), "name": row.get("Number"),
            "date": onec_date(row.get("Date")), "posted": bool(row.get("Posted")),
            "settlement_key": self.settlement_ref(row) or False,
        }

    def to_1c(self, order, lines, settings):
        """The Document_ЗаказКлиента of a confirmed sale order.

        ``order``: amount_total, client_ref; ``lines``: dicts with product_key, quantity, price,
        amount, vat_key, vat, total (prices without VAT); ``settings``: date, partner_key,
        counterparty_key, comment (the rest comes from the connection).
        """
        conn = self.connection
        return {
            "Date": settings["date"],
            "Организация_Key": conn.organization_key,
            "Склад_Key": conn.warehouse_key or EMPTY_GUID,
            "Валюта_Key": conn.currency_key or EMPTY_GUID,
            "Партнер_Key": settings["partner_key"] or EMPTY_GUID,
            "Контрагент_Key": settings["counterparty_key"],
            "ЦенаВключаетНДС": False,
            "СуммаДокумента": round(order["amount_total"], 2),
            "НомерПоДаннымКлиента": order["client_ref"] or "",
            "Комментарий": settings["comment"],
            conn.order_rows_field: [
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


class InvoiceMapper(DocumentMapper):
    """Document_СчетНаОплатуКлиенту: issued for a customer order (ДокументОснование)."""

    kind = "invoice"

    def base_order_ref(self, row):
        return composite_ref(row, self.connection.invoice_order_field, self.connection.order_entity)


class ShipmentMapper(DocumentMapper):
    """Document_РеализацияТоваровУслуг (УПД): ships a customer order (ЗаказКлиента)."""

    kind = "shipment"

    def base_order_ref(self, row):
        return composite_ref(row, self.connection.shipment_order_field, self.connection.order_entity)


class PaymentMapper(DocumentMapper):
    """Document_ПоступлениеБезналичныхДенежныхСредств and Document_ПриходныйКассовыйОрдер."""

    kind = "payment"

    def orders(self, row):
        """``[(how, key, amount)]`` of the decoding rows: ``how`` is "order" when the row names
        the order (``Заказ`` + ``Заказ_Type``, УТ 11 up to 11.4) or "settlement" when it names
        its settlement object (``ОбъектРасчетов_Key``, 11.5 and later)."""
        conn = self.connection
        found = []
        for line in row.get(conn.payment_rows_field) or []:
            if not isinstance(line, dict):
                continue
            try:
                amount = float(line.get("Сумма") or 0)
            except (TypeError, ValueError):
                amount = 0.0
            order_key = composite_ref(line, conn.payment_order_field, conn.order_entity)
            if order_key:
                found.append(("order", order_key, amount))
            elif ref(line.get(conn.payment_settlement_field)):
                found.append(("settlement", line[conn.payment_settlement_field], amount))
        return found


class VatRateMapper(Mapper):
    """Catalog_СтавкиНДС: the key of each rate, by its percentage."""

    def rates(self, rows):
        rates = {}
        for row in rows:
            if is_guid(row.get("Ref_Key")) and not row.get("DeletionMark"):
                try:
                    rates.setdefault(round(float(row.get(self.connection.vat_rate_field) or 0), 2), row["Ref_Key"])
                except (TypeError, ValueError):
                    continue
        return rates
