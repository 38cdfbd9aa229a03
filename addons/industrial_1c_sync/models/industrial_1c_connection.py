import json
import logging
import time
import uuid
from datetime import timedelta

from odoo import _, api, fields, models, tools
from odoo.exceptions import UserError, ValidationError

from ..exchange import ExchangeRun, Exporter, Importer
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

_logger = logging.getLogger(__name__)

LOCK_NAMESPACE = 1735  # first key of the advisory lock taken by a step; the second is the connection id

MASTERS = [("odoo", "Odoo"), ("onec", "1C")]

# the steps of an exchange, in order: (code, field that switches it on, what runs it)
STEPS = [
    ("partners_out", "sync_partners_out", lambda run: Exporter(run).partners()),
    ("counterparties_in", "sync_counterparties_in", lambda run: Importer(run).counterparties()),
    ("products_in", "sync_products_in", lambda run: Importer(run).products()),
    ("orders_out", "sync_orders_out", lambda run: Exporter(run).orders()),
    ("orders_in", "sync_orders_in", lambda run: Importer(run).orders()),
    ("invoices_in", "sync_invoices_in", lambda run: Importer(run).invoices()),
    ("shipments_in", "sync_shipments_in", lambda run: Importer(run).shipments()),
    ("payments_in", "sync_payments_in", lambda run: Importer(run).payments()),
    ("cash_in", "sync_cash_in", lambda run: Importer(run).cash()),
]


class Industrial1cConnection(models.Model):
    """The backend of the exchange with one 1C base (cf. OCA connector's backend): where it
    is, what goes which way, the field mapping, and the run, step by step, in a scheduled job."""

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
    retry_delay = fields.Float(default=0.5, help="Seconds before the first extra attempt (twice that before the next).")
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
    # the run under way: queued by Sync Now or the schedule, one step per call of the scheduled job
    run_state = fields.Selection(
        [("idle", "Idle"), ("queued", "Queued"), ("running", "Running")], string="Exchange State",
        default="idle", required=True, readonly=True, copy=False,
    )
    run_steps = fields.Char(readonly=True, copy=False, help="Steps of the run under way still to do.")
    run_total = fields.Integer(readonly=True, copy=False)
    run_uuid = fields.Char(readonly=True, copy=False)
    run_done = fields.Integer(readonly=True, copy=False)
    run_failed = fields.Integer(readonly=True, copy=False)
    run_requests = fields.Integer(readonly=True, copy=False)
    run_errors = fields.Text(readonly=True, copy=False)
    run_scheduled = fields.Boolean(readonly=True, copy=False, help="The run moves the next scheduled run.")
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

    @api.constrains("page_size", "timeout", "interval_minutes", "name_length", "retry_delay")
    def _check_numbers(self):
        for connection in self:
            if min(connection.page_size, connection.timeout, connection.interval_minutes, connection.name_length) <= 0:
                raise ValidationError(_("Page size, timeout, interval and name length must be positive."))
            if connection.retry_delay < 0:
                raise ValidationError(_("The retry delay cannot be negative."))

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
        return OneCClient(self.base_url, self.user, self.sudo().password, timeout=self.timeout,
                          retries=self.retries, backoff=self.retry_delay)

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
        """Queue a full exchange and wake the scheduled job: the click returns at once."""
        for connection in self:
            connection._start_run()
        self.env.ref("industrial_1c_sync.ir_cron_industrial_1c_sync").sudo()._trigger()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": _("1C exchange queued"),
                "message": _("The exchange runs in the background; its progress shows on the connection."),
                "type": "info",
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }

    def action_view_logs(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("industrial_1c_sync.action_industrial_1c_sync_log")
        action["domain"] = [("connection_id", "=", self.id)]
        return action

    # ------------------------------------------------------------
    # SCHEDULED JOBS
    # ------------------------------------------------------------

    @api.model
    def _cron_sync(self):
        """Queue the connections that are due, then run one step of a queued run; the
        scheduler commits and calls again while steps are left (progress on the job)."""
        Connection = self.with_context(lang=self.env["res.users"]._industrial_admin_lang())
        now = fields.Datetime.now()
        for connection in Connection.search(
                [("run_state", "=", "idle"), "|", ("next_run", "=", False), ("next_run", "<=", now)]):
            try:
                connection._start_run()
            except UserError as exc:
                _logger.warning("1C exchange %s skipped: %s", connection.name, exc)
        pending = Connection.search([("run_state", "!=", "idle")], order="id")
        stepped = Connection.browse()
        for connection in pending:
            try:
                connection._run_next_step()
            except UserError as exc:  # a step of it runs in another job right now
                _logger.info("1C exchange %s: %s", connection.name, exc)
                continue
            stepped = connection
            break
        remaining = sum(len(c._run_step_codes()) for c in pending)
        self.env["ir.cron"]._notify_progress(done=len(stepped), remaining=remaining)
        if remaining and not stepped:
            self.env.ref("industrial_1c_sync.ir_cron_industrial_1c_sync").sudo()._trigger(
                now + timedelta(minutes=1))

    @api.model
    def _cron_send_partners(self):
        """Triggered when a lead is created: only the companies go out, the schedule stays."""
        connections = self.with_context(lang=self.env["res.users"]._industrial_admin_lang()).search(
            [("sync_partners_out", "=", True), ("run_state", "=", "idle")])
        for connection in connections:
            try:
                connection._run_sync(steps=["partners_out"])
            except UserError as exc:
                _logger.info("1C exchange %s: companies not sent now: %s", connection.name, exc)

    # ------------------------------------------------------------
    # RUN
    # ------------------------------------------------------------

    def _lock(self):
        """One step at a time per connection, whichever job runs it (held until the commit)."""
        self.env.cr.execute("SELECT pg_try_advisory_xact_lock(%s, %s)", (LOCK_NAMESPACE, self.id))
        if not self.env.cr.fetchone()[0]:
            raise UserError(_("An exchange with %(name)s is already running.", name=self.name))

    def _run_step_codes(self):
        return [code for code in (self.run_steps or "").split(",") if code]

    def _start_run(self, steps=None):
        """Queue a run of the steps switched on (``steps``: only these codes; a full run also
        moves the schedule)."""
        self.ensure_one()
        self._lock()
        if self.run_state != "idle":
            raise UserError(_("An exchange with %(name)s is already running.", name=self.name))
        codes = [code for code, toggle, _method in STEPS if self[toggle] and (not steps or code in steps)]
        self.write({
            "run_state": "queued", "run_steps": ",".join(codes), "run_total": len(codes),
            "run_uuid": uuid.uuid4().hex, "run_done": 0, "run_failed": 0, "run_requests": 0,
            "run_errors": False, "run_scheduled": not steps, "progress": _("Queued"),
        })

    def _run_next_step(self):
        """Run the next step of the queued run; the last one closes the run.
        Returns ``(step code, seconds, records done, records failed)``."""
        self.ensure_one()
        self._lock()
        codes = self._run_step_codes()
        if not codes:
            self._finish_run()
            return None
        code, toggle, method = next(step for step in STEPS if step[0] == codes[0])
        self.write({"run_state": "running", "progress": _(
            "Step %(number)s of %(total)s: %(step)s", number=self.run_total - len(codes) + 1,
            total=self.run_total, step=self._fields[toggle]._description_string(self.env))})
        client = self._client()
        run = ExchangeRun(self, client, self.run_uuid)
        errors = [e for e in (self.run_errors or "").split("\n") if e]
        started = time.perf_counter()
        try:
            with self.env.cr.savepoint():
                try:
                    method(run)
                except OneCError as exc:
                    # what was read before the fault stays (watermarks, resumable pages)
                    text = self._error_text(exc, log=False)
                    if text not in errors:  # 1C down fails each step alike: one traceback in the log is enough
                        _logger.warning("1C exchange %s: %s", self.name, exc, exc_info=exc)
                    errors.append(text)
                    run.log("", "in", "", "failed", text, kind=exc.kind)
        except Exception:  # noqa: BLE001 - a fault of ours never blocks the queue: the step is undone
            _logger.exception("1C exchange %s: step %s failed", self.name, code)
            self.env.invalidate_all(flush=False)
            run.logs, run.done, run.failed = [], 0, 0
            text = _("The exchange step %(step)s failed: see the server log; it runs again at the next exchange.",
                     step=code)
            errors.append(text)
            run.log("", "in", "", "failed", text, kind="error")
        run.flush()
        seconds = time.perf_counter() - started
        self.write({
            "run_steps": ",".join(codes[1:]), "run_done": self.run_done + run.done,
            "run_failed": self.run_failed + run.failed, "run_requests": self.run_requests + client.request_count,
            "run_errors": "\n".join(dict.fromkeys(errors)) or False,
        })
        if len(codes) == 1:
            self._finish_run()
        return code, seconds, run.done, run.failed

    def _finish_run(self):
        now = fields.Datetime.now()
        state = "failed" if self.run_errors else ("partial" if self.run_failed else "ok")
        self.write({
            **({"next_run": now + timedelta(minutes=self.interval_minutes)} if self.run_scheduled else {}),
            "last_run": now,
            "last_state": state,
            "last_message": self.run_errors or _(
                "%(done)s records exchanged, %(failed)s failed, %(requests)s requests.",
                done=self.run_done, failed=self.run_failed, requests=self.run_requests,
            ),
            "progress": False,
            "run_state": "idle",
            "run_steps": False,
        })

    def _run_sync(self, steps=None):
        """Run an exchange now, all its steps in this transaction (the scheduled job runs the
        same steps one per call). Returns the figures of the run."""
        self.ensure_one()
        self._start_run(steps)
        summary = {"uuid": self.run_uuid, "timings": {}, "done": 0, "failed": 0}
        while self.run_state != "idle":
            result = self._run_next_step()
            if result:
                code, seconds, done, failed = result
                summary["timings"][code] = seconds
                summary["done"] += done
                summary["failed"] += failed
        summary["requests"] = self.run_requests
        return summary

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
