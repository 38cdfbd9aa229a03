"""1C -> Odoo: counterparties, nomenclature and documents, page by page (cf. OCA connector's
``Importer``). A page costs a few batched queries whatever its size; a record whose
DataVersion is the one bound costs none; one bad record never stops the page."""
import logging
from datetime import timedelta

from markupsafe import Markup

from ..tools.onec_client import OneCNotFoundError, is_guid
from .mappers import (
    CounterpartyMapper,
    CustomerOrderMapper,
    InvoiceMapper,
    NomenclatureMapper,
    PaymentMapper,
    ShipmentMapper,
    comment_words,
    parse_date,
)
from .run import ExchangeComponent

_logger = logging.getLogger(__name__)


class Importer(ExchangeComponent):
    """1C -> Odoo, one method per 1C object."""

    # ------------------------------------------------------------
    # Catalog_Контрагенты -> res.partner
    # ------------------------------------------------------------

    def counterparties(self):
        """All counterparties, ordered by key; an interrupted read resumes at its page."""
        conn = self.connection
        entity = conn.counterparty_entity
        for skip, rows in self.run.pages(entity, orderby="Ref_Key", skip=conn.counterparty_skip):
            self.import_counterparties(rows)
            conn.counterparty_skip = skip + len(rows)
            conn.progress = self._("Counterparties from 1C: %(done)s read", done=conn.counterparty_skip)
            self.run.flush()
        conn.counterparty_skip = 0

    def import_counterparties(self, rows):
        """Match a page of counterparties to companies with a few batched searches: by
        binding, else by INN/KPP, else by email or phone; new companies are created in one batch."""
        conn, run = self.connection, self.run
        entity = conn.counterparty_entity
        mapper = CounterpartyMapper(conn)
        Partner = self.env["res.partner"].with_context(tracking_disable=True)
        known = self.Binding._by_key(conn, entity, [r.get("Ref_Key") for r in rows if is_guid(r.get("Ref_Key"))])
        inns = [r.get(conn.inn_field) for r in rows if r.get(conn.inn_field)]
        by_inn = {}
        for partner in Partner.search([("vat", "in", inns), ("is_company", "=", True)]) if inns else []:
            by_inn.setdefault((partner.vat, partner.industrial_kpp or ""), partner)
        bound = self.Binding._by_record(conn, "partner_id", Partner.union(*by_inn.values())) if by_inn else {}
        pending = []
        for key, row in run.keyed_rows(entity, rows):
            if row.get("DeletionMark"):
                continue
            binding = known.get(key)
            if binding and binding.data_version == row.get("DataVersion"):
                continue
            vals = mapper.from_1c(row)
            if not vals["name"].strip():
                run.log(entity, "in", key, "failed", self._("The counterparty has no name in 1C."), kind="malformed")
                continue
            binding_vals = {"ref_key": key, "data_version": row.get("DataVersion")}
            if mapper.partner_ref(row):
                binding_vals["partner_ref_key"] = mapper.partner_ref(row)
            partner = binding.partner_id if binding else None
            if not partner:
                inn_key = mapper.inn_kpp(row)
                other = by_inn.get(inn_key) if inn_key[0] else None
                if isinstance(other, str):
                    other_key = other
                else:
                    other_binding = other and (bound.get(other.id) or self.Binding._by_record(
                        conn, "partner_id", other).get(other.id))
                    other_key = other_binding and other_binding.ref_key
                if other_key and other_key != key:
                    run.log(entity, "in", key, "skipped", self._(
                        "Duplicate INN/KPP %(inn)s/%(kpp)s: already linked to 1C record %(other)s.",
                        inn=inn_key[0], kpp=inn_key[1], other=other_key,
                    ), partner=other if not isinstance(other, str) else None)
                    continue
                partner = other if not isinstance(other, str) else None
                email, phone = mapper.contacts(row)
                if not partner and (email or phone):
                    partner = self._find_by_contacts(email, phone)
                if inn_key[0]:
                    by_inn[inn_key] = partner or key
                if not partner:
                    vals.update(is_company=True, email=email, phone=phone, onec_dirty=False)
                    pending.append((key, vals, binding_vals))
                    continue
                binding = bound.get(partner.id) or self.Binding._by_record(conn, "partner_id", partner).get(partner.id)
                vals["onec_dirty"] = False
            elif partner.onec_dirty:
                # changed on both sides: Odoo keeps what it is master of, and sends it next
                odoo_mastered = {"name", "vat", "industrial_kpp"} - mapper.mastered()[1]
                vals = {k: v for k, v in vals.items() if k not in odoo_mastered}
            else:
                vals["onec_dirty"] = False
            try:
                with self.env.cr.savepoint():
                    partner.write(vals)
                    if binding:
                        binding.write(binding_vals)
                    else:
                        binding = self.Binding.create(dict(
                            binding_vals, connection_id=conn.id, entity=entity, partner_id=partner.id))
                known[key] = binding
                run.log(entity, "in", key, "updated", partner=partner)
            except Exception as exc:  # noqa: BLE001 - one record never stops the rest; the error is logged
                run.log(entity, "in", key, "failed", str(exc), kind="record")
        self._create_partners(pending)

    def _create_partners(self, pending):
        """One create() for the page; if it fails, record by record so that only the
        faulty ones are logged as failed."""
        if not pending:
            return
        conn, run = self.connection, self.run
        entity = conn.counterparty_entity
        Partner = self.env["res.partner"].with_context(tracking_disable=True)

        def bindings_of(partners, items):
            return [dict(binding_vals, connection_id=conn.id, entity=entity, partner_id=partner.id)
                    for partner, (_key, _vals, binding_vals) in zip(partners, items)]

        try:
            with self.env.cr.savepoint():
                partners = Partner.create([vals for _key, vals, _b in pending])
                self.Binding.create(bindings_of(partners, pending))
        except Exception:  # noqa: BLE001 - retried one by one below, each error logged
            partners = None
        if partners is not None:
            for (key, _vals, _b), partner in zip(pending, partners):
                run.log(entity, "in", key, "created", partner=partner)
            return
        for item in pending:
            key, vals, _b = item
            try:
                with self.env.cr.savepoint():
                    partner = Partner.create(vals)
                    self.Binding.create(bindings_of(partner, [item]))
                run.log(entity, "in", key, "created", partner=partner)
            except Exception as exc:  # noqa: BLE001 - one record never stops the rest; the error is logged
                run.log(entity, "in", key, "failed", str(exc), kind="record")

    def _find_by_contacts(self, email, phone):
        found = self.env["res.partner"]._industrial_find_contact(phone=phone, email=email)
        return found.commercial_partner_id if found else None

    # ------------------------------------------------------------
    # Catalog_Номенклатура -> product.product
    # ------------------------------------------------------------

    def products(self):
        for _skip, rows in self.run.pages(self.connection.product_entity, filter="IsFolder eq false",
                                          orderby="Ref_Key"):
            self.import_products(rows)
            self.run.flush()

    def _units(self):
        if "units" not in self.run.cache:
            self.run.cache["units"] = {
                row["Ref_Key"]: (row.get("Description") or "").strip()
                for _skip, rows in self.run.pages(self.connection.unit_entity) for row in rows
                if is_guid(row.get("Ref_Key"))
            }
        return self.run.cache["units"]

    def _uom(self, unit_name):
        xmlid = NomenclatureMapper.uom_xmlid(unit_name)
        return self.env.ref(xmlid, raise_if_not_found=False) if xmlid else None

    def _follow_unit(self, product, unit_name):
        """1C owns the unit; Odoo refuses to change it once the product has moved (kept then)."""
        uom = self._uom(unit_name)
        if not uom or uom == product.uom_id or uom.category_id != product.uom_id.category_id:
            return
        try:
            with self.env.cr.savepoint():
                product.write({"uom_id": uom.id, "uom_po_id": uom.id})
        except Exception as exc:  # noqa: BLE001 - the product keeps its unit; the 1C unit shows beside it
            _logger.info("1C exchange %s: unit of %s kept: %s", self.connection.name, product.display_name, exc)

    def import_products(self, rows):
        """Bind each nomenclature item to its product: by 1C key, else by article or code the first
        time, else a new product; 1C owns the name and the unit."""
        conn, run = self.connection, self.run
        entity = conn.product_entity
        mapper = NomenclatureMapper(conn)
        Product = self.env["product.product"].with_context(tracking_disable=True, active_test=False)
        bound = self.Binding._by_key(conn, entity, [r.get("Ref_Key") for r in rows if is_guid(r.get("Ref_Key"))])
        changed = [row for key, row in run.keyed_rows(entity, rows)
                   if not (bound.get(key) and bound[key].data_version == row.get("DataVersion"))]
        if not changed:
            return
        units = self._units()
        codes = {code for row in changed for code in mapper.match_codes(row)}
        by_code = {}
        for product in Product.search([("default_code", "in", list(codes))]) if codes else []:
            by_code.setdefault(product.default_code, product)
        taken = set(self.Binding._by_record(conn, "product_id", Product.union(*by_code.values())))
        for row in changed:
            key = row["Ref_Key"]
            binding = bound.get(key)
            vals, unit_name = mapper.from_1c(row, units)
            if not vals["name"]:
                run.log(entity, "in", key, "failed", self._("The nomenclature item has no name in 1C."),
                        kind="malformed")
                continue
            binding_vals = {"data_version": row.get("DataVersion"), "name": vals["name"], "code": row.get("Code"),
                            "unit_name": unit_name, "deletion_mark": bool(row.get("DeletionMark"))}
            try:
                with self.env.cr.savepoint():
                    if binding:
                        binding.product_id.write(vals)
                        binding.write(binding_vals)
                        self._follow_unit(binding.product_id, unit_name)
                        run.log(entity, "in", key, "updated")
                        continue
                    product = next((by_code[c] for c in mapper.match_codes(row)
                                    if c in by_code and by_code[c].id not in taken), None)
                    state = "updated"
                    if product:
                        product.write(vals)
                        self._follow_unit(product, unit_name)
                    elif row.get("DeletionMark"):
                        continue
                    else:
                        uom = self._uom(unit_name)
                        if uom:
                            vals.update(uom_id=uom.id, uom_po_id=uom.id)
                        product = Product.create(dict(vals, type="consu", sale_ok=True))
                        state = "created"
                    taken.add(product.id)
                    self.Binding.create(dict(binding_vals, connection_id=conn.id, entity=entity, ref_key=key,
                                             product_id=product.id))
                run.log(entity, "in", key, state)
            except Exception as exc:  # noqa: BLE001 - one record never stops the rest; the error is logged
                run.log(entity, "in", key, "failed", str(exc), kind="record")

    # ------------------------------------------------------------
    # documents -> industrial.1c.document
    # ------------------------------------------------------------

    def documents(self, entity, watermark_field, import_method):
        """Documents dated since the watermark (less the clock skew margin), oldest first;
        failed ones are read again by key first."""
        conn, run = self.connection, self.run
        watermark = conn[watermark_field]
        newest = watermark
        failed = run.failed_keys(entity)
        if failed:
            rows = []
            for key in failed:
                try:
                    rows.append(run.client.get(entity, key))
                except OneCNotFoundError as exc:
                    run.log(entity, "in", key, "skipped", self._("Deleted in 1C: %(error)s", error=exc))
            import_method(rows)
        date_filter = None
        if watermark:
            since = watermark - timedelta(minutes=conn.skew_minutes)
            date_filter = "Date ge datetime'%s'" % since.strftime("%Y-%m-%dT%H:%M:%S")
        for _skip, rows in run.pages(entity, filter=date_filter, orderby="Date"):
            import_method(rows)
            for row in rows:
                date = parse_date(row.get("Date"))
                if date and (not newest or date > newest):
                    newest = date
            conn[watermark_field] = newest
            run.flush()

    def orders(self):
        self.documents(self.connection.order_entity, "order_watermark", self.import_orders)

    def invoices(self):
        self.documents(self.connection.invoice_entity, "invoice_watermark",
                       lambda rows: self.import_documents(InvoiceMapper(self.connection), rows))

    def shipments(self):
        self.documents(self.connection.shipment_entity, "shipment_watermark",
                       lambda rows: self.import_documents(ShipmentMapper(self.connection), rows))

    def payments(self):
        conn = self.connection
        self.documents(conn.payment_entity, "payment_watermark",
                       lambda rows: self.import_payments(rows, conn.payment_entity))

    def cash(self):
        conn = self.connection
        self.documents(conn.cash_entity, "cash_watermark", lambda rows: self.import_payments(rows, conn.cash_entity))

    def _existing(self, kind, keys):
        docs = self.env["industrial.1c.document"].search([
            ("connection_id", "=", self.connection.id), ("kind", "=", kind), ("ref_key", "in", list(keys)),
        ])
        return {d.ref_key: d for d in docs}

    def import_orders(self, rows):
        """Customer orders: first what 1C did to the ones we sent, then the documents."""
        mapper = CustomerOrderMapper(self.connection)
        bindings = self.Binding._by_key(self.connection, self.connection.order_entity,
                                        [r.get("Ref_Key") for r in rows if is_guid(r.get("Ref_Key"))])
        for row in rows:
            binding = bindings.get(row.get("Ref_Key"))
            if not binding:
                continue
            # the DataVersion held is not moved: a change made in 1C stays a conflict for the next write
            vals = mapper.state_from_1c(row)
            if any(binding[name] != value for name, value in vals.items()):
                binding.write(vals)
        self.import_documents(mapper, rows, bound_orders={
            key: binding.sale_order_id for key, binding in bindings.items() if binding.sale_order_id})

    def import_documents(self, mapper, rows, bound_orders=None):
        """Orders, invoices and shipments land on the deal of the sale order they were sent
        from, of their request number, of the order they were issued for, or of the counterparty."""
        conn, run = self.connection, self.run
        kind = mapper.kind
        entity = {"order": conn.order_entity, "invoice": conn.invoice_entity,
                  "shipment": conn.shipment_entity}[kind]
        bound_orders = bound_orders or {}
        existing = self._existing(kind, [r.get("Ref_Key") for r in rows if is_guid(r.get("Ref_Key"))])
        base_keys = [k for k in (mapper.base_order_ref(r) for r in rows) if k]
        base_orders = self._existing("order", base_keys) if base_keys else {}
        counterparties = self.Binding._by_key(conn, conn.counterparty_entity,
                                              [k for k in (mapper.counterparty_ref(r) for r in rows) if k])
        requests_ = self.env["industrial.request"].search([("name", "in", [
            word for r in rows for word in comment_words(r, conn.comment_field)])])
        by_number = {r.name: r.lead_id for r in requests_ if r.lead_id}
        was_posted = {key for key, doc in existing.items() if doc.posted}
        open_leads, items = {}, []
        for key, row in run.keyed_rows(entity, rows):
            doc = existing.get(key)
            if doc and doc.data_version == row.get("DataVersion"):
                continue
            vals = self.map_in(mapper, entity, key, row)
            if vals is None:
                continue
            cp_binding = counterparties.get(mapper.counterparty_ref(row))
            partner = cp_binding.partner_id if cp_binding else None
            base = base_orders.get(mapper.base_order_ref(row))
            sale_order = bound_orders.get(key) or (base and base.sale_order_id)
            if base:
                vals["order_key"] = base.ref_key
                partner = partner or base.partner_id
            lead = next((by_number[w] for w in comment_words(row, conn.comment_field) if w in by_number), None)
            if base and base.lead_id:
                lead = base.lead_id
            if sale_order:
                vals["sale_order_id"] = sale_order.id
                lead = sale_order.opportunity_id or lead
                partner = partner or sale_order.partner_id.commercial_partner_id
            if not lead and partner:
                if partner.id not in open_leads:
                    open_leads[partner.id] = self.env["crm.lead"]._industrial_find_open_lead(partner)
                lead = open_leads[partner.id]
            vals.update(partner_id=partner.id if partner else False, lead_id=lead.id if lead else False)
            items.append({"key": key, "vals": vals, "doc": doc, "partner": partner, "lead": lead,
                          "message": False if lead else self._("No deal found for this document.")})
        self._save_documents(entity, items)
        if kind == "shipment":
            docs = self._existing(kind, [item["key"] for item in items])
            self._notify_shipments(self.env["industrial.1c.document"].union(*docs.values()), was_posted)

    def _save_documents(self, entity, items):
        """Changed documents are written one by one, new ones created in one batch;
        a failing batch is retried record by record."""
        run = self.run
        Document = self.env["industrial.1c.document"]
        new = [item for item in items if not item["doc"]]
        for item in items:
            if not item["doc"]:
                continue
            try:
                with self.env.cr.savepoint():
                    item["doc"].write(item["vals"])
                run.log(entity, "in", item["key"], "updated", item["message"],
                        partner=item["partner"], lead=item["lead"])
            except Exception as exc:  # noqa: BLE001 - one record never stops the rest; the error is logged
                run.log(entity, "in", item["key"], "failed", str(exc), kind="record")
        if not new:
            return
        try:
            with self.env.cr.savepoint():
                Document.create([item["vals"] for item in new])
        except Exception:  # noqa: BLE001 - retried one by one below, each error logged
            one_by_one = True
        else:
            one_by_one = False
        for item in new:
            try:
                if one_by_one:
                    with self.env.cr.savepoint():
                        Document.create(item["vals"])
                run.log(entity, "in", item["key"], "created", item["message"],
                        partner=item["partner"], lead=item["lead"])
            except Exception as exc:  # noqa: BLE001 - one record never stops the rest; the error is logged
                run.log(entity, "in", item["key"], "failed", str(exc), kind="record")

    def _notify_shipments(self, documents, was_posted):
        """A shipment posted in 1C is the deal's delivery: say so on the deal."""
        for document in documents.filtered(lambda d: d.kind == "shipment" and d.posted and d.lead_id):
            if document.ref_key in was_posted:
                continue
            document.lead_id.message_post(body=Markup("<p>%s</p>") % self._(
                "Shipped in 1C: UPD %(number)s of %(date)s, %(amount)s.",
                number=document.name, date=document.date, amount=document.amount,
            ), subtype_xmlid="mail.mt_note")

    def import_payments(self, rows, entity):
        """A payment counts for the customer order its decoding rows name: as ``Заказ`` +
        ``Заказ_Type`` (УТ 11 up to 11.4) or as the order's settlement object
        (``ОбъектРасчетов_Key``, 11.5 on). Only the part of the rows for that order counts,
        so a prepayment leaves the deal partly paid."""
        conn, run = self.connection, self.run
        mapper = PaymentMapper(conn)
        Document = self.env["industrial.1c.document"]
        existing = self._existing("payment", [r.get("Ref_Key") for r in rows if is_guid(r.get("Ref_Key"))])
        decoded = {r.get("Ref_Key"): mapper.orders(r) for r in rows}
        order_keys = [key for found in decoded.values() for how, key, _a in found if how == "order"]
        settlement_keys = [key for found in decoded.values() for how, key, _a in found if how == "settlement"]
        orders = Document.search([
            ("connection_id", "=", conn.id), ("kind", "=", "order"),
            "|", ("ref_key", "in", order_keys), ("settlement_key", "in", settlement_keys),
        ])
        index = {"order": {d.ref_key: d for d in orders},
                 "settlement": {d.settlement_key: d for d in orders if d.settlement_key}}
        leads, items = self.env["crm.lead"], []
        for key, row in run.keyed_rows(entity, rows):
            doc = existing.get(key)
            if doc and doc.data_version == row.get("DataVersion"):
                continue
            found = decoded.get(key) or []
            order = next((index[how][ref] for how, ref, _a in found if index[how].get(ref)), None)
            if not order:
                names = ", ".join(ref for _how, ref, _a in found) or self._("none")
                run.log(entity, "in", key, "failed", self._(
                    "The payment refers to no known customer order (%(key)s); retried next run.", key=names,
                ), kind="record")
                continue
            vals = self.map_in(mapper, entity, key, row)
            if vals is None:
                continue
            part = sum(amount for how, ref, amount in found if index[how].get(ref) == order)
            if part > 0:
                vals["amount"] = part
            vals.update(order_key=order.ref_key, lead_id=order.lead_id.id, partner_id=order.partner_id.id,
                        sale_order_id=order.sale_order_id.id)
            items.append({"key": key, "vals": vals, "doc": doc, "partner": order.partner_id,
                          "lead": order.lead_id, "message": False})
            leads |= order.lead_id
        was_paid = leads.filtered("is_paid")
        self._save_documents(entity, items)
        leads._onec_apply_payments(was_paid)
