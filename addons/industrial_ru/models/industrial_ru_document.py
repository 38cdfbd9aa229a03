from odoo import api, models
from odoo.tools.misc import format_date, formatLang

from ..tools.amount_words import amount_in_words_ru

DOC_LANG = "ru_RU"


class IndustrialRuDocument(models.AbstractModel):
    """What the Russian printed documents of an order or an invoice show, read in one place.

    Russian B2B documents show prices with VAT included ("в том числе НДС"), whatever the taxes'
    own price-included setting; numbers and dates follow the ru_RU language (decimal comma, dd.mm.yyyy)."""

    _name = "industrial.ru.document"
    _description = "Russian Printed Document"

    def _industrial_ru_doc_lines(self):
        """Rows of goods: dicts with name, qty, uom, price_total, tax (account.tax), customer_lead."""
        raise NotImplementedError

    def _industrial_ru_doc_header(self):
        """number, date, buyer (res.partner), currency, bank account of the supplier (res.partner.bank)."""
        raise NotImplementedError

    @api.model
    def _industrial_ru_fmt_amount(self, amount):
        return formatLang(self.with_context(lang=DOC_LANG).env, amount, digits=2)

    @api.model
    def _industrial_ru_fmt_qty(self, qty):
        digits = 0 if float(qty).is_integer() else 3
        return formatLang(self.with_context(lang=DOC_LANG).env, qty, digits=digits)

    @api.model
    def _industrial_ru_fmt_date(self, date):
        return format_date(self.env, date, lang_code=DOC_LANG) if date else ""

    def _industrial_ru_doc_values(self):
        self.ensure_one()
        header = self._industrial_ru_doc_header()
        rows, vat, total = [], {}, 0.0
        for index, line in enumerate(self._industrial_ru_doc_lines(), start=1):
            qty = line["qty"] or 1.0
            total += line["price_total"]
            tax = line["tax"]
            if tax and tax.amount:
                label = tax.invoice_label or tax.name
                vat[label] = vat.get(label, 0.0) + line["price_tax"]
            rows.append(dict(
                line, index=index, qty_text=self._industrial_ru_fmt_qty(qty),
                price_text=self._industrial_ru_fmt_amount(line["price_total"] / qty),
                total_text=self._industrial_ru_fmt_amount(line["price_total"]),
            ))
        company = self.company_id
        bank_account = header.get("bank_account") or company.partner_id.bank_ids.filtered("bank_id.bic")[:1]
        return dict(
            header,
            date_text=self._industrial_ru_fmt_date(header["date"]),
            company=company,
            supplier=company.partner_id,
            buyer=header["buyer"].commercial_partner_id,
            bank_account=bank_account,
            lines=rows,
            vat_lines=[(label, self._industrial_ru_fmt_amount(amount)) for label, amount in vat.items()],
            total_text=self._industrial_ru_fmt_amount(total),
            amount_words=amount_in_words_ru(total, header["currency"].name),
        )
