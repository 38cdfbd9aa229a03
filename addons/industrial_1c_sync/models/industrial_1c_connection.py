import json
import logging
import threading
import time
import uuid
from datetime import timedelta

from markupsafe import Markup

from odoo import _, api, fields, models, tools
from odoo.exceptions import UserError, ValidationError

from ..tools.onec_client import (
    OneCAuthError,
    OneCClient,
    OneCConfigError,
    OneCConflictError,
    OneCError,
    OneCMalformedError,
    OneCNotFoundError,
    OneCRefusedError,
    OneCServerError,
    OneCTimeoutError,
    OneCUnreachableError,
    is_guid,
)
from ..tools.onec_mappers import composite_ref, onec_date, payment_orders

_logger = logging.getLogger(__name__)

LOCK_NAMESPACE = 1735  # first key of the advisory lock taken by a run; the second is the connection id


MASTERS = [("odoo", "Odoo"), ("onec", "1C")]


class Industrial1cConnection(models.Model):
    _name = "industrial.1c.connection"
    _description = "1C Exchange Connection"
    _inherit = ["mail.thread"]

    name = fields.Char(required=True)
    active = fields.Boolean(default=True)
    base_url = fields.Char(string="Base URL", required=True, help="Publication of the 1C base, e.g. https://1c.example.ru/ut11")
    user = fields.Char(string="User Name")
    password = fields.Char(groups="base.group_system")
    timeout = fields.Integer(default=15, help="Seconds to wait for one 1C answer.")
    retries = fields.Integer(default=2, help="Extra attempts of a read after a timeout or a server error.")
    page_size = fields.Integer(default=500, help="Records read per request ($top).")
    interval_minutes = fields.Integer(string="Run Every (minutes)", default=15)
    next_run = fields.Datetime(string="Next Run")
    skew_minutes = fields.Integer(
        string="Clock Skew Margin (minutes)", default=10,
        help="Documents dated this long before the watermark are read again, so a clock difference loses nothing.",
    )
    # what and which way
    sync_partners_out = fields.Boolean(string="Companies to 1C", default=True)
    sync_counterparties_in = fields.Boolean(string="Counterparties from 1C", default=True)
    sync_orders_in = fields.Boolean(string="Customer Orders from 1C", default=True)
    sync_invoices_in = fields.Boolean(string="Invoices from 1C", default=True)
    sync_cash_in = fields.Boolean(string="Cash Receipts from 1C", default=True)
    sync_payments_in = fields.Boolean(string="Payments from 1C", default=True)
    sync_products_in = fields.Boolean(string="Nomenclature from 1C", default=True)
    sync_orders_out = fields.Boolean(string="Sale Orders to 1C", default=True)
    sync_shipments_in = fields.Boolean(string="Shipments (UPD) from 1C", default=True)
    orders_since = fields.Datetime(
        string="Send Orders Confirmed Since", default=fields.Datetime.now,
        help="Sale orders confirmed before this moment stay out of 1C (they were entered there by hand).")
    # what a customer order sent to 1C is issued by (keys of 1C catalog items)
    organization_key = fields.Char(
        string="1C Organisation Key", help="Ref_Key of the Catalog_Организации item that sells (your company).")
    warehouse_key = fields.Char(string="1C Warehouse Key", help="Ref_Key of the Catalog_Склады item orders ship from.")
    currency_key = fields.Char(string="1C Currency Key", help="Ref_Key of the Catalog_Валюты item of the orders.")
    # when both sides changed a company, the declared master of each field wins; the customer
    # status and the request number always come from the CRM
    master_name = fields.Selection(
        MASTERS, string="Master of Names", default="odoo", required=True,
        help="Whose company name wins when both sides changed it.",
    )
    master_tax = fields.Selection(
        MASTERS, string="Master of INN/KPP", default="odoo", required=True,
        help="Whose INN and KPP win when both sides changed them.",
    )
    master_contacts = fields.Selection(
        MASTERS, string="Master of Contacts", default="odoo", required=True,
        help="Whose email and phone win when both sides changed them.",
    )
    # field mapping (configurations differ)
    partner_entity = fields.Char(default="Catalog_Партнеры", required=True)
    counterparty_entity = fields.Char(default="Catalog_Контрагенты", required=True)
    order_entity = fields.Char(default="Document_ЗаказКлиента", required=True)
    invoice_entity = fields.Char(default="Document_СчетНаОплатуКлиенту", required=True)
    invoice_order_field = fields.Char(
        default="ДокументОснование", required=True, help="Invoice field holding the order it was issued for.",
    )
    payment_entity = fields.Char(default="Document_ПоступлениеБезналичныхДенежныхСредств", required=True)
    cash_entity = fields.Char(string="Cash Receipt Entity", default="Document_ПриходныйКассовыйОрдер", required=True)
    status_field = fields.Char(
        string="Customer Status Field", default="Клиент", required=True,
        help="Partner field that tells a potential customer from a customer.",
    )
    status_potential_value = fields.Char(string="Potential Customer Value (JSON)", default="false", required=True)
    status_customer_value = fields.Char(string="Customer Value (JSON)", default="true", required=True)
    comment_field = fields.Char(default="Комментарий", required=True, help="Where the request number is written.")
    inn_field = fields.Char(string="INN Field", default="ИНН", required=True)
    kpp_field = fields.Char(string="KPP Field", default="КПП", required=True)
    partner_link_field = fields.Char(default="Партнер_Key", required=True)
    counterparty_link_field = fields.Char(default="Контрагент_Key", required=True)
    amount_field = fields.Char(default="СуммаДокумента", required=True)
    payment_rows_field = fields.Char(default="РасшифровкаПлатежа", required=True)
    payment_order_field = fields.Char(
        default="Заказ", required=True,
        help="Decoding row field holding the order (with its _Type), as in УТ 11 up to release 11.4.")
    payment_settlement_field = fields.Char(
        default="ОбъектРасчетов_Key", required=True,
        help="Decoding row field holding the settlement object of the order, as in УТ 11.5 and later.")
    order_settlement_field = fields.Char(
        default="ОбъектРасчетов_Key", required=True, help="Customer order field holding its settlement object.")
    product_entity = fields.Char(string="Nomenclature Entity", default="Catalog_Номенклатура", required=True)
    product_article_field = fields.Char(
        string="Article Field", default="Артикул", required=True,
        help="Nomenclature field matched with the product's Internal Reference the first time (then the Code).")
    product_unit_field = fields.Char(string="Unit Field", default="ЕдиницаИзмерения_Key", required=True)
    unit_entity = fields.Char(default="Catalog_УпаковкиЕдиницыИзмерения", required=True)
    vat_entity = fields.Char(string="VAT Rates Entity", default="Catalog_СтавкиНДС", required=True)
    vat_rate_field = fields.Char(string="VAT Rate Field", default="Ставка", required=True)
    order_rows_field = fields.Char(string="Order Goods Field", default="Товары", required=True)
    shipment_entity = fields.Char(default="Document_РеализацияТоваровУслуг", required=True)
    shipment_order_field = fields.Char(
        default="ЗаказКлиента", required=True, help="Shipment field holding the customer order (with its _Type).")
    name_length = fields.Integer(default=100, help="Length of the Description of a 1C catalog.")
    # progress and watermarks
    order_watermark = fields.Datetime(copy=False)
    invoice_watermark = fields.Datetime(copy=False)
    cash_watermark = fields.Datetime(string="Cash Receipt Watermark", copy=False)
    payment_watermark = fields.Datetime(copy=False)
    shipment_watermark = fields.Datetime(copy=False)
    counterparty_skip = fields.Integer(copy=False, help="Where an interrupted read of counterparties resumes.")
    last_run = fields.Datetime(readonly=True, copy=False)
    last_state = fields.Selection(
        [("ok", "Succeeded"), ("partial", "Some Records Failed"), ("failed", "Failed")], readonly=True, copy=False,
    )
    last_message = fields.Text(readonly=True, copy=False)
    progress = fields.Char(readonly=True, copy=False)
    log_ids = fields.One2many("industrial.1c.sync.log", "connection_id")
    log_count = fields.Integer(compute="_compute_log_count")
    failed_count = fields.Integer(compute="_compute_log_count")

    def _compute_log_count(self):
        groups = self.env["industrial.1c.sync.log"]._read_group(
            [("connection_id", "in", self.ids)], ["connection_id", "state"], ["__count"]
        )
        for connection in self:
            connection.log_count = sum(c for conn, _s, c in groups if conn == connection)
            connection.failed_count = sum(c for conn, s, c in groups if conn == connection and s == "failed")

    @api.constrains("page_size", "timeout", "interval_minutes", "name_length")
    def _check_numbers(self):
        for connection in self:
            if min(connection.page_size, connection.timeout, connection.interval_minutes, connection.name_length) <= 0:
                raise ValidationError(_("Page size, timeout, interval and name length must be positive."))

    @api.constrains("organization_key", "warehouse_key", "currency_key")
    def _check_keys(self):
        for connection in self:
            for key in (connection.organization_key, connection.warehouse_key, connection.currency_key):
                if key and not is_guid(key):
                    raise ValidationError(_(
                        "%(key)s is not a 1C key: copy the Ref_Key (a GUID such as "
                        "8a0b1c2d-0000-4000-8000-000000000001) of the item from 1C.", key=key))

    @api.constrains("status_potential_value", "status_customer_value")
    def _check_status_values(self):
        for connection in self:
            for value in (connection.status_potential_value, connection.status_customer_value):
                try:
                    json.loads(value)
                except ValueError as exc:
                    raise ValidationError(_("%(value)s is not a JSON value (write \"text\" in quotes).", value=value)) from exc

    @api.model_create_multi
    def create(self, vals_list):
        self.env.registry.clear_cache()  # _onec_sends_partners
        return super().create(vals_list)

    def write(self, vals):
        if {"active", "sync_partners_out"} & set(vals):
            self.env.registry.clear_cache()
        return super().write(vals)

    def unlink(self):
        self.env.registry.clear_cache()
        return super().unlink()

    @api.model
    @tools.ormcache()
    def _onec_sends_partners(self):
        """Whether an active connection sends companies to 1C (asked at every lead creation)."""
        return bool(self.sudo().search_count([("sync_partners_out", "=", True)], limit=1))

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def _client(self):
        self.ensure_one()
        return OneCClient(
            self.base_url, self.user, self.sudo().password, timeout=self.timeout, retries=self.retries,
            backoff=0 if getattr(threading.current_thread(), "testing", False) else 0.5,
        )

    def _mapped_fields(self):
        self.ensure_one()
        fields_of = {
            self.partner_entity: {"Description", self.status_field, self.comment_field},
            self.counterparty_entity: {"Description", self.inn_field, self.kpp_field, self.partner_link_field},
            self.order_entity: {"Number", "Date", "Posted", self.amount_field, self.counterparty_link_field},
            self.invoice_entity: {"Number", "Date", "Posted", self.amount_field, self.invoice_order_field},
            self.cash_entity: {"Number", "Date", "Posted", self.amount_field, self.payment_rows_field},
            self.payment_entity: {"Number", "Date", "Posted", self.amount_field, self.payment_rows_field},
            self.product_entity: {"Description", "Code", self.product_article_field, self.product_unit_field},
            self.shipment_entity: {"Number", "Date", "Posted", self.amount_field, self.shipment_order_field},
            self.vat_entity: {"Description", self.vat_rate_field},
        }
        return fields_of

    def action_test_connection(self):
        """Read $metadata and tell which mapped entities and fields 1C has."""
        self.ensure_one()
        try:
            metadata = self._client().metadata()
        except OneCError as exc:
            raise UserError(self._error_text(exc)) from exc
        lines, missing = [], False
        for entity, names in self._mapped_fields().items():
            if entity not in metadata:
                lines.append(_("%(entity)s: missing", entity=entity))
                missing = True
                continue
            absent = sorted(names - metadata[entity])
            missing = missing or bool(absent)
            lines.append(
                _("%(entity)s: fields missing: %(fields)s", entity=entity, fields=", ".join(absent)) if absent
                else _("%(entity)s: all mapped fields found", entity=entity)
            )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": _("1C mapping incomplete") if missing else _("1C connection works"),
                "message": "\n".join(lines),
                "type": "warning" if missing else "success",
                "sticky": missing,
            },
        }

    def action_sync_now(self):
        for connection in self:
            connection._run_sync()
        return True

    def action_view_logs(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("industrial_1c_sync.action_industrial_1c_sync_log")
        action["domain"] = [("connection_id", "=", self.id)]
        return action

    @api.model
    def _cron_sync(self):
        now = fields.Datetime.now()
        connections = self.with_context(lang=self.env["res.users"]._industrial_admin_lang()).search(
            ["|", ("next_run", "=", False), ("next_run", "<=", now)])
        for connection in connections:
            try:
                connection._run_sync()
            except UserError as exc:
                _logger.warning("1C exchange %s skipped: %s", connection.name, exc)

    @api.model
    def _cron_send_partners(self):
        """Triggered when a lead is created: only the companies go out, the schedule stays."""
        connections = self.with_context(lang=self.env["res.users"]._industrial_admin_lang()).search(
            [("sync_partners_out", "=", True)])
        for connection in connections:
            try:
                connection._run_sync(steps=["_sync_out_partners"])
            except UserError as exc:
                _logger.info("1C exchange %s: companies not sent now: %s", connection.name, exc)

    # ------------------------------------------------------------
    # RUN
    # ------------------------------------------------------------

    def _commit(self):
        """Keep finished pages when a long run is cut (not inside tests)."""
        if not getattr(threading.current_thread(), "testing", False):
            self.env.cr.commit()

    def _run_sync(self, steps=None):
        """Run the exchange (``steps``: names of the steps to run, all by default)."""
        self.ensure_one()
        cr = self.env.cr
        cr.execute("SELECT pg_try_advisory_lock(%s, %s)", (LOCK_NAMESPACE, self.id))
        if not cr.fetchone()[0]:
            raise UserError(_("An exchange with %(name)s is already running.", name=self.name))
        try:
            return self._run_sync_locked(steps)
        finally:
            cr.execute("SELECT pg_advisory_unlock(%s, %s)", (LOCK_NAMESPACE, self.id))

    def _run_sync_locked(self, only=None):
        client = self._client()
        run = {"timings": {}, "uuid": uuid.uuid4().hex, "logs": [], "failed": 0, "done": 0, "client": client}
        steps = [
            (self.sync_partners_out, self._sync_out_partners),
            (self.sync_counterparties_in, self._sync_in_counterparties),
            (self.sync_products_in, self._sync_in_products),
            (self.sync_orders_out, self._sync_out_orders),
            (self.sync_orders_in, self._sync_in_orders),
            (self.sync_invoices_in, self._sync_in_invoices),
            (self.sync_shipments_in, self._sync_in_shipments),
            (self.sync_payments_in, self._sync_in_payments),
            (self.sync_cash_in, self._sync_in_cash),
        ]
        errors = []
        for enabled, step in steps:
            if not enabled or (only and step.__name__ not in only):
                continue
            started = time.perf_counter()
            try:
                step(run)
            except OneCError as exc:
                text = self._error_text(exc, log=False)
                if text not in errors:  # 1C down fails each step alike: one traceback in the log is enough
                    _logger.warning("1C exchange %s: %s", self.name, exc, exc_info=exc)
                errors.append(text)
                self._log(run, "", "in", "", "failed", text, kind=exc.kind)
            self._flush_logs(run)
            run["timings"][step.__name__] = time.perf_counter() - started
        state = "failed" if errors else ("partial" if run["failed"] else "ok")
        schedule = {} if only else {"next_run": fields.Datetime.now() + timedelta(minutes=self.interval_minutes)}
        self.write({
            **schedule,
            "last_run": fields.Datetime.now(),
            "last_state": state,
            "last_message": "\n".join(dict.fromkeys(errors)) or _(
                "%(done)s records exchanged, %(failed)s failed, %(requests)s requests.",
                done=run["done"], failed=run["failed"], requests=client.request_count,
            ),
            "progress": False,
        })
        return run

    def _error_text(self, exc, log=True):
        """What the administrator reads of a 1C fault: a sentence saying what to check.
        The technical detail (and the traceback of the request) goes to the server log."""
        self.ensure_one()
        if log:
            _logger.warning("1C exchange %s: %s", self.name, exc, exc_info=exc)
        url = exc.url or self.base_url
        if isinstance(exc, OneCUnreachableError):
            return _("1C does not answer at %(url)s: check the address and that the web server publishing "
                     "the 1C base is running.", url=url)
        if isinstance(exc, OneCTimeoutError):
            return _("1C did not answer at %(url)s within %(timeout)s s: check the network, or raise the "
                     "timeout if the 1C base is busy.", url=url, timeout=self.timeout)
        if isinstance(exc, OneCAuthError):
            return _("1C at %(url)s refused the user name or password: check the user %(user)s, his password "
                     "and his right to use the OData interface.", url=url, user=self.user or "")
        if isinstance(exc, OneCNotFoundError):
            return _("1C at %(url)s does not publish what the exchange reads (HTTP 404): check the address and "
                     "that the mapped entities are in the OData interface of the base (Test Connection lists "
                     "them).", url=url)
        if isinstance(exc, OneCMalformedError):
            return _("Something answered at %(url)s, but not as the OData interface of 1C does: check that the "
                     "address is the publication of the 1C base (without /odata).", url=url)
        if isinstance(exc, OneCConfigError):
            return _("%(url)s is not a web address: write the publication of the 1C base as "
                     "https://host/base.", url=url)
        if isinstance(exc, OneCRefusedError):
            return _("1C at %(url)s refused the data sent: %(reason)s. Check the field mapping of the "
                     "connection (Test Connection lists what the base publishes).",
                     url=url, reason=exc.reason or exc.status)
        if isinstance(exc, OneCConflictError):
            return _("The record was changed in 1C since the last exchange: it is read again and settled at "
                     "the next run.")
        if isinstance(exc, OneCServerError) and exc.reason:
            return _("1C at %(url)s answered with an error (HTTP %(status)s): %(reason)s",
                     url=url, status=exc.status, reason=exc.reason)
        if isinstance(exc, OneCServerError):
            return _("1C at %(url)s answered with an error (HTTP %(status)s): see the event log of the 1C "
                     "base; the exchange tries again at its next run.", url=url, status=exc.status)
        return _("The exchange with 1C at %(url)s failed (%(kind)s): see the server log; the exchange tries "
                 "again at its next run.", url=url, kind=exc.kind)

    def _log(self, run, entity, direction, ref_key, state, message=False, kind=False, partner=None, lead=None):
        run["logs"].append({
            "connection_id": self.id,
            "run_uuid": run["uuid"],
            "entity": entity or "-",
            "direction": direction,
            "ref_key": ref_key,
            "state": state,
            "message": message,
            "error_kind": kind,
            "partner_id": partner.id if partner else False,
            "lead_id": lead.id if lead else False,
        })
        if state == "failed":
            run["failed"] += 1
        else:
            run["done"] += 1

    def _flush_logs(self, run):
        if run["logs"]:
            self.env["industrial.1c.sync.log"].create(run["logs"])
            keys = [v["ref_key"] for v in run["logs"] if v["state"] != "failed" and v["ref_key"]]
            if keys:
                self.env["industrial.1c.sync.log"].search([
                    ("connection_id", "=", self.id), ("state", "=", "failed"),
                    ("resolved", "=", False), ("ref_key", "in", keys),
                ]).write({"resolved": True})
            run["logs"] = []

    def _failed_keys(self, entity):
        logs = self.env["industrial.1c.sync.log"].search([
            ("connection_id", "=", self.id), ("entity", "=", entity), ("direction", "=", "in"),
            ("state", "=", "failed"), ("resolved", "=", False), ("ref_key", "!=", False),
        ])
        return {key for key in logs.mapped("ref_key") if is_guid(key)}

    def _keyed_rows(self, run, entity, rows):
        """``(Ref_Key, row)`` of a page; a row whose key is not a GUID is logged and left out."""
        for row in rows:
            key = row.get("Ref_Key")
            if is_guid(key):
                yield key, row
            else:
                self._log(run, entity, "in", str(key)[:64] if key else False, "failed",
                          _("%(key)r is not a 1C key (GUID).", key=key), kind="malformed")

    def _pages(self, run, entity, filter=None, orderby=None, skip=0):
        client = run["client"]
        while True:
            rows = client.list(entity, filter=filter, top=self.page_size, skip=skip, orderby=orderby)
            yield skip, rows
            if len(rows) < self.page_size:
                return
            skip += len(rows)

    # ------------------------------------------------------------
    # OUT: companies of leads and deals -> Партнер + Контрагент
    # ------------------------------------------------------------

    def _partner_payload(self, partner, request_number):
        status = json.loads(
            self.status_customer_value if partner.industrial_customer_status == "customer"
            else self.status_potential_value
        )
        name = partner.name or ""
        comment = _("CRM request %(number)s", number=request_number) if request_number else ""
        partner_vals = {
            "Description": name[: self.name_length],
            "НаименованиеПолное": name,
            self.status_field: status,
            self.comment_field: comment,
        }
        contacts = []
        if partner.email:
            contacts.append({"LineNumber": str(len(contacts) + 1), "Тип": "АдресЭлектроннойПочты", "Представление": partner.email})
        if partner.phone:
            contacts.append({"LineNumber": str(len(contacts) + 1), "Тип": "Телефон", "Представление": partner.phone})
        counterparty_vals = {
            "Description": name[: self.name_length],
            "НаименованиеПолное": name,
            self.inn_field: partner.vat or "",
            self.kpp_field: partner.industrial_kpp or "",
            self.comment_field: comment,
            "КонтактнаяИнформация": contacts,
        }
        return partner_vals, counterparty_vals

    def _send(self, run, entity, key, version, values):
        """POST or PATCH one record; a DataVersion conflict is settled by the master."""
        client = run["client"]
        if not key:
            return client.create(entity, values), "created"
        try:
            return client.update(entity, key, values, version), "updated"
        except OneCConflictError:
            current = client.get(entity, key)
            kept = self._onec_mastered()[0] & set(values)
            values = {name: value for name, value in values.items() if name not in kept}
            return client.update(entity, key, values, current.get("DataVersion")), "merged" if kept else "updated"

    def _onec_mastered(self):
        """The 1C fields and the Odoo fields that 1C is master of."""
        keys, fnames = set(), set()
        if self.master_name == "onec":
            keys |= {"Description", "НаименованиеПолное"}
            fnames.add("name")
        if self.master_tax == "onec":
            keys |= {self.inn_field, self.kpp_field}
            fnames |= {"vat", "industrial_kpp"}
        if self.master_contacts == "onec":
            keys.add("КонтактнаяИнформация")
            fnames |= {"email", "phone"}
        return keys, fnames

    def _sync_out_partners(self, run):
        Partner = self.env["res.partner"]
        domain = [("industrial_lead_ids", "!=", False)]
        if self.sync_orders_out and self.organization_key:
            # the companies of confirmed orders too (an order's customer may be a contact person)
            domain = ["|", "&", ("is_company", "=", True), "|", ("sale_order_ids.state", "=", "sale"),
                      ("child_ids.sale_order_ids.state", "=", "sale")] + domain
        partners = Partner.search([("onec_dirty", "=", True)] + domain)
        requests_ = self.env["industrial.request"].search(
            [("partner_id", "child_of", partners.ids)], order="id desc",
        )
        numbers = {}
        for request in requests_:
            numbers.setdefault(request.partner_id.commercial_partner_id.id, request.name)
        for index, partner in enumerate(partners):
            if index % self.page_size == 0:
                self.progress = _("Companies to 1C: %(done)s of %(total)s", done=index, total=len(partners))
            partner_vals, counterparty_vals = self._partner_payload(partner, numbers.get(partner.id))
            try:
                with self.env.cr.savepoint():
                    partner_rec, state = self._send(
                        run, self.partner_entity, partner.onec_partner_key, partner.onec_partner_version, partner_vals,
                    )
                    counterparty_vals[self.partner_link_field] = partner_rec["Ref_Key"]
                    counterparty_rec, cstate = self._send(
                        run, self.counterparty_entity, partner.onec_counterparty_key,
                        partner.onec_counterparty_version, counterparty_vals,
                    )
                    vals = {
                        "onec_partner_key": partner_rec["Ref_Key"],
                        "onec_partner_version": partner_rec.get("DataVersion"),
                        "onec_counterparty_key": counterparty_rec["Ref_Key"],
                        "onec_counterparty_version": counterparty_rec.get("DataVersion"),
                        "onec_dirty": False,
                    }
                    merged = "merged" in (state, cstate)
                    if merged:
                        fnames = self._onec_mastered()[1]
                        email, phone = self._contacts_of(counterparty_rec)
                        from_1c = dict(self._partner_values_from_1c(counterparty_rec))
                        from_1c.update({name: value for name, value in (("email", email), ("phone", phone)) if value})
                        vals.update({name: value for name, value in from_1c.items() if name in fnames})
                    partner.write(vals)
                self._log(run, self.partner_entity, "out", partner.onec_partner_key,
                          "updated" if merged else state,
                          _("Changed on both sides: the fields 1C is master of were taken from 1C, the others sent.")
                          if merged else False,
                          partner=partner)
            except OneCNotFoundError as exc:
                partner.write({"onec_partner_key": False, "onec_counterparty_key": False,
                               "onec_partner_version": False, "onec_counterparty_version": False})
                self._log(run, self.partner_entity, "out", False, "failed",
                          _("Deleted in 1C, it will be created again next run: %(error)s", error=exc),
                          kind=exc.kind, partner=partner)
            except OneCError as exc:
                # 1C's own reason for refusing this company, or what to check when it is down
                _logger.info("1C exchange %s: company %s not sent: %s", self.name, partner.id, exc)
                self._log(run, self.partner_entity, "out", partner.onec_partner_key, "failed",
                          self._error_text(exc, log=False), kind=exc.kind, partner=partner)
            except (KeyError, TypeError) as exc:
                self._log(run, self.partner_entity, "out", partner.onec_partner_key, "failed", str(exc),
                          kind="malformed", partner=partner)
        self._commit()

    # ------------------------------------------------------------
    # IN: counterparties
    # ------------------------------------------------------------

    def _partner_values_from_1c(self, row):
        name = row.get("НаименованиеПолное") or row.get("Description") or ""
        vals = {"name": name}
        if row.get(self.inn_field):
            vals["vat"] = row[self.inn_field]
        if row.get(self.kpp_field):
            vals["industrial_kpp"] = row[self.kpp_field]
        return vals

    @staticmethod
    def _contacts_of(row):
        email = phone = False
        for line in row.get("КонтактнаяИнформация") or []:
            if line.get("Тип") == "АдресЭлектроннойПочты" and not email:
                email = line.get("Представление")
            elif line.get("Тип") == "Телефон" and not phone:
                phone = line.get("Представление")
        return email, phone

    def _sync_in_counterparties(self, run):
        entity = self.counterparty_entity
        for skip, rows in self._pages(run, entity, orderby="Ref_Key", skip=self.counterparty_skip):
            self._import_counterparties(run, rows)
            self.counterparty_skip = skip + len(rows)
            self.progress = _("Counterparties from 1C: %(done)s read", done=self.counterparty_skip)
            self._flush_logs(run)
            self._commit()
        self.counterparty_skip = 0

    def _import_counterparties(self, run, rows):
        """Match a page of counterparties to partners with a few batched
        searches; new companies are created in one batch."""
        entity = self.counterparty_entity
        Partner = self.env["res.partner"].with_context(tracking_disable=True)
        keys = [r.get("Ref_Key") for r in rows if is_guid(r.get("Ref_Key"))]
        known = {p.onec_counterparty_key: p for p in Partner.search([("onec_counterparty_key", "in", keys)])}
        inns = [r.get(self.inn_field) for r in rows if r.get(self.inn_field)]
        by_inn = {}
        for partner in Partner.search([("vat", "in", inns), ("is_company", "=", True)]) if inns else []:
            by_inn.setdefault((partner.vat, partner.industrial_kpp or ""), partner)
        pending = []
        for key, row in self._keyed_rows(run, entity, rows):
            if row.get("DeletionMark"):
                continue
            partner = known.get(key)
            if partner and partner.onec_counterparty_version == row.get("DataVersion"):
                continue
            vals = self._partner_values_from_1c(row)
            if not vals["name"].strip():
                self._log(run, entity, "in", key, "failed", _("The counterparty has no name in 1C."), kind="malformed")
                continue
            vals.update(onec_counterparty_key=key, onec_counterparty_version=row.get("DataVersion"), onec_dirty=False)
            if is_guid(row.get(self.partner_link_field)):
                vals["onec_partner_key"] = row[self.partner_link_field]
            if not partner:
                inn_key = (row.get(self.inn_field), row.get(self.kpp_field) or "")
                other = by_inn.get(inn_key) if inn_key[0] else None
                other_key = other if isinstance(other, str) else other and other.onec_counterparty_key
                if other_key and other_key != key:
                    self._log(run, entity, "in", key, "skipped", _(
                        "Duplicate INN/KPP %(inn)s/%(kpp)s: already linked to 1C record %(other)s.",
                        inn=inn_key[0], kpp=inn_key[1], other=other_key,
                    ), partner=other if not isinstance(other, str) else None)
                    continue
                partner = other
                email, phone = self._contacts_of(row)
                if not partner and (email or phone):
                    partner = self._find_by_contacts(email, phone)
                if inn_key[0]:
                    by_inn[inn_key] = partner or key
                if not partner:
                    vals.update(is_company=True, email=email, phone=phone)
                    pending.append((key, vals))
                    continue
            elif partner.onec_dirty:
                # changed on both sides: Odoo keeps what it is master of, and sends it next
                odoo_mastered = {"name", "vat", "industrial_kpp"} - self._onec_mastered()[1]
                vals = {k: v for k, v in vals.items() if k not in odoo_mastered and k != "onec_dirty"}
            try:
                with self.env.cr.savepoint():
                    partner.write(vals)
                known[key] = partner
                self._log(run, entity, "in", key, "updated", partner=partner)
            except Exception as exc:  # noqa: BLE001 - one record never stops the rest; the error is logged
                self._log(run, entity, "in", key, "failed", str(exc), kind="record")
        self._create_partners(run, pending)

    def _create_partners(self, run, pending):
        """One create() for the page; if it fails, record by record so that
        only the faulty ones are logged as failed."""
        if not pending:
            return
        Partner = self.env["res.partner"].with_context(tracking_disable=True)
        entity = self.counterparty_entity
        try:
            with self.env.cr.savepoint():
                partners = Partner.create([vals for _key, vals in pending])
        except Exception:  # noqa: BLE001 - retried one by one below, each error logged
            partners = None
        if partners is not None:
            for (key, _vals), partner in zip(pending, partners):
                self._log(run, entity, "in", key, "created", partner=partner)
            return
        for key, vals in pending:
            try:
                with self.env.cr.savepoint():
                    partner = Partner.create(vals)
                self._log(run, entity, "in", key, "created", partner=partner)
            except Exception as exc:  # noqa: BLE001 - one record never stops the rest; the error is logged
                self._log(run, entity, "in", key, "failed", str(exc), kind="record")

    def _find_by_contacts(self, email, phone):
        found = self.env["res.partner"]._industrial_find_contact(phone=phone, email=email)
        return found.commercial_partner_id if found else None

    # ------------------------------------------------------------
    # IN: orders and payments
    # ------------------------------------------------------------

    def _date_filter(self, watermark):
        if not watermark:
            return None
        since = watermark - timedelta(minutes=self.skew_minutes)
        return "Date ge datetime'%s'" % since.strftime("%Y-%m-%dT%H:%M:%S")

    def _read_documents(self, run, entity, watermark_field, import_method):
        watermark = self[watermark_field]
        newest = watermark
        failed = self._failed_keys(entity)
        if failed:
            rows = []
            for key in failed:
                try:
                    rows.append(run["client"].get(entity, key))
                except OneCNotFoundError as exc:
                    self._log(run, entity, "in", key, "skipped", _("Deleted in 1C: %(error)s", error=exc))
            import_method(run, rows)
        for _skip, rows in self._pages(run, entity, filter=self._date_filter(watermark), orderby="Date"):
            import_method(run, rows)
            for row in rows:
                date = self._parse_date(row.get("Date"))
                if date and (not newest or date > newest):
                    newest = date
            self[watermark_field] = newest
            self._flush_logs(run)
            self._commit()

    @staticmethod
    def _parse_date(value):
        try:
            return fields.Datetime.to_datetime(value.replace("T", " ")[:19]) if value else None
        except ValueError:
            return None

    def _sync_in_orders(self, run):
        self._read_documents(run, self.order_entity, "order_watermark", self._import_orders)

    def _sync_in_invoices(self, run):
        self._read_documents(run, self.invoice_entity, "invoice_watermark", self._import_invoices)

    def _sync_in_payments(self, run):
        self._read_documents(run, self.payment_entity, "payment_watermark", self._import_payments)

    def _sync_in_cash(self, run):
        self._read_documents(run, self.cash_entity, "cash_watermark", self._import_cash)

    def _import_cash(self, run, rows):
        self._import_payments(run, rows, entity=self.cash_entity)

    def _existing_documents(self, kind, rows):
        keys = [r.get("Ref_Key") for r in rows if is_guid(r.get("Ref_Key"))]
        docs = self.env["industrial.1c.document"].search([
            ("connection_id", "=", self.id), ("kind", "=", kind), ("ref_key", "in", keys),
        ])
        return {d.ref_key: d for d in docs}

    def _document_values(self, kind, row):
        amount = row.get(self.amount_field) or 0
        return {
            "connection_id": self.id,
            "kind": kind,
            "ref_key": row["Ref_Key"],
            "data_version": row.get("DataVersion"),
            "name": row.get("Number"),
            "date": self._parse_date(onec_date(row.get("Date"))),
            "amount": float(amount),
            "posted": bool(row.get("Posted")),
            "deletion_mark": bool(row.get("DeletionMark")),
        }

    def _import_invoices(self, run, rows):
        self._import_orders(run, rows, kind="invoice")

    def _import_orders(self, run, rows, kind="order"):
        """Orders, invoices and shipments land on the deal of the sale order they were sent
        from, of their request number, of the order they were issued for, or of the counterparty."""
        entity, base_field = {
            "order": (self.order_entity, None),
            "invoice": (self.invoice_entity, self.invoice_order_field),
            "shipment": (self.shipment_entity, self.shipment_order_field),
        }[kind]
        if kind == "order":
            self._note_orders_read(rows)
        existing = self._existing_documents(kind, rows)
        base_orders = {}
        if base_field:
            base_keys = [composite_ref(r, base_field, self.order_entity) for r in rows]
            base_orders = {d.ref_key: d for d in self.env["industrial.1c.document"].search([
                ("connection_id", "=", self.id), ("kind", "=", "order"),
                ("ref_key", "in", [k for k in base_keys if k])])}
        sale_orders = self._bound_orders([r.get("Ref_Key") for r in rows if is_guid(r.get("Ref_Key"))]) \
            if kind == "order" else {}
        cp_keys = [r.get(self.counterparty_link_field) for r in rows]
        partners = {p.onec_counterparty_key: p for p in self.env["res.partner"].search(
            [("onec_counterparty_key", "in", [k for k in cp_keys if is_guid(k)])])}
        requests_ = self.env["industrial.request"].search([("name", "in", [
            word.strip(",.;") for r in rows for word in str(r.get(self.comment_field) or "").split()
        ])])
        by_number = {r.name: r.lead_id for r in requests_ if r.lead_id}
        was_posted = {key for key, doc in existing.items() if doc.posted}
        open_leads, items = {}, []
        for key, row in self._keyed_rows(run, entity, rows):
            doc = existing.get(key)
            if doc and doc.data_version == row.get("DataVersion"):
                continue
            try:
                vals = self._document_values(kind, row)
            except (TypeError, ValueError) as exc:
                self._log(run, entity, "in", key, "failed", str(exc), kind="malformed")
                continue
            partner = partners.get(row.get(self.counterparty_link_field))
            base = base_orders.get(composite_ref(row, base_field, self.order_entity)) if base_field else None
            sale_order = sale_orders.get(key) or (base and base.sale_order_id)
            if base:
                vals["order_key"] = base.ref_key
                partner = partner or base.partner_id
            if kind == "order" and is_guid(row.get(self.order_settlement_field)):
                vals["settlement_key"] = row[self.order_settlement_field]
            words = [w.strip(",.;") for w in str(row.get(self.comment_field) or "").split()]
            lead = next((by_number[w] for w in words if w in by_number), None)
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
                          "message": False if lead else _("No deal found for this document.")})
        self._save_documents(run, entity, items)
        if kind == "shipment":
            docs = self._existing_documents(kind, [{"Ref_Key": item["key"]} for item in items])
            self._onec_notify_shipments(self.env["industrial.1c.document"].union(*docs.values()), was_posted)

    def _save_documents(self, run, entity, items):
        """Changed documents are written one by one, new ones created in one
        batch; a failing batch is retried record by record."""
        Document = self.env["industrial.1c.document"]
        new = [item for item in items if not item["doc"]]
        for item in items:
            if not item["doc"]:
                continue
            try:
                with self.env.cr.savepoint():
                    item["doc"].write(item["vals"])
                self._log(run, entity, "in", item["key"], "updated", item["message"],
                          partner=item["partner"], lead=item["lead"])
            except Exception as exc:  # noqa: BLE001 - one record never stops the rest; the error is logged
                self._log(run, entity, "in", item["key"], "failed", str(exc), kind="record")
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
                self._log(run, entity, "in", item["key"], "created", item["message"],
                          partner=item["partner"], lead=item["lead"])
            except Exception as exc:  # noqa: BLE001 - one record never stops the rest; the error is logged
                self._log(run, entity, "in", item["key"], "failed", str(exc), kind="record")

    def _import_payments(self, run, rows, entity=None):
        """A payment counts for the customer order its decoding rows name: as ``Заказ`` +
        ``Заказ_Type`` (УТ 11 up to 11.4) or as the order's settlement object
        (``ОбъектРасчетов_Key``, 11.5 on). Only the part of the rows for that order counts,
        so a prepayment leaves the deal partly paid."""
        entity = entity or self.payment_entity
        Document = self.env["industrial.1c.document"]
        existing = self._existing_documents("payment", rows)
        decoded = {
            r.get("Ref_Key"): payment_orders(r, self.payment_rows_field, self.payment_order_field,
                                             self.payment_settlement_field, self.order_entity)
            for r in rows
        }
        order_keys = [key for found in decoded.values() for how, key, _a in found if how == "order"]
        settlement_keys = [key for found in decoded.values() for how, key, _a in found if how == "settlement"]
        orders = Document.search([
            ("connection_id", "=", self.id), ("kind", "=", "order"),
            "|", ("ref_key", "in", order_keys), ("settlement_key", "in", settlement_keys),
        ])
        by_order = {d.ref_key: d for d in orders}
        by_settlement = {d.settlement_key: d for d in orders if d.settlement_key}
        leads, items = self.env["crm.lead"], []
        for key, row in self._keyed_rows(run, entity, rows):
            doc = existing.get(key)
            if doc and doc.data_version == row.get("DataVersion"):
                continue
            found = decoded.get(key) or []
            order = next(((by_order if how == "order" else by_settlement).get(ref)
                          for how, ref, _a in found if (by_order if how == "order" else by_settlement).get(ref)), None)
            if not order:
                names = ", ".join(ref for _how, ref, _a in found) or _("none")
                self._log(run, entity, "in", key, "failed", _(
                    "The payment refers to no known customer order (%(key)s); retried next run.", key=names,
                ), kind="record")
                continue
            try:
                vals = self._document_values("payment", row)
            except (TypeError, ValueError) as exc:
                self._log(run, entity, "in", key, "failed", str(exc), kind="malformed")
                continue
            part = sum(amount for how, ref, amount in found
                       if (by_order if how == "order" else by_settlement).get(ref) == order)
            if part > 0:
                vals["amount"] = part
            vals.update(order_key=order.ref_key, lead_id=order.lead_id.id, partner_id=order.partner_id.id,
                        sale_order_id=order.sale_order_id.id)
            items.append({"key": key, "vals": vals, "doc": doc, "partner": order.partner_id,
                          "lead": order.lead_id, "message": False})
            leads |= order.lead_id
        was_paid = leads.filtered("is_paid")
        self._save_documents(run, entity, items)
        leads._onec_apply_payments(was_paid)
