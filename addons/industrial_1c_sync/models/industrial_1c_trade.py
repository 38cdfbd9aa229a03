import logging

from markupsafe import Markup

from odoo import _, fields, models

from ..tools.onec_client import OneCConflictError, OneCError, is_guid
from ..tools.onec_mappers import (
    UNITS,
    customer_order_payload,
    digest,
    nomenclature_match_codes,
    nomenclature_values,
    onec_date,
)

_logger = logging.getLogger(__name__)


class Industrial1cConnection(models.Model):
    """Trade documents of the exchange: the nomenclature from 1C (importer), sale orders to
    1C as customer orders (exporter), shipments back from 1C."""

    _inherit = "industrial.1c.connection"

    # ------------------------------------------------------------
    # IN: nomenclature -> product.product
    # ------------------------------------------------------------

    def _onec_units(self, run):
        if "units" not in run:
            run["units"] = {row["Ref_Key"]: (row.get("Description") or "").strip()
                            for _skip, rows in self._pages(run, self.unit_entity) for row in rows
                            if is_guid(row.get("Ref_Key"))}
        return run["units"]

    def _odoo_uom(self, unit_name):
        xmlid = UNITS.get((unit_name or "").strip().rstrip(".").lower())
        return self.env.ref(xmlid, raise_if_not_found=False) if xmlid else None

    def _follow_1c_unit(self, product, unit_name):
        """1C owns the unit; Odoo refuses to change it once the product has moved (kept then)."""
        uom = self._odoo_uom(unit_name)
        if not uom or uom == product.uom_id or uom.category_id != product.uom_id.category_id:
            return
        try:
            with self.env.cr.savepoint():
                product.write({"uom_id": uom.id, "uom_po_id": uom.id})
        except Exception as exc:  # noqa: BLE001 - the product keeps its unit; the 1C unit shows beside it
            _logger.info("1C exchange %s: unit of %s kept: %s", self.name, product.display_name, exc)

    def _sync_in_products(self, run):
        entity = self.product_entity
        for _skip, rows in self._pages(run, entity, filter="IsFolder eq false", orderby="Ref_Key"):
            self._import_products(run, rows)
            self._flush_logs(run)
            self._commit()

    def _import_products(self, run, rows):
        """Bind each nomenclature item to its product: by 1C key, else by article or code the first
        time, else a new product; 1C owns the name and the unit."""
        entity = self.product_entity
        Binding = self.env["industrial.1c.binding"]
        Product = self.env["product.product"].with_context(tracking_disable=True, active_test=False)
        keys = [r.get("Ref_Key") for r in rows if is_guid(r.get("Ref_Key"))]
        bound = Binding._by_key(self, entity, keys)
        changed = [row for key, row in self._keyed_rows(run, entity, rows)
                   if not (bound.get(key) and bound[key].data_version == row.get("DataVersion"))]
        if not changed:
            return
        units = self._onec_units(run)
        codes = {code for row in changed for code in nomenclature_match_codes(row, self.product_article_field)}
        by_code = {}
        for product in Product.search([("default_code", "in", list(codes))]) if codes else []:
            by_code.setdefault(product.default_code, product)
        taken = set(Binding.search([("connection_id", "=", self.id), ("product_id", "in",
                                                                         [p.id for p in by_code.values()])]).product_id.ids)
        for row in changed:
            key = row["Ref_Key"]
            binding = bound.get(key)
            vals, unit_name = nomenclature_values(row, self.product_article_field, self.product_unit_field, units)
            if not vals["name"]:
                self._log(run, entity, "in", key, "failed", _("The nomenclature item has no name in 1C."),
                          kind="malformed")
                continue
            binding_vals = {"data_version": row.get("DataVersion"), "name": vals["name"], "code": row.get("Code"),
                            "unit_name": unit_name, "deletion_mark": bool(row.get("DeletionMark"))}
            try:
                with self.env.cr.savepoint():
                    if binding:
                        binding.product_id.write(vals)
                        binding.write(binding_vals)
                        self._follow_1c_unit(binding.product_id, unit_name)
                        self._log(run, entity, "in", key, "updated")
                        continue
                    product = next((by_code[c] for c in nomenclature_match_codes(row, self.product_article_field)
                                    if c in by_code and by_code[c].id not in taken), None)
                    state = "updated"
                    if product:
                        product.write(vals)
                        self._follow_1c_unit(product, unit_name)
                    elif row.get("DeletionMark"):
                        continue
                    else:
                        uom = self._odoo_uom(unit_name)
                        if uom:
                            vals.update(uom_id=uom.id, uom_po_id=uom.id)
                        product = Product.create(dict(vals, type="consu", sale_ok=True))
                        state = "created"
                    taken.add(product.id)
                    Binding.create(dict(binding_vals, connection_id=self.id, entity=entity, ref_key=key,
                                        product_id=product.id))
                self._log(run, entity, "in", key, state)
            except Exception as exc:  # noqa: BLE001 - one record never stops the rest; the error is logged
                self._log(run, entity, "in", key, "failed", str(exc), kind="record")

    # ------------------------------------------------------------
    # OUT: confirmed sale orders -> Document_ЗаказКлиента
    # ------------------------------------------------------------

    def _onec_vat_rates(self, run):
        if "vat" not in run:
            run["vat"] = {}
            for _skip, rows in self._pages(run, self.vat_entity):
                for row in rows:
                    if is_guid(row.get("Ref_Key")) and not row.get("DeletionMark"):
                        try:
                            run["vat"].setdefault(round(float(row.get(self.vat_rate_field) or 0), 2), row["Ref_Key"])
                        except (TypeError, ValueError):
                            continue
        return run["vat"]

    def _orders_to_send(self):
        Binding = self.env["industrial.1c.binding"]
        bindings = Binding.search([("connection_id", "=", self.id), ("sale_order_id", "!=", False)])
        by_order = {b.sale_order_id.id: b for b in bindings}
        orders = self.env["sale.order"].search([
            ("state", "=", "sale"), ("date_order", ">=", self.orders_since),
        ])
        cancelled = bindings.filtered(lambda b: b.ref_key and not b.deletion_mark
                                      and b.sale_order_id.state == "cancel").sale_order_id
        return orders | cancelled, by_order

    def _order_comment(self, orders):
        """The deal's request number (what 1C users search by), then the Odoo order."""
        leads = orders.opportunity_id
        numbers = {}
        for request in self.env["industrial.request"].search([("lead_id", "in", leads.ids)], order="id desc"):
            numbers.setdefault(request.lead_id.id, request.name)
        comments = {}
        for order in orders:
            number = numbers.get(order.opportunity_id.id)
            comments[order.id] = (
                _("CRM request %(number)s, Odoo order %(order)s", number=number, order=order.name) if number
                else _("Odoo order %(order)s", order=order.name)
            )
        return comments

    def _order_payload(self, run, order, comment, product_keys):
        """``(payload, reasons it cannot be sent)``."""
        reasons = []
        partner = order.partner_id.commercial_partner_id
        if not is_guid(partner.onec_counterparty_key):
            reasons.append(_("the customer %(partner)s is not in 1C yet: it is sent with the next exchange, check "
                             "the exchange log if it stays so", partner=partner.display_name))
        vat_rates = self._onec_vat_rates(run)
        lines = []
        for line in order.order_line.filtered(lambda l: not l.display_type and l.product_id):
            key = product_keys.get(line.product_id.id)
            if not key:
                reasons.append(_(
                    "the product %(product)s is not in the 1C nomenclature: add it in 1C, or give it the 1C "
                    "article as Internal Reference, then run the exchange", product=line.product_id.display_name))
                continue
            percent = round(sum(t.amount for t in line.tax_id if t.amount_type == "percent"), 2)
            vat_key = vat_rates.get(percent)
            if not vat_key:
                reasons.append(_("the VAT rate %(rate)s%% of %(product)s is not among the VAT rates of 1C",
                                 rate=percent, product=line.product_id.display_name))
                continue
            quantity = line.product_uom._compute_quantity(line.product_uom_qty, line.product_id.uom_id)
            lines.append({
                "product_key": key, "quantity": quantity,
                "price": line.price_subtotal / quantity if quantity else line.price_unit,
                "amount": line.price_subtotal, "vat_key": vat_key, "vat": line.price_tax,
                "total": line.price_total,
            })
        if not lines and not reasons:
            reasons.append(_("the order has no goods"))
        settings = {
            # 1C keeps local time: the order's date as its salesperson saw it
            "date": fields.Datetime.context_timestamp(
                self.with_context(tz=order.user_id.tz or self.env.user.tz or "UTC"), order.date_order,
            ).strftime("%Y-%m-%dT%H:%M:%S"),
            "organization": self.organization_key, "warehouse": self.warehouse_key or "00000000-0000-0000-0000-000000000000",
            "currency": self.currency_key or "00000000-0000-0000-0000-000000000000",
            "partner_key": partner.onec_partner_key if is_guid(partner.onec_partner_key) else None,
            "counterparty_key": partner.onec_counterparty_key, "comment": comment,
            "rows_field": self.order_rows_field,
        }
        order_vals = {"amount_total": order.amount_total, "client_ref": order.client_order_ref}
        return customer_order_payload(order_vals, lines, settings), reasons

    def _sync_out_orders(self, run):
        """Each confirmed sale order becomes one customer order in 1C, updated while 1C has
        not posted it, marked for deletion when cancelled. A DataVersion changed in 1C since
        our last write is a conflict: a posted order is left to 1C, else Odoo's order wins."""
        if not self.organization_key:
            return
        orders, by_order = self._orders_to_send()
        if not orders:
            return
        entity = self.order_entity
        Binding = self.env["industrial.1c.binding"]
        product_bindings = Binding.search([("connection_id", "=", self.id), ("entity", "=", self.product_entity),
                                           ("product_id", "in", orders.order_line.product_id.ids)])
        product_keys = {b.product_id.id: b.ref_key for b in product_bindings if b.ref_key}
        comments = self._order_comment(orders)
        client = run["client"]
        for index, order in enumerate(orders):
            if index % self.page_size == 0:
                self.progress = _("Sale orders to 1C: %(done)s of %(total)s", done=index, total=len(orders))
                self._commit()
            binding = by_order.get(order.id)
            if binding and binding.posted and order.state != "cancel":
                continue  # 1C posted it: 1C's accountants own it from now on
            payload = sent = None
            if order.state != "cancel":
                # built outside any savepoint: an unchanged order costs no write and no query of its own
                payload, reasons = self._order_payload(run, order, comments[order.id], product_keys)
                if reasons:
                    self._block_order(run, order, binding, by_order, reasons)
                    continue
                sent = digest(payload)
                if binding and binding.ref_key and binding.sent_digest == sent:
                    continue
            try:
                with self.env.cr.savepoint():
                    if order.state == "cancel":
                        self._cancel_in_1c(run, order, binding)
                        continue
                    if binding and binding.ref_key:
                        row, state = self._update_order(run, binding, payload)
                    else:
                        row, state = client.create(entity, payload), "created"
                    vals = {
                        "ref_key": row["Ref_Key"], "data_version": row.get("DataVersion"), "name": row.get("Number"),
                        "date": onec_date(row.get("Date")), "posted": bool(row.get("Posted")),
                        "settlement_key": row.get(self.order_settlement_field) if is_guid(
                            row.get(self.order_settlement_field)) else False,
                        "sent_digest": sent if state != "posted" else False, "state": "synced", "message": False,
                    }
                    if binding:
                        binding.write(vals)
                    else:
                        binding = by_order[order.id] = Binding.create(
                            dict(vals, connection_id=self.id, entity=entity, sale_order_id=order.id))
                self._log(run, entity, "out", binding.ref_key, {"posted": "skipped", "merged": "updated"}.get(state, state),
                          _("Posted in 1C meanwhile: left as 1C has it.") if state == "posted" else (
                              _("Changed in 1C meanwhile: Odoo's order was sent again.") if state == "merged"
                              else False),
                          partner=order.partner_id.commercial_partner_id, lead=order.opportunity_id)
            except OneCError as exc:
                _logger.info("1C exchange %s: order %s not sent: %s", self.name, order.name, exc)
                message = self._error_text(exc, log=False)
                if binding:
                    binding.write({"state": "failed", "message": message})
                else:
                    by_order[order.id] = Binding.create({"connection_id": self.id, "entity": entity,
                                                         "sale_order_id": order.id, "state": "failed",
                                                         "message": message})
                self._log(run, entity, "out", binding and binding.ref_key, "failed", message, kind=exc.kind,
                          partner=order.partner_id.commercial_partner_id, lead=order.opportunity_id)
        self.progress = False
        self._commit()

    def _block_order(self, run, order, binding, by_order, reasons):
        """Keep the order out of 1C and say why, once (not at every run)."""
        message = _("Not sent to 1C: %(reasons)s.", reasons="; ".join(reasons))
        if binding and binding.state == "blocked" and binding.message == message:
            return
        vals = {"state": "blocked", "message": message}
        if binding:
            binding.write(vals)
        else:
            by_order[order.id] = self.env["industrial.1c.binding"].create(
                dict(vals, connection_id=self.id, entity=self.order_entity, sale_order_id=order.id))
        self._log(run, self.order_entity, "out", binding and binding.ref_key, "failed", message, kind="blocked",
                  partner=order.partner_id.commercial_partner_id, lead=order.opportunity_id)

    def _update_order(self, run, binding, payload):
        client = run["client"]
        entity = self.order_entity
        try:
            return client.update(entity, binding.ref_key, payload, binding.data_version), "updated"
        except OneCConflictError:
            current = client.get(entity, binding.ref_key)
            if current.get("Posted"):
                return current, "posted"
            return client.update(entity, binding.ref_key, payload, current.get("DataVersion")), "merged"

    def _cancel_in_1c(self, run, order, binding):
        """A cancelled order is marked for deletion in 1C, unless 1C posted it: then the
        accountant has to unpost it there first."""
        entity = self.order_entity
        current = run["client"].get(entity, binding.ref_key)
        if current.get("Posted"):
            message = _("Cancelled in Odoo but posted in 1C: unpost the 1C order %(number)s to cancel it there.",
                        number=current.get("Number"))
            if binding.message != message:
                binding.write({"posted": True, "message": message})
                self._log(run, entity, "out", binding.ref_key, "failed", message, kind="posted",
                          partner=order.partner_id.commercial_partner_id, lead=order.opportunity_id)
            return
        row = run["client"].update(entity, binding.ref_key, {"DeletionMark": True}, current.get("DataVersion"))
        binding.write({"deletion_mark": True, "data_version": row.get("DataVersion"), "message": False})
        self._log(run, entity, "out", binding.ref_key, "updated", _("Marked for deletion in 1C."),
                  partner=order.partner_id.commercial_partner_id, lead=order.opportunity_id)

    # ------------------------------------------------------------
    # IN: shipments (УПД)
    # ------------------------------------------------------------

    def _sync_in_shipments(self, run):
        self._read_documents(run, self.shipment_entity, "shipment_watermark", self._import_shipments)

    def _import_shipments(self, run, rows):
        self._import_orders(run, rows, kind="shipment")

    def _onec_notify_shipments(self, documents, was_posted):
        """A shipment posted in 1C is the deal's delivery: say so on the deal."""
        for document in documents.filtered(lambda d: d.kind == "shipment" and d.posted and d.lead_id):
            if document.ref_key in was_posted:
                continue
            document.lead_id.message_post(body=Markup("<p>%s</p>") % _(
                "Shipped in 1C: UPD %(number)s of %(date)s, %(amount)s.",
                number=document.name, date=document.date, amount=document.amount,
            ), subtype_xmlid="mail.mt_note")

    def _bound_orders(self, keys):
        """Sale orders sent to 1C, by the key of their 1C customer order."""
        bindings = self.env["industrial.1c.binding"]._by_key(self, self.order_entity, keys)
        return {key: binding.sale_order_id for key, binding in bindings.items() if binding.sale_order_id}

    def _note_orders_read(self, rows):
        """What 1C did to the customer orders we sent: posted, numbered, marked for deletion.
        The DataVersion held is not moved: a change made in 1C stays a conflict for the next write."""
        keys = [r.get("Ref_Key") for r in rows if is_guid(r.get("Ref_Key"))]
        bindings = self.env["industrial.1c.binding"]._by_key(self, self.order_entity, keys)
        for row in rows:
            binding = bindings.get(row.get("Ref_Key"))
            if not binding:
                continue
            vals = {"posted": bool(row.get("Posted")), "name": row.get("Number"),
                    "deletion_mark": bool(row.get("DeletionMark"))}
            settlement = row.get(self.order_settlement_field)
            if is_guid(settlement):
                vals["settlement_key"] = settlement
            if any(binding[name] != value for name, value in vals.items()):
                binding.write(vals)
