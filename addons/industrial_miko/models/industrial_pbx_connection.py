import hmac
import logging
import re
import secrets
from datetime import timedelta
from urllib.parse import quote as url_quote

import phonenumbers
import pytz

from odoo import _, api, fields, models
from odoo.addons.base.models.res_partner import _tz_get
from odoo.exceptions import UserError, ValidationError

from ..tools import (
    AmiClient,
    MikoAuthError,
    MikoError,
    MikoNoAnswerError,
    MikoProtocolError,
    MikoRecordingExpiredError,
    MikoRestClient,
    MikoUnavailableError,
)

_logger = logging.getLogger(__name__)

CDR_OVERLAP = timedelta(minutes=10)
WEBHOOK_ROUTE = "/industrial_miko/alert"  # controllers/main.py: MikoController.alert


class IndustrialPbxConnection(models.Model):
    """A MikoPBX exchange: REST and AMI access, webhook secret, extension map, CDR watermark."""

    _name = "industrial.pbx.connection"
    _description = "MikoPBX Connection"
    _inherit = ["mail.thread"]

    name = fields.Char(required=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company)
    base_url = fields.Char(string="Base URL", required=True, help="e.g. https://pbx.example.com")
    api_key = fields.Char(string="API Key", groups="base.group_system",
                          help="REST API v3 key, sent as 'Authorization: Bearer'.")
    ami_host = fields.Char(string="AMI Host")
    ami_port = fields.Integer(string="AMI Port", default=5038)
    ami_user = fields.Char(string="AMI User", groups="base.group_system")
    ami_secret = fields.Char(string="AMI Secret", groups="base.group_system")
    webhook_secret = fields.Char(
        groups="base.group_system", copy=False,
        help="Part of the URL configured in ModuleHttpAlert, or the Basic auth password.",
    )
    webhook_url = fields.Char(
        string="Webhook URL", compute="_compute_webhook_url", groups="base.group_system",
        help="Paste it into the HTTP alert module (ModuleHttpAlert) of MikoPBX: the exchange then tells Odoo of "
             "each call as it happens and shows the caller's name from the CRM.",
    )
    pbx_tz = fields.Selection(
        _tz_get, string="Exchange Time Zone", default="Europe/Moscow", required=True,
        help="CDR times of the exchange are local times of this zone.",
    )
    timeout = fields.Float(string="Timeout (s)", default=5.0)
    caller_name_latin = fields.Boolean(
        string="Caller Name in Latin Letters",
        help="Answer the caller's name transliterated (Ivanov, not Иванов): for exchanges or phones that "
             "show only Latin letters, or ModuleHttpAlert revisions that strip everything but a-z and 0-9. "
             "The name is cut to 40 bytes either way, as the exchange keeps no more.",
    )
    dial_pattern = fields.Char(
        string="Dial String", required=True, default="{e164}",
        help="How the exchange dials a customer's number: {e164} is +74951234567, {national} 4951234567, "
             "{country} 7. E.g. 8{national} when outside lines take 8 and the national number. Numbers of "
             "other countries than the default region are always dialed as {e164}.",
    )
    callback_minutes = fields.Integer(
        string="Call Back Within (min)", default=30,
        help="A missed incoming call not followed by a call to the same number within this time counts as "
             "not called back in the call statistics.",
    )
    extension_ids = fields.One2many("industrial.pbx.extension", "connection_id", string="Extensions")
    cdr_watermark = fields.Datetime(
        string="CDR Synchronized Until", copy=False,
        help="Start of the newest call fully processed by polling; the next run starts a bit earlier.",
    )
    last_sync_date = fields.Datetime(readonly=True, copy=False)
    last_sync_error = fields.Text(readonly=True, copy=False)
    cdr_sync_state = fields.Selection(
        [("queued", "Queued"), ("done", "Done"), ("failed", "Failed")],
        string="Call History Pull", readonly=True, copy=False,
        help="Pull Call History queues the pull; the scheduled job does it in the background.",
    )
    last_sync_count = fields.Integer(
        string="Records Pulled", readonly=True, copy=False,
        help="CDR records processed by the last pull.",
    )
    call_ids = fields.One2many("industrial.call", "connection_id")
    call_count = fields.Integer(compute="_compute_call_count")

    _sql_constraints = [
        ("timeout_positive", "CHECK(timeout > 0 AND timeout <= 60)",
         "The timeout must be between 0 and 60 seconds."),
        ("callback_minutes_positive", "CHECK(callback_minutes > 0)",
         "The call back time must be positive."),
    ]

    def _compute_call_count(self):
        counts = dict(self.env["industrial.call"]._read_group(
            [("connection_id", "in", self.ids)], ["connection_id"], ["__count"]
        ))
        for connection in self:
            connection.call_count = counts.get(connection, 0)

    @api.depends("webhook_secret")
    def _compute_webhook_url(self):
        """Odoo's own address (``web.base.url``) and the alert route with the secret as its last part."""
        for connection in self:
            secret = connection.webhook_secret
            connection.webhook_url = secret and "%s%s/%s" % (
                connection.get_base_url().rstrip("/"), WEBHOOK_ROUTE, url_quote(secret, safe=""),
            )

    @api.constrains("dial_pattern")
    def _check_dial_pattern(self):
        for connection in self:
            try:
                sample = connection._dial_string("+74951234567")
            except (KeyError, IndexError, ValueError):
                sample = ""
            if "{national}" not in connection.dial_pattern and "{e164}" not in connection.dial_pattern \
                    or not re.fullmatch(r"\+?[0-9*#]{3,32}", sample):
                raise ValidationError(_(
                    "The dial string %(pattern)s is not valid: use digits, + and {e164}, {national} or "
                    "{country}, e.g. 8{national} or {e164}.", pattern=connection.dial_pattern,
                ))

    def _dial_string(self, e164):
        """What the exchange dials for a number in E.164 form (dial pattern of the exchange)."""
        self.ensure_one()
        number = phonenumbers.parse(e164)
        region = self.env["res.partner"]._industrial_phone_region().upper()
        if phonenumbers.region_code_for_number(number) != region and \
                number.country_code != phonenumbers.country_code_for_region(region):
            return e164
        return self.dial_pattern.format(
            e164=e164, national=str(number.national_number), country=str(number.country_code),
        )

    @api.constrains("base_url")
    def _check_base_url(self):
        for connection in self:
            if not (connection.base_url or "").startswith(("http://", "https://")):
                raise ValidationError(_("The base URL must start with http:// or https://."))

    # ------------------------------------------------------------
    # CLIENTS
    # ------------------------------------------------------------

    def _rest_client(self):
        self.ensure_one()
        connection = self.sudo()
        return MikoRestClient(connection.base_url, connection.api_key, timeout=connection.timeout)

    def _ami_client(self):
        self.ensure_one()
        connection = self.sudo()
        if not connection.ami_host:
            raise UserError(_("The AMI host of %(pbx)s is not configured.", pbx=connection.name))
        return AmiClient(connection.ami_host, connection.ami_port, connection.ami_user,
                         connection.ami_secret, timeout=connection.timeout)

    @api.model
    def _find_by_secret(self, secret):
        """The active connection whose webhook secret is ``secret`` (constant-time compare)."""
        found = self.browse()
        if not secret or not isinstance(secret, str):
            return found
        for connection in self.sudo().search_fetch([("webhook_secret", "!=", False)], ["webhook_secret"]):
            if hmac.compare_digest(connection.webhook_secret.encode(), secret.encode()):
                found = connection
        return found

    def _error_text(self, error, log=True):
        """What a person reads of an exchange fault: a sentence saying what to check.
        The technical detail (and the traceback of the request) goes to the server log."""
        self.ensure_one()
        if log:
            _logger.warning("MikoPBX %s: %s", self.name, error, exc_info=error)
        ami = error.service == "ami"
        url = error.url or (self.sudo().ami_host if ami else self.base_url)
        if isinstance(error, MikoNoAnswerError) and error.timeout:
            return _("No answer from %(url)s within %(timeout)s s: check the address and the network (firewall, "
                     "VPN) between Odoo and the exchange.", url=url, timeout=error.timeout)
        if isinstance(error, MikoNoAnswerError):
            return _("No answer at %(url)s: check the address and the network (firewall, VPN) between Odoo and "
                     "the exchange, and that the exchange is running.", url=url)
        if isinstance(error, MikoRecordingExpiredError):
            return _("The recording link of MikoPBX at %(url)s has expired (links live one hour): play the "
                     "recording again to get a new one.", url=url)
        if isinstance(error, MikoAuthError) and ami:
            return _("The exchange at %(url)s refused the AMI user or secret: check them against the AMI users "
                     "of MikoPBX.", url=url)
        if isinstance(error, MikoAuthError):
            return _("MikoPBX at %(url)s refused the API key: check the REST API key of this connection in "
                     "MikoPBX.", url=url)
        if isinstance(error, MikoProtocolError) and error.reason and ami:
            return _("The exchange at %(url)s refused the call: %(reason)s", url=url, reason=error.reason)
        if isinstance(error, MikoProtocolError) and error.reason:
            return _("MikoPBX at %(url)s reported a failure: %(reason)s", url=url, reason=error.reason)
        if isinstance(error, MikoProtocolError) and ami:
            return _("Something answered at %(url)s, but not as the AMI of MikoPBX does: check the AMI host "
                     "and port (5038 by default).", url=url)
        if isinstance(error, MikoProtocolError):
            return _("Something answered at %(url)s, but not as MikoPBX does: check that the address is the "
                     "web interface of the exchange, whose REST API v3 answers.", url=url)
        if isinstance(error, MikoUnavailableError) and error.status:
            return _("MikoPBX at %(url)s answered with a server error (HTTP %(status)s): try again later, or "
                     "see the system log of the exchange.", url=url, status=error.status)
        return _("The connection to the exchange at %(url)s broke off: try again later.", url=url)

    def _user_by_extension(self, extensions):
        """``{extension: user}`` for the given internal numbers, in one query."""
        mapping = self.env["industrial.pbx.extension"].sudo().search_fetch(
            [("connection_id", "in", self.ids), ("extension", "in", list(extensions))],
            ["extension", "user_id"],
        )
        return {m.extension: m.user_id for m in mapping}

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_generate_webhook_secret(self):
        for connection in self:
            connection.webhook_secret = secrets.token_urlsafe(24)

    def action_test_connection(self):
        self.ensure_one()
        try:
            self._rest_client().ping()
        except MikoError as error:
            raise UserError(self._error_text(error)) from error
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "title": _("Connection works"),
                "message": _("MikoPBX %(pbx)s answered the CDR API with this key.", pbx=self.name),
                "sticky": False,
            },
        }

    def action_sync_cdr(self):
        """Queue the pull of the call history and return at once: the scheduled job
        pulls it (the exchange may hold days of records) and shows the outcome here."""
        self.write({"cdr_sync_state": "queued"})
        self.env.ref("industrial_miko.ir_cron_sync_cdr").sudo()._trigger()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "info",
                "title": _("Call history queued"),
                "message": _("The call history is pulled in the background: its outcome shows on the exchange."),
                "sticky": False,
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }

    def action_view_calls(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("industrial_miko.action_industrial_call")
        action["domain"] = [("connection_id", "=", self.id)]
        return action

    # ------------------------------------------------------------
    # POLLING
    # ------------------------------------------------------------

    @api.model
    def _cron_sync_cdr(self):
        """Pull the call history: the exchanges queued by a click, one per call (the
        scheduler commits and calls again while some remain, so each outcome shows
        as soon as it is known); on the schedule, every active exchange. Each one in
        its own savepoint: a failure never sinks the calls of the others."""
        queued = self.search([("cdr_sync_state", "=", "queued")], order="id")
        todo = queued[:1] if queued else self.search([])
        lang = self.env["res.users"]._industrial_admin_lang()
        for connection in todo.with_context(lang=lang):
            try:
                with self.env.cr.savepoint():
                    connection._sync_cdr()
            except Exception:  # noqa: BLE001 - one exchange never stops the others; the error is logged
                _logger.exception("MikoPBX %s: pulling the call history failed", connection.name)
                connection.write({
                    "cdr_sync_state": "failed",
                    "last_sync_date": fields.Datetime.now(),
                    "last_sync_error": _("Pulling the call history failed: see the server log."),
                })
        self.env["ir.cron"]._notify_progress(done=len(todo), remaining=len(queued) - len(queued[:1]))

    def _pbx_local_time(self, utc_naive):
        """``YYYY-MM-DD HH:MM:SS`` in the exchange's time zone: it compares ``dateFrom`` as text
        with its local CDR times (GetListAction.php)."""
        self.ensure_one()
        local = pytz.utc.localize(utc_naive).astimezone(pytz.timezone(self.pbx_tz or "UTC"))
        return local.strftime("%Y-%m-%d %H:%M:%S")

    def _sync_cdr(self, page_size=200):
        """Pull CDR records since the watermark minus an overlap; errors keep the watermark."""
        self.ensure_one()
        since = (self.cdr_watermark or fields.Datetime.now() - timedelta(days=1)) - CDR_OVERLAP
        Call = self.env["industrial.call"].sudo()
        client = self._rest_client()
        newest = self.cdr_watermark
        processed = 0
        try:
            batch = []
            for record in client.iter_cdr(self._pbx_local_time(since), page_size=page_size):
                batch.append(record)
                if len(batch) >= page_size:
                    newest = max(filter(None, [newest, Call._ingest_cdr(self, batch)]), default=newest)
                    processed += len(batch)
                    batch = []
            if batch:
                newest = max(filter(None, [newest, Call._ingest_cdr(self, batch)]), default=newest)
                processed += len(batch)
        except MikoError as error:
            # the pages processed so far are kept; their calls are idempotent on re-run
            self.write({
                "last_sync_error": self._error_text(error),
                "last_sync_date": fields.Datetime.now(),
                "last_sync_count": processed,
                "cdr_sync_state": "failed",
            })
            return False
        self.write({
            "cdr_watermark": newest,
            "last_sync_error": False,
            "last_sync_date": fields.Datetime.now(),
            "last_sync_count": processed,
            "cdr_sync_state": "done",
        })
        _logger.info("MikoPBX %s: %s CDR records processed", self.name, processed)
        return processed
