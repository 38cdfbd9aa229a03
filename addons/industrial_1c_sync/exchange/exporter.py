"""Odoo -> 1C: companies (Catalog_Партнеры + Catalog_Контрагенты) and confirmed sale orders
(Document_ЗаказКлиента), cf. OCA connector's ``Exporter``. A write carries the DataVersion
bound; when 1C changed the record meanwhile (HTTP 412) the declared master settles it."""
import logging

from odoo import fields

from ..tools.onec_client import OneCConflictError, OneCError, OneCNotFoundError, is_guid
from .mappers import CounterpartyMapper, CustomerOrderMapper, PartnerMapper, VatRateMapper, digest
from .run import ExchangeComponent

_logger = logging.getLogger(__name__)


class Exporter(ExchangeComponent):
    """Odoo -> 1C, one method per 1C object."""

    def _send(self, entity, key, version, values, mastered):
        """POST or PATCH one record; on a DataVersion conflict the fields 1C is master of
        are left as 1C has them and the rest is sent again."""
        client = self.run.client
        if not key:
            return client.create(entity, values), "created"
        try:
            return client.update(entity, key, values, version), "updated"
        except OneCConflictError:
            current = client.get(entity, key)
            kept = mastered & set(values)
            values = {name: value for name, value in values.items() if name not in kept}
            return client.update(entity, key, values, current.get("DataVersion")), "merged" if kept else "updated"

    # ------------------------------------------------------------
    # companies of leads and deals -> Партнер + Контрагент
    # ------------------------------------------------------------

    def _partners_to_send(self):
        conn = self.connection
        domain = [("industrial_lead_ids", "!=", False)]
        if conn.sync_orders_out and conn.organization_key:
            # the companies of confirmed orders too (an order's customer may be a contact person)
            domain = ["|", "&", ("is_company", "=", True), "|", ("sale_order_ids.state", "=", "sale"),
                      ("child_ids.sale_order_ids.state", "=", "sale")] + domain
        return self.env["res.partner"].search([("onec_dirty", "=", True)] + domain)

    def partners(self):
        conn, run = self.connection, self.run
        partner_mapper, counterparty_mapper = PartnerMapper(conn), CounterpartyMapper(conn)
        mastered = counterparty_mapper.mastered()[0]
        partners = self._partners_to_send()
        bindings = self.Binding._by_record(conn, "partner_id", partners)
        numbers = {}
        for request in self.env["industrial.request"].search([("partner_id", "child_of", partners.ids)],
                                                             order="id desc"):
            numbers.setdefault(request.partner_id.commercial_partner_id.id, request.name)
        for index, partner in enumerate(partners):
            if index % conn.page_size == 0:
                conn.progress = self._("Companies to 1C: %(done)s of %(total)s", done=index, total=len(partners))
            binding = bindings.get(partner.id)
            number = numbers.get(partner.id)
            comment = self._("CRM request %(number)s", number=number) if number else ""
            try:
                with self.env.cr.savepoint():
                    partner_row, state = self._send(
                        conn.partner_entity, binding and binding.partner_ref_key,
                        binding and binding.partner_data_version, partner_mapper.to_1c(partner, comment), mastered)
                    counterparty_vals = counterparty_mapper.to_1c(partner, comment)
                    counterparty_vals[conn.partner_link_field] = partner_row["Ref_Key"]
                    counterparty_row, cstate = self._send(
                        conn.counterparty_entity, binding and binding.ref_key, binding and binding.data_version,
                        counterparty_vals, mastered)
                    binding_vals = {
                        "ref_key": counterparty_row["Ref_Key"],
                        "data_version": counterparty_row.get("DataVersion"),
                        "partner_ref_key": partner_row["Ref_Key"],
                        "partner_data_version": partner_row.get("DataVersion"),
                    }
                    if binding:
                        binding.write(binding_vals)
                    else:
                        binding = bindings[partner.id] = self.Binding.create(dict(
                            binding_vals, connection_id=conn.id, entity=conn.counterparty_entity,
                            partner_id=partner.id))
                    merged = "merged" in (state, cstate)
                    vals = {"onec_dirty": False}
                    if merged:
                        vals.update(counterparty_mapper.mastered_values(counterparty_row))
                    partner.write(vals)
                run.log(conn.partner_entity, "out", binding.partner_ref_key, "updated" if merged else state,
                        self._("Changed on both sides: the fields 1C is master of were taken from 1C, "
                               "the others sent.") if merged else False,
                        partner=partner)
            except OneCNotFoundError as exc:
                if binding:
                    binding.unlink()
                    bindings.pop(partner.id)
                run.log(conn.partner_entity, "out", False, "failed",
                        self._("Deleted in 1C, it will be created again next run: %(error)s", error=exc),
                        kind=exc.kind, partner=partner)
            except OneCError as exc:
                # 1C's own reason for refusing this company, or what to check when it is down
                _logger.info("1C exchange %s: company %s not sent: %s", conn.name, partner.id, exc)
                run.log(conn.partner_entity, "out", binding and binding.partner_ref_key, "failed",
                        conn._error_text(exc, log=False), kind=exc.kind, partner=partner)
            except (KeyError, TypeError) as exc:
                run.log(conn.partner_entity, "out", binding and binding.partner_ref_key, "failed", str(exc),
                        kind="malformed", partner=partner)

    # ------------------------------------------------------------
    # confirmed sale orders -> Document_ЗаказКлиента
    # ------------------------------------------------------------

    def _vat_rates(self):
        if "vat" not in self.run.cache:
            mapper = VatRateMapper(self.connection)
            rates = {}
            for _skip, rows in self.run.pages(self.connection.vat_entity):
                for percent, key in mapper.rates(rows).items():
                    rates.setdefault(percent, key)
            self.run.cache["vat"] = rates
        return self.run.cache["vat"]

    def _orders_to_send(self):
        conn = self.connection
        bindings = self.Binding.search([("connection_id", "=", conn.id), ("sale_order_id", "!=", False)])
        by_order = {b.sale_order_id.id: b for b in bindings}
        orders = self.env["sale.order"].search([("state", "=", "sale"), ("date_order", ">=", conn.orders_since)])
        cancelled = bindings.filtered(lambda b: b.ref_key and not b.deletion_mark
                                      and b.sale_order_id.state == "cancel").sale_order_id
        return orders | cancelled, by_order

    def _order_comments(self, orders):
        """The deal's request number (what 1C users search by), then the Odoo order."""
        numbers = {}
        for request in self.env["industrial.request"].search([("lead_id", "in", orders.opportunity_id.ids)],
                                                             order="id desc"):
            numbers.setdefault(request.lead_id.id, request.name)
        comments = {}
        for order in orders:
            number = numbers.get(order.opportunity_id.id)
            comments[order.id] = (
                self._("CRM request %(number)s, Odoo order %(order)s", number=number, order=order.name) if number
                else self._("Odoo order %(order)s", order=order.name)
            )
        return comments

    def _order_payload(self, order, comment, product_keys, partner_binding):
        """``(payload, reasons it cannot be sent)``."""
        conn = self.connection
        reasons = []
        partner = order.partner_id.commercial_partner_id
        if not (partner_binding and is_guid(partner_binding.ref_key)):
            reasons.append(self._(
                "the customer %(partner)s is not in 1C yet: it is sent with the next exchange, check "
                "the exchange log if it stays so", partner=partner.display_name))
        vat_rates = self._vat_rates()
        lines = []
        for line in order.order_line.filtered(lambda l: not l.display_type and l.product_id):
            key = product_keys.get(line.product_id.id)
            if not key:
                reasons.append(self._(
                    "the product %(product)s is not in the 1C nomenclature: add it in 1C, or give it the 1C "
                    "article as Internal Reference, then run the exchange", product=line.product_id.display_name))
                continue
            percent = round(sum(t.amount for t in line.tax_id if t.amount_type == "percent"), 2)
            vat_key = vat_rates.get(percent)
            if not vat_key:
                reasons.append(self._("the VAT rate %(rate)s%% of %(product)s is not among the VAT rates of 1C",
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
            reasons.append(self._("the order has no goods"))
        if reasons:
            return None, reasons
        settings = {
            # 1C keeps local time: the order's date as its salesperson saw it
            "date": fields.Datetime.context_timestamp(
                conn.with_context(tz=order.user_id.tz or self.env.user.tz or "UTC"), order.date_order,
            ).strftime("%Y-%m-%dT%H:%M:%S"),
            "partner_key": partner_binding.partner_ref_key if is_guid(partner_binding.partner_ref_key) else None,
            "counterparty_key": partner_binding.ref_key, "comment": comment,
        }
        order_vals = {"amount_total": order.amount_total, "client_ref": order.client_order_ref}
        return CustomerOrderMapper(conn).to_1c(order_vals, lines, settings), []

    def orders(self):
        """Each confirmed sale order becomes one customer order in 1C, updated while 1C has
        not posted it, marked for deletion when cancelled. A DataVersion changed in 1C since
        our last write is a conflict: a posted order is left to 1C, else Odoo's order wins."""
        conn, run = self.connection, self.run
        if not conn.organization_key:
            return
        orders, by_order = self._orders_to_send()
        if not orders:
            return
        entity = conn.order_entity
        mapper = CustomerOrderMapper(conn)
        product_bindings = self.Binding.search([("connection_id", "=", conn.id), ("entity", "=", conn.product_entity),
                                                ("product_id", "in", orders.order_line.product_id.ids)])
        product_keys = {b.product_id.id: b.ref_key for b in product_bindings if b.ref_key}
        partner_bindings = self.Binding._by_record(conn, "partner_id", orders.partner_id.commercial_partner_id)
        comments = self._order_comments(orders)
        for index, order in enumerate(orders):
            if index % conn.page_size == 0:
                conn.progress = self._("Sale orders to 1C: %(done)s of %(total)s", done=index, total=len(orders))
            binding = by_order.get(order.id)
            if binding and binding.posted and order.state != "cancel":
                continue  # 1C posted it: 1C's accountants own it from now on
            partner = order.partner_id.commercial_partner_id
            payload = sent = None
            if order.state != "cancel":
                # built outside any savepoint: an unchanged order costs no write and no query of its own
                payload, reasons = self._order_payload(order, comments[order.id], product_keys,
                                                       partner_bindings.get(partner.id))
                if reasons:
                    self._block_order(order, binding, by_order, reasons)
                    continue
                sent = digest(payload)
                if binding and binding.ref_key and binding.sent_digest == sent:
                    continue
            try:
                with self.env.cr.savepoint():
                    if order.state == "cancel":
                        self._cancel(order, binding)
                        continue
                    if binding and binding.ref_key:
                        row, state = self._update_order(binding, payload)
                    else:
                        row, state = run.client.create(entity, payload), "created"
                    vals = dict(mapper.binding_from_1c(row), sent_digest=sent if state != "posted" else False,
                                state="synced", message=False)
                    if binding:
                        binding.write(vals)
                    else:
                        binding = by_order[order.id] = self.Binding.create(
                            dict(vals, connection_id=conn.id, entity=entity, sale_order_id=order.id))
                run.log(entity, "out", binding.ref_key, {"posted": "skipped", "merged": "updated"}.get(state, state),
                        self._("Posted in 1C meanwhile: left as 1C has it.") if state == "posted" else (
                            self._("Changed in 1C meanwhile: Odoo's order was sent again.") if state == "merged"
                            else False),
                        partner=partner, lead=order.opportunity_id)
            except OneCError as exc:
                _logger.info("1C exchange %s: order %s not sent: %s", conn.name, order.name, exc)
                message = conn._error_text(exc, log=False)
                if binding:
                    binding.write({"state": "failed", "message": message})
                else:
                    by_order[order.id] = self.Binding.create({"connection_id": conn.id, "entity": entity,
                                                              "sale_order_id": order.id, "state": "failed",
                                                              "message": message})
                run.log(entity, "out", binding and binding.ref_key, "failed", message, kind=exc.kind,
                        partner=partner, lead=order.opportunity_id)

    def _block_order(self, order, binding, by_order, reasons):
        """Keep the order out of 1C and say why, once (not at every run)."""
        conn = self.connection
        message = self._("Not sent to 1C: %(reasons)s.", reasons="; ".join(reasons))
        if binding and binding.state == "blocked" and binding.message == message:
            return
        vals = {"state": "blocked", "message": message}
        if binding:
            binding.write(vals)
        else:
            by_order[order.id] = self.Binding.create(
                dict(vals, connection_id=conn.id, entity=conn.order_entity, sale_order_id=order.id))
        self.run.log(conn.order_entity, "out", binding and binding.ref_key, "failed", message, kind="blocked",
                     partner=order.partner_id.commercial_partner_id, lead=order.opportunity_id)

    def _update_order(self, binding, payload):
        client = self.run.client
        entity = self.connection.order_entity
        try:
            return client.update(entity, binding.ref_key, payload, binding.data_version), "updated"
        except OneCConflictError:
            current = client.get(entity, binding.ref_key)
            if current.get("Posted"):
                return current, "posted"
            return client.update(entity, binding.ref_key, payload, current.get("DataVersion")), "merged"

    def _cancel(self, order, binding):
        """A cancelled order is marked for deletion in 1C, unless 1C posted it: then the
        accountant has to unpost it there first."""
        entity = self.connection.order_entity
        current = self.run.client.get(entity, binding.ref_key)
        if current.get("Posted"):
            message = self._("Cancelled in Odoo but posted in 1C: unpost the 1C order %(number)s to cancel it "
                             "there.", number=current.get("Number"))
            if binding.message != message:
                binding.write({"posted": True, "message": message})
                self.run.log(entity, "out", binding.ref_key, "failed", message, kind="posted",
                             partner=order.partner_id.commercial_partner_id, lead=order.opportunity_id)
            return
        row = self.run.client.update(entity, binding.ref_key, {"DeletionMark": True}, current.get("DataVersion"))
        binding.write({"deletion_mark": True, "data_version": row.get("DataVersion"), "message": False})
        self.run.log(entity, "out", binding.ref_key, "updated", self._("Marked for deletion in 1C."),
                     partner=order.partner_id.commercial_partner_id, lead=order.opportunity_id)
