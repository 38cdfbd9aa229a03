import hashlib
import json
import logging
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import email_normalize, split_every
from odoo.tools.sql import SQL

from ..tools.mailchimp_client import (
    API_KEY_RE,
    MailchimpAuthError,
    MailchimpBadRequestError,
    MailchimpClient,
    MailchimpConfigError,
    MailchimpError,
    MailchimpNoAnswerError,
    MailchimpUnavailableError,
)

_logger = logging.getLogger(__name__)

CHUNK = 1000
MAX_BATCH_WAIT = 3600  # seconds a batch may stay unfinished at Mailchimp before the run gives up


def subscriber_hash(email):
    """Mailchimp's member id: md5 of the lower-cased address."""
    return hashlib.md5(email.lower().encode()).hexdigest()


class IndustrialMailchimpSync(models.Model):
    """One run of a segment's audience sync, with progress and a log."""

    _name = "industrial.mailchimp.sync"
    _description = "Mailchimp Sync"
    _inherit = ["mail.thread"]
    _order = "id desc"

    name = fields.Char(compute="_compute_name")
    segment_id = fields.Many2one(
        "industrial.marketing.segment", required=True, index=True, ondelete="cascade", readonly=True)
    list_id = fields.Char(string="Audience ID", readonly=True)
    user_id = fields.Many2one("res.users", string="Started by", default=lambda self: self.env.user, readonly=True)
    state = fields.Selection(
        [("draft", "Waiting"), ("running", "Running"), ("done", "Done"),
         ("partial", "Done with Errors"), ("failed", "Failed")],
        default="draft", required=True, readonly=True, tracking=True,
    )
    date_start = fields.Datetime(readonly=True)
    date_end = fields.Datetime(readonly=True)
    total_count = fields.Integer(string="Contacts", readonly=True)
    processed_count = fields.Integer(string="Processed", readonly=True)
    progress = fields.Float(compute="_compute_progress")
    sent_count = fields.Integer(string="Sent", readonly=True)
    unchanged_count = fields.Integer(string="Unchanged", readonly=True,
                                     help="Already in the audience as they are: not sent again.")
    skipped_count = fields.Integer(string="Skipped", readonly=True,
                                   help="Invalid, duplicate or blacklisted addresses.")
    error_count = fields.Integer(string="Rejected", readonly=True)
    pulled_count = fields.Integer(string="Unsubscribes Pulled", readonly=True)
    request_count = fields.Integer(string="HTTP Requests", readonly=True)
    batch_ids = fields.Char(string="Mailchimp Batches", readonly=True)
    pending_batch_id = fields.Char(
        string="Unrecorded Batch", readonly=True, copy=False,
        help="Batch sent whose results could not be read yet; the next run records them.")
    # where the run is: the scheduled job does one step per call and stores here where to go on
    step = fields.Selection(
        [("pull", "Pull Unsubscribes"), ("recover", "Read Earlier Batches"), ("push", "Send Members"),
         ("poll", "Wait for Batch")], string="Current Step", readonly=True, copy=False)
    last_partner_id = fields.Integer(string="Last Contact Processed", readonly=True, copy=False,
                                     help="Contacts up to this id are processed.")
    batch_date = fields.Datetime(string="Batch Started", readonly=True, copy=False,
                                 help="When the batch waited for was started.")
    pending_items = fields.Text(string="Members to Send", readonly=True, copy=False,
                                help="Members collected, not yet sent or recorded (JSON).")
    seen_emails = fields.Text(string="Addresses Met", readonly=True, copy=False,
                              help="Addresses met so far in this run: sent once.")
    log = fields.Text(readonly=True)
    line_ids = fields.One2many("industrial.mailchimp.sync.line", "sync_id", string="Addresses", readonly=True)

    @api.depends("segment_id", "create_date")
    def _compute_name(self):
        for sync in self:
            sync.name = _("%(segment)s, sync #%(id)s", segment=sync.segment_id.name, id=sync.id or "")

    @api.depends("processed_count", "total_count", "state")
    def _compute_progress(self):
        for sync in self:
            if sync.state in ("done", "partial"):
                sync.progress = 100.0
            else:
                sync.progress = 100.0 * sync.processed_count / sync.total_count if sync.total_count else 0.0

    @api.model_create_multi
    def create(self, vals_list):
        syncs = super().create(vals_list)
        for sync in syncs:
            sync.list_id = sync.segment_id.mailchimp_list_id
        return syncs

    # running

    def _param(self, key, default):
        return self.env["ir.config_parameter"].sudo().get_param(f"industrial_crm.mailchimp_{key}", default)

    def _get_client(self):
        api_key = (self._param("api_key", "") or "").strip()
        if not API_KEY_RE.match(api_key):
            raise MailchimpConfigError(_(
                "The Mailchimp API key must look like 32 hexadecimal characters, a dash and the data centre, "
                "e.g. 0123...cdef-us21; an administrator sets it in the CRM settings"))
        return MailchimpClient(
            api_key,
            base_url=self._param("base_url", "") or None,
            timeout=float(self._param("timeout", 20)),
            retries=int(self._param("retries", 3)),
            backoff=float(self._param("retry_delay", 1)),
        )

    def _append_log(self, message):
        stamp = fields.Datetime.to_string(fields.Datetime.now())
        self.log = f"{self.log or ''}{stamp} {message}\n"

    @api.model
    def _check_audience_free(self, list_id):
        """One run per audience at a time; a run whose process died (no progress for
        6 hours) no longer blocks it."""
        running = self.search([("list_id", "=", list_id), ("state", "=", "running"), ("id", "not in", self.ids)])
        stale = running.filtered(lambda sync: sync.date_start < fields.Datetime.subtract(fields.Datetime.now(), hours=6))
        for sync in stale:
            sync._append_log(_("Interrupted: no progress for 6 hours; a new run takes over."))
        stale._close("failed")
        if running - stale:
            raise UserError(_("Audience %s is being synchronised by another run; wait for it to finish.",
                              list_id))

    def _enqueue(self):
        """Queue the syncs for the scheduled job, woken at once: a click returns
        immediately while Mailchimp may take up to an hour on a big audience."""
        self.env.ref("industrial_marketing.ir_cron_mailchimp_run_queued").sudo()._trigger()

    @api.model
    def _cron_run_queued(self):
        """Do one step of the oldest run under way, or start the oldest queued one. The
        scheduler commits after each call and calls again at once while steps are left;
        a run waiting for Mailchimp re-triggers the job itself after the poll interval."""
        Sync = self.with_context(lang=self.env["res.users"]._industrial_admin_lang())
        sync = (Sync.search([("state", "=", "running")], order="id", limit=1)
                or Sync.search([("state", "=", "draft")], order="id", limit=1))
        advanced = False
        if sync:
            try:
                advanced = sync._run_step()
            except UserError as error:
                sync._append_log(str(error))
                sync._close("failed")
                advanced = True
        remaining = self.search_count([("state", "in", ("draft", "running"))])
        # nothing done (a batch still running at Mailchimp): the delayed trigger calls back
        self.env["ir.cron"]._notify_progress(done=int(advanced), remaining=remaining if advanced else 0)

    def _run_step(self):
        """One step of the run; returns whether it advanced (False: still waiting for a batch)."""
        self.ensure_one()
        if self.state == "draft":
            self._start()
        elif self.state != "running":
            raise UserError(_("This sync has already run; start a new one."))
        client = None
        advanced = True
        try:
            # a step is all or nothing: what it wrote is undone when Mailchimp fails in its middle
            with self.env.cr.savepoint():
                client = self._get_client()
                if self.step == "pull":
                    self._step_pull(client)
                elif self.step == "recover":
                    advanced = self._step_recover(client)
                elif self.step == "push":
                    self._step_push(client)
                else:
                    advanced = self._step_poll(client)
        except MailchimpError as exc:
            self._fail(exc)
        except Exception:  # noqa: BLE001 - a fault of ours never blocks the queue: the step is undone
            _logger.exception("Mailchimp sync %s of audience %s: step %s failed", self.id, self.list_id, self.step)
            self._append_log(_("The sync stopped on an unexpected error: the administrator finds the detail in "
                               "the server log. Sent members are recorded; a new run sends the rest."))
            self._close("failed")
        finally:
            if client:
                self.request_count += client.request_count
        return advanced

    def _start(self):
        if not self.list_id:
            raise UserError(_("Set the Mailchimp audience ID of segment %s first.", self.segment_id.name))
        self._check_audience_free(self.list_id)
        self.write({"state": "running", "step": "pull", "date_start": fields.Datetime.now()})
        self._append_log(_("Sync of segment %(segment)s to audience %(list)s started.",
                           segment=self.segment_id.name, list=self.list_id))

    def _fail(self, exc):
        if not isinstance(exc, MailchimpConfigError):
            # the technical detail (and the traceback of the request) for the administrator's log
            _logger.warning("Mailchimp sync %s of audience %s failed: %s", self.id, self.list_id, exc,
                            exc_info=exc)
        if isinstance(exc, MailchimpNoAnswerError):
            self._append_log(_(
                "Mailchimp does not answer at %(url)s: check that the Odoo server reaches the internet "
                "(proxy, firewall). Sent members are recorded; a new run sends the rest.", url=exc.url))
        else:
            reason = {
                MailchimpConfigError: _("Configuration error"),
                MailchimpAuthError: _("Mailchimp refused the API key"),
                MailchimpBadRequestError: _("Mailchimp rejected the request"),
            }.get(type(exc), _("Mailchimp is unavailable"))
            self._append_log(_("%(reason)s: %(detail)s. Sent members are recorded; a new run sends the rest.",
                               reason=reason, detail=exc.detail))
        self._close("failed")

    def _close(self, state):
        """End the run; the batch waited for stays for the next run to read back."""
        self.write({"state": state, "step": False, "date_end": fields.Datetime.now(),
                    "pending_items": False, "seen_emails": False})

    def _trigger_poll(self):
        delay = float(self._param("poll_interval", 5))
        self.env.ref("industrial_marketing.ir_cron_mailchimp_run_queued").sudo()._trigger(
            fields.Datetime.now() + timedelta(seconds=delay))

    def _segment_domain(self):
        return self.segment_id._get_partner_domain()

    def _step_pull(self, client):
        """First step: check the segment's size, then pull unsubscribes back."""
        total = self.env["res.partner"].search_count(self._segment_domain())
        limit = int(self._param("max_contacts", 200000))
        if total > limit:
            raise MailchimpConfigError(_(
                "The segment has %(count)s contacts, more than the limit of %(limit)s per sync; "
                "narrow its filters or raise the limit in the settings", count=total, limit=limit))
        self.total_count = total
        self._pull_unsubscribes(client)
        self.step = "recover"

    def _step_recover(self, client):
        """Poll once the oldest batch an earlier run sent but could not read back; record it
        when finished. Returns False while it is still running at Mailchimp."""
        previous = self.search_fetch([("list_id", "=", self.list_id), ("pending_batch_id", "!=", False),
                                      ("id", "!=", self.id)], ["pending_batch_id", "batch_date", "write_date"],
                                     order="id", limit=1)
        if not previous:
            self.step = "push"
            return True
        batch = client.get_batch(previous.pending_batch_id)
        if batch.get("status") != "finished":
            started = previous.batch_date or previous.write_date
            if (fields.Datetime.now() - started).total_seconds() < MAX_BATCH_WAIT:
                self._trigger_poll()
                return False
            self._append_log(_("Batch %(batch)s of an earlier run never finished at Mailchimp: its members are "
                               "sent again.", batch=previous.pending_batch_id))
            previous.pending_batch_id = False
            return True
        self._recover_batch(client, previous, batch)
        return True

    def _step_push(self, client):
        """Collect the next chunk of contacts; send what is collected when a batch is full or
        the segment is through; close the run when nothing is left."""
        chunk_size = int(self._param("chunk_size", CHUNK))
        ids = self.env["res.partner"]._search(
            self._segment_domain() + [("id", ">", self.last_partner_id)], order="id", limit=chunk_size,
        ).get_result_ids()
        pending = json.loads(self.pending_items or "[]")
        if ids:
            pending += self._collect(ids)
            self.last_partner_id = ids[-1]
        last = len(ids) < chunk_size
        if pending and (last or len(pending) >= int(self._param("batch_size", 5000))):
            if len(pending) <= int(self._param("direct_limit", 10)):
                self._send_direct(client, pending)
                pending = []
            else:
                self._start_batch(client, pending)
                return
        self.pending_items = json.dumps(pending) if pending else False
        if last and not pending:
            self._append_log(_(
                "Finished: %(sent)s sent, %(unchanged)s unchanged, %(skipped)s skipped, %(errors)s rejected, "
                "%(pulled)s unsubscribes pulled.", sent=self.sent_count, unchanged=self.unchanged_count,
                skipped=self.skipped_count, errors=self.error_count, pulled=self.pulled_count))
            self._close("partial" if self.error_count else "done")

    def _step_poll(self, client):
        """Poll the batch of this run once; when finished, record its results. Returns
        False while it is still running at Mailchimp (the job is called back later)."""
        batch = client.get_batch(self.pending_batch_id)
        if batch.get("status") != "finished":
            waited = (fields.Datetime.now() - self.batch_date).total_seconds()
            if waited >= MAX_BATCH_WAIT:
                raise MailchimpUnavailableError(_(
                    "Mailchimp has not finished batch %(batch)s in an hour; start the sync again later, "
                    "it reads the batch back", batch=self.pending_batch_id))
            self._trigger_poll()
            return False
        pending = json.loads(self.pending_items or "[]")
        results = {}
        for result in client.batch_results(batch["response_body_url"]):
            member_hash = (result.get("operation_id") or "").split(":")[0]
            if int(result.get("status_code") or 0) >= 300 and not results.get(member_hash):
                try:
                    detail = json.loads(result.get("response") or "{}").get("detail")
                except ValueError:
                    detail = None
                results[member_hash] = detail or _("Mailchimp answered %s.", result.get("status_code"))
            else:
                results.setdefault(member_hash, None)
        self._append_log(_("Batch %(batch)s finished: %(done)s operations, %(errors)s errors.",
                           batch=batch["id"], done=batch.get("finished_operations"),
                           errors=batch.get("errored_operations")))
        self._record(pending, results)
        self.write({"pending_batch_id": False, "batch_date": False, "pending_items": False, "step": "push"})
        return True

    def _pull_unsubscribes(self, client):
        """Blacklist in Odoo whoever unsubscribed or was cleaned in Mailchimp."""
        # read with the search: one query whatever the cache holds
        previous = self.search_fetch([
            ("list_id", "=", self.list_id), ("state", "in", ("done", "partial")), ("id", "!=", self.id),
        ], ["date_start"], order="date_start desc", limit=1)
        since = previous.date_start.strftime("%Y-%m-%dT%H:%M:%S+00:00") if previous else None
        Blacklist = self.env["mail.blacklist"].sudo()
        Member = self.env["industrial.mailchimp.member"].sudo()
        for status in ("unsubscribed", "cleaned"):
            emails = {
                email_normalize(m.get("email_address")) for m in client.iter_members(self.list_id, status, since)
            } - {False, None}
            for chunk in split_every(CHUNK, sorted(emails)):
                known = set(Blacklist.with_context(active_test=False).search_fetch(
                    [("email", "in", chunk)], ["email"]).mapped("email"))
                Blacklist.with_context(active_test=False).search([("email", "in", list(known)),
                                                                  ("active", "=", False)]).action_unarchive()
                Blacklist.create([{"email": email} for email in chunk if email not in known])
                members = Member.search([("list_id", "=", self.list_id),
                                         ("subscriber_hash", "in", [subscriber_hash(e) for e in chunk])])
                members.write({"status": status})
                for email in set(chunk) - set(members.mapped("email")):
                    Member.create({"list_id": self.list_id, "email": email,
                                   "subscriber_hash": subscriber_hash(email), "status": status})
                self.env["industrial.mailchimp.sync.line"].sudo().create([{
                    "sync_id": self.id, "email": email, "result": "unsubscribed",
                    "message": _("%s in Mailchimp: added to the blacklist, never re-subscribed.", status),
                } for email in chunk])
                self.pulled_count += len(chunk)
        if self.pulled_count:
            self._append_log(_("%s unsubscribed or cleaned addresses pulled into the blacklist.", self.pulled_count))

    def _member_data(self, partners):
        """Mailchimp payloads of a chunk of contacts, keyed by partner id."""
        companies = partners.commercial_partner_id
        directions = {}
        for company, direction in self.env["crm.lead"].sudo().with_context(active_test=False)._read_group(
            [("industrial_commercial_partner_id", "in", companies.ids), ("direction_id", "!=", False)],
            ["industrial_commercial_partner_id", "direction_id"],
        ):
            directions.setdefault(company.id, []).append(direction.name)
        data = {}
        for partner in partners:
            company = partner.commercial_partner_id
            if partner.is_company:
                first, last = "", ""
            else:
                first, _sep, last = (partner.name or "").strip().partition(" ")
            tags = sorted(directions.get(company.id, []))
            tags.append("Customer" if company.industrial_customer_status == "customer" else "Lead")
            data[partner.id] = {
                "merge_fields": {
                    "FNAME": first, "LNAME": last,
                    "PHONE": partner.industrial_phone_e164 or partner.industrial_mobile_e164 or "",
                    "COMPANY": company.name or "",
                },
                "tags": tags,
            }
        return data

    def _collect(self, ids):
        """Sort a chunk of contacts: skipped ones get a line, unchanged ones are counted,
        the others are returned to be sent."""
        Partner = self.env["res.partner"].with_context(active_test=False)
        Member = self.env["industrial.mailchimp.member"].sudo()
        Blacklist = self.env["mail.blacklist"].sudo()
        seen = set((self.seen_emails or "").split())
        partners = Partner.browse(ids)
        partners.fetch(["name", "email", "is_company", "commercial_partner_id",
                        "industrial_phone_e164", "industrial_mobile_e164"])
        data = self._member_data(partners)
        emails = {p.id: email_normalize(p.email or "", strict=True) for p in partners}
        valid = [e for e in emails.values() if e]
        blacklisted = set(Blacklist.search_fetch([("email", "in", valid)], ["email"]).mapped("email"))
        members = {m.subscriber_hash: m for m in Member.search_fetch(
            [("list_id", "=", self.list_id), ("subscriber_hash", "in", [subscriber_hash(e) for e in valid])],
            ["subscriber_hash", "payload_hash", "status"])}
        lines, pending = [], []
        unchanged = 0
        for partner in partners:
            email = emails[partner.id]
            line = {"sync_id": self.id, "partner_id": partner.id, "email": partner.email}
            if not email:
                lines.append(dict(line, result="invalid",
                                  message=_("Not a valid email address: not sent.")))
                continue
            if email in seen:
                lines.append(dict(line, result="duplicate",
                                  message=_("Same address as another contact of the segment: sent once.")))
                continue
            seen.add(email)
            member_hash = subscriber_hash(email)
            member = members.get(member_hash)
            if email in blacklisted or (member and member.status != "subscribed"):
                lines.append(dict(line, result="blacklisted",
                                  message=_("Unsubscribed or blacklisted: never sent.")))
                continue
            payload = data[partner.id]
            digest = hashlib.md5(json.dumps([email, payload], sort_keys=True).encode()).hexdigest()
            if member and member.payload_hash == digest:
                unchanged += 1
                continue
            pending.append({"partner_id": partner.id, "email": email, "hash": member_hash,
                            "digest": digest, "payload": payload, "member": member.id if member else False})
        self.env["industrial.mailchimp.sync.line"].sudo().create(lines)
        self.write({
            "skipped_count": self.skipped_count + len(lines),
            "unchanged_count": self.unchanged_count + unchanged,
            "processed_count": self.processed_count + len(partners),
            "seen_emails": "\n".join(sorted(seen)),
        })
        # drop what this chunk loaded so memory stays flat in segment size
        partners.invalidate_recordset()
        Member.invalidate_model()
        self.env["industrial.mailchimp.sync.line"].invalidate_model()
        return pending

    def _send_direct(self, client, pending):
        """A few members are upserted one by one and recorded at once."""
        results = {}
        for item in pending:
            body = {"email_address": item["email"], "status_if_new": "subscribed",
                    "merge_fields": item["payload"]["merge_fields"]}
            try:
                client.upsert_member(self.list_id, item["hash"], body)
                client.update_tags(self.list_id, item["hash"], self._tags(item))
                results[item["hash"]] = None
            except MailchimpBadRequestError as exc:
                results[item["hash"]] = exc.detail
        self._record(pending, results)

    def _start_batch(self, client, pending):
        """Many members go through a batch operation; the next steps poll it."""
        operations = []
        for item in pending:
            path = f"lists/{self.list_id}/members/{item['hash']}"
            operations.append({"method": "PUT", "path": path,
                               "operation_id": f"{item['hash']}:{item['digest']}:{item['partner_id']}",
                               "body": json.dumps({"email_address": item["email"], "status_if_new": "subscribed",
                                                   "merge_fields": item["payload"]["merge_fields"]})})
            operations.append({"method": "POST", "path": f"{path}/tags", "operation_id": f"{item['hash']}:tags",
                               "body": json.dumps({"tags": self._tags(item)})})
        batch = client.start_batch(operations)
        self._append_log(_("Batch %(batch)s started with %(count)s members.",
                           batch=batch["id"], count=len(pending)))
        self.write({
            "batch_ids": ", ".join(filter(None, [self.batch_ids, batch["id"]])),
            "pending_batch_id": batch["id"], "batch_date": fields.Datetime.now(), "step": "poll",
            # what recording the results needs; the payloads are sent
            "pending_items": json.dumps([{k: v for k, v in item.items() if k != "payload"} for item in pending]),
        })

    def _recover_batch(self, client, previous, batch):
        """Record the members of a batch an earlier run sent but could not read back."""
        items, failed = {}, set()
        for result in client.batch_results(batch["response_body_url"]):
            parts = (result.get("operation_id") or "").split(":")
            if int(result.get("status_code") or 0) >= 300:
                failed.add(parts[0])
            elif len(parts) == 3:
                try:
                    email = json.loads(result.get("response") or "{}").get("email_address")
                except ValueError:
                    email = None
                if email:
                    items[parts[0]] = {"hash": parts[0], "digest": parts[1], "partner_id": int(parts[2]),
                                       "email": email_normalize(email)}
        items = [item for member_hash, item in items.items() if member_hash not in failed]
        members = dict(self.env["industrial.mailchimp.member"].sudo().search_fetch(
            [("list_id", "=", self.list_id), ("subscriber_hash", "in", [i["hash"] for i in items])],
            ["subscriber_hash"]).mapped(lambda m: (m.subscriber_hash, m.id)))
        for item in items:
            item["member"] = members.get(item["hash"], False)
        self._record(items, dict.fromkeys((i["hash"] for i in items), None))
        previous.pending_batch_id = False
        self._append_log(_("Results of batch %(batch)s of an earlier run read back: %(count)s members recorded, "
                           "not sent again.", batch=batch["id"], count=len(items)))

    def _tags(self, item):
        return [{"name": tag, "status": "active"} for tag in item["payload"]["tags"]]

    def _record(self, pending, results):
        """Store the outcome of each member; only accepted payloads count as synced."""
        now = fields.Datetime.now()
        lines, new_members, updates = [], [], []
        for item in pending:
            line = {"sync_id": self.id, "partner_id": item["partner_id"], "email": item["email"]}
            if item["hash"] not in results:
                lines.append(dict(line, result="error", message=_("Missing from the batch results: not synced.")))
            elif results[item["hash"]]:
                lines.append(dict(line, result="error", message=results[item["hash"]]))
            else:
                lines.append(dict(line, result="sent", message=False))
                if item["member"]:
                    updates.append((item["member"], item["digest"], item["partner_id"]))
                else:
                    new_members.append({"list_id": self.list_id, "email": item["email"], "subscriber_hash": item["hash"],
                                        "partner_id": item["partner_id"], "payload_hash": item["digest"],
                                        "last_sync_date": now})
        self.env["industrial.mailchimp.sync.line"].sudo().create(lines)
        Member = self.env["industrial.mailchimp.member"].sudo()
        Member.create(new_members)
        if updates:
            Member.flush_model()
            values = SQL(", ").join(SQL("(%s, %s, %s)", mid, digest, pid) for mid, digest, pid in updates)
            self.env.cr.execute(SQL(
                "UPDATE industrial_mailchimp_member m SET payload_hash = v.digest, partner_id = v.pid, "
                "last_sync_date = %s FROM (VALUES %s) AS v(id, digest, pid) WHERE m.id = v.id",
                now, values))
            Member.invalidate_model(["payload_hash", "partner_id", "last_sync_date"])
        errors = sum(1 for line in lines if line["result"] == "error")
        self.sent_count += len(lines) - errors
        self.error_count += errors

