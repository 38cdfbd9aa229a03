import logging
import re
import unicodedata
from datetime import datetime, timezone

import psycopg2
import pytz
from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from ..tools import MikoError

_logger = logging.getLogger(__name__)

NUMBER_LIMIT = 64
ID_LIMIT = 128
# the stronger outcome wins when legs or events disagree (a queue: one leg missed, one answered)
DISPOSITION_RANK = {"ringing": 0, "missed": 1, "failed": 2, "busy": 3, "answered": 4}
CDR_DISPOSITIONS = {
    "ANSWERED": "answered", "ANSWER": "answered",
    "NOANSWER": "missed", "CANCEL": "missed",
    "BUSY": "busy",
    "FAILED": "failed", "CHANUNAVAIL": "failed", "CONGESTION": "failed",
}
SHORT_NUMBER = re.compile(r"^\d{2,5}$")
CALLER_NAME_BYTES = 40  # agi-bin/incomingCallAlert.php: substr($cidName, 0, 40)
# what the caller's name is made of: the exchange waits for it, the rest of the contact is not read
CALLER_NAME_FIELDS = ("name", "parent_id")
RINGING_NOTIFICATION = "industrial_miko/ringing"
# what a new event is merged with
MERGED_FIELDS = (
    "start_date", "answer_date", "last_answer_date", "end_date", "disposition", "external_number", "external_e164", "did",
    "extension", "answer_extension", "recording_url", "recording_cdr_id", "has_recording", "call_direction",
)
# Russian to Latin (passport transliteration, ICAO Doc 9303, as Russian passports print names)
CYRILLIC_LATIN = dict(zip(
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
    ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "i", "k", "l", "m", "n", "o", "p", "r", "s", "t", "u",
     "f", "kh", "ts", "ch", "sh", "shch", "ie", "y", "", "e", "iu", "ia"],
))


def cut_utf8(text, limit):
    """At most ``limit`` bytes of UTF-8, never half a character."""
    return text.encode("utf-8")[:limit].decode("utf-8", "ignore").rstrip()


def transliterate(text):
    """Latin letters for a Russian name; other letters lose their accents, the rest is dropped."""
    out = []
    for char in text:
        latin = CYRILLIC_LATIN.get(char.lower())
        if latin is None:
            latin = unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode()
        elif char.isupper():
            latin = latin.capitalize()
        out.append(latin)
    return re.sub(r" {2,}", " ", "".join(out)).strip()


def _text(value, limit):
    """Plain one-line text from a hostile value, bounded."""
    if value is None or value is False:
        return ""
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    value = re.sub(r"[\x00-\x1f\x7f]", " ", str(value)).strip()
    return value[:limit]


def parse_pbx_datetime(value, tz_name):
    """UTC naive datetime from an ISO date with or without an offset, or None."""
    value = _text(value, 40)
    if not value:
        return None
    # "+03:00" arrives as " 03:00" when the exchange does not escape the URL
    value = re.sub(r"(\d{2}:\d{2}:\d{2}(?:\.\d+)?) (\d{2}:?\d{2})$", r"\1+\2", value)
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    if parsed.tzinfo is None:
        try:
            parsed = pytz.timezone(tz_name or "UTC").localize(parsed)
        except pytz.UnknownTimeZoneError:
            return None
    if not 2000 <= parsed.year <= 2100:
        return None
    return parsed.astimezone(timezone.utc).replace(tzinfo=None, microsecond=0)


class IndustrialCall(models.Model):
    """One telephone call of the exchange, whatever the number of events or CDR legs."""

    _name = "industrial.call"
    _description = "Phone Call"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "start_date desc, id desc"
    _rec_name = "pbx_call_id"

    connection_id = fields.Many2one(
        "industrial.pbx.connection", string="Exchange", required=True, index=True, ondelete="restrict"
    )
    pbx_call_id = fields.Char(
        string="Call ID", required=True, readonly=True,
        help="linkedid of the exchange: the same for every leg and event of a call.",
    )
    call_direction = fields.Selection(
        [("incoming", "Incoming"), ("outgoing", "Outgoing"), ("internal", "Internal")],
        string="Direction", required=True, default="incoming", index=True,
    )
    external_number = fields.Char(string="Customer Number", index="btree_not_null")
    external_e164 = fields.Char(
        string="Normalized Number", index="btree_not_null",
        compute="_compute_external_e164", store=True, readonly=False, precompute=True,
        help="The customer's number in E.164 form: given by the event parser, which normalizes it once at the "
             "edge; computed only for calls written otherwise.",
    )
    did = fields.Char(string="Dialed Number (DID)")
    extension = fields.Char(help="The employee's internal number: the last one who answered (after transfers), "
                                 "else the one that rang.")
    user_id = fields.Many2one("res.users", string="Employee", index=True)
    answer_extension = fields.Char(string="Answered at", help="The internal number that answered first.")
    answer_user_id = fields.Many2one("res.users", string="Answered By", index="btree_not_null")
    partner_id = fields.Many2one("res.partner", string="Contact", index=True)
    lead_id = fields.Many2one("crm.lead", string="Lead / Deal", index=True)
    request_id = fields.Many2one("industrial.request", string="Request", index="btree_not_null")
    direction_id = fields.Many2one(
        "industrial.direction", string="Sales Direction", related="lead_id.direction_id",
        store=True, index=True,
    )
    start_date = fields.Datetime(string="Started", index=True)
    answer_date = fields.Datetime(string="Answered")
    last_answer_date = fields.Datetime(string="Last Answered", help="When the last employee took the call "
                                       "(the transferee of a transferred call).")
    end_date = fields.Datetime(string="Ended")
    duration = fields.Integer(
        string="Duration (s)", compute="_compute_duration", store=True,
        help="Talk time: from the answer to the end.",
    )
    disposition = fields.Selection(
        [
            ("ringing", "In progress"),
            ("answered", "Answered"),
            ("missed", "Missed"),
            ("busy", "Busy"),
            ("failed", "Failed"),
        ],
        required=True, default="ringing", index=True, tracking=True,
    )
    recording_url = fields.Char(groups="base.group_system", copy=False,
                                help="Link of the last CDR pull; its token lives one hour, playing asks for a new one.")
    recording_cdr_id = fields.Char(string="Recording CDR Record", copy=False, groups="base.group_system")
    has_recording = fields.Boolean(readonly=True)
    source = fields.Selection(
        [("webhook", "Live event"), ("cdr", "CDR polling")],
        readonly=True, default="webhook",
    )
    linked = fields.Boolean(
        readonly=True, index=True, copy=False,
        help="The call has been landed on a contact and a lead (live events do it just after answering).",
    )
    logged = fields.Boolean(readonly=True, help="The call is noted in the lead's chatter.")
    callback_scheduled = fields.Boolean(readonly=True)
    company_id = fields.Many2one(related="connection_id.company_id", store=True)

    _sql_constraints = [
        ("call_uniq", "unique(connection_id, pbx_call_id)", "This call is already recorded."),
    ]

    @api.depends("answer_date", "end_date")
    def _compute_duration(self):
        for call in self:
            if call.answer_date and call.end_date and call.end_date > call.answer_date:
                call.duration = int((call.end_date - call.answer_date).total_seconds())
            else:
                call.duration = 0

    @api.depends("external_number")
    def _compute_external_e164(self):
        for call in self:
            call.external_e164 = self._normalize_number(call.external_number)

    @api.depends("pbx_call_id", "external_number", "call_direction")
    def _compute_display_name(self):
        labels = dict(self._fields["call_direction"]._description_selection(self.env))
        for call in self:
            call.display_name = f"{labels.get(call.call_direction)} {call.external_number or call.pbx_call_id}"

    # ------------------------------------------------------------
    # NORMALIZATION
    # ------------------------------------------------------------

    @api.model
    def _normalize_number(self, number):
        """E.164 key of a customer's number (the suite's region), ``False`` for an
        overlong or invalid one."""
        if not number or len(number) > NUMBER_LIMIT:
            return False
        return self.env["res.partner"]._industrial_normalize_phone(number)

    @staticmethod
    def _split_parties(src, dst):
        """``(direction, external number, extension)`` of one leg: short numbers are extensions.
        A leg between two extensions (a transfer 201 -> 202) has no customer number."""
        src_short, dst_short = bool(SHORT_NUMBER.match(src or "")), bool(SHORT_NUMBER.match(dst or ""))
        if src_short and dst_short:
            return "internal", "", dst
        if src_short:
            return "outgoing", dst, src
        return "incoming", src, dst if dst_short else ""

    @api.model
    def _event_from_webhook(self, connection, params):
        """Normalized event from one ModuleHttpAlert request, or None when unusable.

        Only the placeholders each event really fills are read (bin/ListenerAMI.php,
        agi-bin/incomingCallAlert.php of mikopbx/ModuleHttpAlert); ``action`` is written
        literally in each template (the call to the company has no ``<action>``)."""
        call_id = _text(params.get("id"), ID_LIMIT)
        if not call_id:
            return None
        action = _text(params.get("action"), 40).lower()
        when = parse_pbx_datetime(params.get("date"), connection.pbx_tz) or fields.Datetime.now()
        user = _text(params.get("user"), NUMBER_LIMIT)
        if action == "incoming-call":
            direction, external, extension = "incoming", _text(params.get("number"), NUMBER_LIMIT + 1), ""
        else:
            direction, external, extension = self._split_parties(
                _text(params.get("src"), NUMBER_LIMIT + 1), _text(params.get("dst"), NUMBER_LIMIT + 1),
            )
        event = {
            "pbx_call_id": call_id,
            "call_direction": direction,
            "external_number": external,
            "external_e164": self._normalize_number(external),
            "did": _text(params.get("did"), NUMBER_LIMIT),
            "extension": user or extension,
            "source": "webhook",
        }
        if action == "answer":
            event.update(answer_date=when, last_answer_date=when, answer_extension=user or extension,
                         disposition="answered")
        elif action == "hangup":
            # no disposition is sent: without an answer so far the call is missed (an answer wins later)
            event.update(end_date=when, disposition="missed")
        elif action == "end-call":
            # ``date`` is the leg's start; ``missed`` arrives as "1" or empty
            event.update(start_date=when, disposition="missed" if params.get("missed") else "answered")
            if _text(params.get("filename"), 1024):
                event["has_recording"] = True
        else:
            event["start_date"] = when
        return event

    @api.model
    def _event_from_cdr(self, connection, record):
        """Normalized event from one MikoPBX CDR record (one leg), or None when unusable."""
        call_id = _text(record.get("linkedid") or record.get("UNIQUEID"), ID_LIMIT)
        start = parse_pbx_datetime(record.get("start"), connection.pbx_tz)
        if not call_id or not start:
            return None
        direction, external, extension = self._split_parties(
            _text(record.get("src_num"), NUMBER_LIMIT + 1), _text(record.get("dst_num"), NUMBER_LIMIT + 1),
        )
        disposition = CDR_DISPOSITIONS.get(_text(record.get("disposition"), 20).upper().replace(" ", ""))
        answer = parse_pbx_datetime(record.get("answer"), connection.pbx_tz) if disposition == "answered" else None
        event = {
            "pbx_call_id": call_id,
            "call_direction": direction,
            "external_number": external,
            "external_e164": self._normalize_number(external),
            "did": _text(record.get("did"), NUMBER_LIMIT),
            "extension": _text(extension, NUMBER_LIMIT),
            "start_date": start,
            "end_date": parse_pbx_datetime(record.get("endtime"), connection.pbx_tz),
            "disposition": disposition or "failed",
            "source": "cdr",
        }
        if answer:
            event.update(answer_date=answer, last_answer_date=answer, answer_extension=event["extension"])
        recording = _text(record.get("playback_url") or record.get("download_url"), 2048)
        if recording and record.get("recordingfile"):
            event.update(recording_url=recording, recording_cdr_id=_text(record.get("id"), 40), has_recording=True)
        return event

    # ------------------------------------------------------------
    # INGESTION
    # ------------------------------------------------------------

    @api.model
    def _ingest_cdr(self, connection, records):
        """Upsert the calls of a CDR page; returns the newest start seen (the next watermark)."""
        events = []
        for record in records:
            event = self._event_from_cdr(connection, record)
            if event is None:
                _logger.warning("MikoPBX %s: unusable CDR record skipped: %.200r", connection.name, record)
                continue
            events.append(event)
        self._upsert_events(connection, events)
        return max((e["start_date"] for e in events), default=None)

    @staticmethod
    def _merge(current, event):
        """Values of ``event`` that improve ``current``; order of arrival does not matter.

        Legs of one ``linkedid`` (a queue, a transfer 201 -> 202) make one call: a leg
        between two extensions never turns the customer's call internal; the first answer
        names who answered, the last answer who holds the call in the end."""
        values = {}
        if event.get("start_date") and (not current.get("start_date") or event["start_date"] < current["start_date"]):
            values["start_date"] = event["start_date"]
        if event.get("answer_date") and (not current.get("answer_date")
                                         or event["answer_date"] < current["answer_date"]):
            values["answer_date"] = event["answer_date"]
            if event.get("answer_extension"):
                values["answer_extension"] = event["answer_extension"]
        if event.get("last_answer_date") and (not current.get("last_answer_date")
                                              or event["last_answer_date"] > current["last_answer_date"]):
            values["last_answer_date"] = event["last_answer_date"]
            if event.get("answer_extension"):
                values["extension"] = event["answer_extension"]
        if event.get("end_date") and (not current.get("end_date") or event["end_date"] > current["end_date"]):
            values["end_date"] = event["end_date"]
        disposition = event.get("disposition")
        if disposition and DISPOSITION_RANK[disposition] > DISPOSITION_RANK[current.get("disposition") or "ringing"]:
            values["disposition"] = disposition
        for key in ("external_number", "external_e164", "did", "extension", "answer_extension", "recording_url",
                    "recording_cdr_id"):
            if event.get(key) and not current.get(key) and key not in values:
                values[key] = event[key]
        if event.get("has_recording") and not current.get("has_recording"):
            values["has_recording"] = True
        if event.get("call_direction") in ("incoming", "outgoing") and current.get("call_direction") == "internal":
            values["call_direction"] = event["call_direction"]
        return values

    @api.model
    def _upsert_events(self, connection, events):
        """Create or complete one call per call id; the same events again change nothing."""
        merged = {}
        for event in events:
            current = merged.get(event["pbx_call_id"])
            if current is None:
                merged[event["pbx_call_id"]] = dict(event)
            else:
                current.update(self._merge(current, event))
        if not merged:
            return self.browse()
        Call = self.sudo()
        existing = {
            call.pbx_call_id: call
            for call in Call.search_fetch(
                [("connection_id", "=", connection.id), ("pbx_call_id", "in", list(merged))],
                ["pbx_call_id", *MERGED_FIELDS],
            )
        }
        extensions = {e.get(key) for e in merged.values() for key in ("extension", "answer_extension")}
        users = connection._user_by_extension(extensions - {None, ""})
        calls = Call.browse()
        for call_id, event in merged.items():
            call = existing.get(call_id)
            if call:
                values = self._merge({key: call[key] for key in MERGED_FIELDS}, event)
                if values:
                    self._write_event(call, values, users)
                calls |= call
                continue
            values = dict(event, connection_id=connection.id)
            try:
                with self.env.cr.savepoint(flush=True):
                    call = Call.create(self._prepare_values(values, users))
            except psycopg2.errors.UniqueViolation:
                # a concurrent event created it first: complete it instead
                call = Call.search([("connection_id", "=", connection.id), ("pbx_call_id", "=", call_id)])
                if not call:
                    # created by another server after this transaction's snapshot (REPEATABLE READ): it
                    # cannot be seen, let alone completed, here; without this the event would be dropped
                    # and answered 200. A serialization failure makes Odoo replay the whole request (or
                    # the cron its run) on a fresh snapshot, where the call is found and merged.
                    self.env.cr.execute(SQL(
                        "DO $$ BEGIN RAISE EXCEPTION USING ERRCODE = 'serialization_failure', "
                        "MESSAGE = 'MikoPBX call created concurrently by another worker'; END $$"
                    ))
                values = self._merge({key: call[key] for key in MERGED_FIELDS}, event)
                if values:
                    self._write_event(call, values, users)
            calls |= call
        calls._after_event()
        return calls

    @api.model
    def _prepare_values(self, values, users):
        if values.get("extension") in users:
            values["user_id"] = users[values["extension"]].id
        if values.get("answer_extension") in users:
            values["answer_user_id"] = users[values["answer_extension"]].id
        if values.get("recording_url"):
            values["has_recording"] = True
        return values

    def _write_event(self, call, values, users):
        call.write(self._prepare_values(values, users))
        if call.linked and not call.partner_id and ({"external_number", "call_direction"} & set(values)):
            # a leg names the customer only now (the internal leg of a transfer came first)
            if self.env.context.get("industrial_miko_defer_link"):
                call.linked = False
                self.env.ref("industrial_miko.ir_cron_link_calls")._trigger()
            else:
                call._link_contacts()

    @api.model_create_multi
    def create(self, vals_list):
        calls = super(IndustrialCall, self.with_context(mail_create_nolog=True)).create(vals_list)
        if self.env.context.get("industrial_miko_defer_link"):
            # the exchange waits for the caller's name: land the call just after answering
            self.env.ref("industrial_miko.ir_cron_link_calls")._trigger()
        else:
            calls._link_contacts()
        return calls

    @api.model
    def _cron_link_calls(self, limit=500):
        """Land the calls that live events recorded; their notes and call backs follow.
        Each call lands in its own savepoint: one that an event on another worker
        changed meanwhile (a serialization failure) waits for the next run instead of
        undoing the whole batch, which under a busy exchange could never finish."""
        calls = self.sudo().search([("linked", "=", False)], limit=limit, order="id")
        landed = 0
        for call in calls:
            try:
                with self.env.cr.savepoint():
                    call._link_contacts()
                    call._after_event()
                landed += 1
            except psycopg2.errors.SerializationFailure:
                _logger.info("MikoPBX call %s changed by a concurrent event: landed at the next run", call.id)
        return landed

    def _link_contacts(self):
        """Land each new call on a contact and a lead. The number was normalized when
        the event came in and the contact of a ringing call was looked up then; an
        incoming call is logged as a phone request, which finds the contact (unless
        known already) and its lead through res.partner and crm.lead."""
        Request = self.env["industrial.request"].sudo()
        Partner = self.env["res.partner"].sudo()
        for call in self:
            e164 = call.external_e164
            values = {"linked": True}
            if e164 and call.call_direction == "incoming":
                request = Request.create({
                    "channel": "phone",
                    "phone": e164,
                    "phone_e164": e164,
                    "partner_id": call.partner_id.id,
                    "subject": _("Phone call to %(did)s", did=call.did) if call.did else _("Phone call"),
                })
                values.update(partner_id=request.partner_id.id, lead_id=request.lead_id.id, request_id=request.id)
            elif e164 and call.call_direction == "outgoing" and not call.partner_id:
                partner = Partner._industrial_search_contact(e164)
                if partner:
                    lead = self.env["crm.lead"]._industrial_find_open_lead(partner)
                    values.update(partner_id=partner.id, lead_id=lead.id)
            if not call.user_id and values.get("lead_id"):
                values["user_id"] = self.env["crm.lead"].sudo().browse(values["lead_id"]).user_id.id
            call.write({k: v for k, v in values.items() if v})

    def _after_event(self):
        """Note finished calls on the lead and the contact once; a missed incoming call asks for a call back once."""
        linked = self.filtered("linked")
        finished = linked.filtered(lambda c: c.end_date and not c.logged and c.lead_id)
        for call in finished:
            note = call._get_note()
            call.lead_id._message_log(body=note)
            if call.partner_id:
                call.partner_id._message_log(body=note)
        if finished:
            finished.write({"logged": True})
        missed = linked.filtered(
            lambda c: c.call_direction == "incoming" and c.disposition in ("missed", "busy", "failed")
            and not c.callback_scheduled
        )
        for call in missed:
            call._schedule_callback()
        if missed:
            missed.write({"callback_scheduled": True})

    def _get_note(self):
        self.ensure_one()
        labels = dict(self._fields["disposition"]._description_selection(self.env))
        directions = dict(self._fields["call_direction"]._description_selection(self.env))
        return Markup("<p>%s</p>") % _(
            "%(direction)s call %(number)s: %(disposition)s, %(minutes)s min %(seconds)s s.",
            direction=directions[self.call_direction],
            number=self.external_number or "",
            disposition=labels[self.disposition],
            minutes=self.duration // 60,
            seconds=self.duration % 60,
        )

    def _get_callback_user(self):
        """The lead's manager, else the direction's head, else a dispatcher: one who
        sorts requests for a living, not the administrator or the director, who hold
        the dispatcher group only through theirs."""
        self.ensure_one()
        if self.lead_id.user_id:
            return self.lead_id.user_id
        if self.lead_id.direction_id.head_id:
            return self.lead_id.direction_id.head_id
        above = self.env.ref("base.group_system") | self.env.ref("industrial_crm.group_director")
        dispatchers = self.env.ref("industrial_crm.group_dispatcher").sudo().users.filtered(
            lambda u: not u.share and u.active and not (u.groups_id & above)
        )
        return dispatchers.sorted("id")[:1]

    def _schedule_callback(self):
        self.ensure_one()
        record = self.lead_id or self
        note = Markup("<p>%s</p>") % _(
            "Missed call from %(number)s: call the customer back.",
            number=(self.external_number or "")[:NUMBER_LIMIT],
        )
        user = self._get_callback_user()
        rang = self.user_id.filtered("active")
        if rang or not user:
            # the employee whose phone rang finds it in his inbox; without anybody to call
            # back, the missed call stays visible on the record
            record.sudo().message_post(body=note, subtype_xmlid="mail.mt_note", partner_ids=rang.partner_id.ids)
        if user:
            record.sudo().activity_schedule(
                "industrial_miko.mail_act_call_back", user_id=user.id, note=note
            )

    # ------------------------------------------------------------
    # LOOKUP AND CLICK-TO-CALL
    # ------------------------------------------------------------

    @api.model
    def _caller_lookup(self, connection, e164):
        """``(contact, name for the exchange)`` of an incoming call's E.164 number: one
        indexed search reading only what the name is made of, while the exchange waits."""
        partner = self.env["res.partner"].sudo()._industrial_search_contact(e164, field_names=CALLER_NAME_FIELDS)
        return partner, self._caller_name(connection, partner)

    @api.model
    def _caller_name(self, connection, partner):
        """Name the exchange shows for an incoming call of ``partner``.

        ModuleHttpAlert sets ``substr($name, 0, 40)`` bytes as CALLERID(name): the name is
        cut here at a character boundary so that it arrives whole, and written in Latin
        letters when the exchange strips all else (setting of the connection)."""
        if not partner:
            return ""
        name = partner.name or ""
        if partner.parent_id:
            partner.parent_id.fetch(["name"])  # its name only, not the whole company
            name = f"{name} ({partner.parent_id.name})"
        name = _text(name, 300)
        if connection.caller_name_latin:
            name = transliterate(name)
        return cut_utf8(name, CALLER_NAME_BYTES)

    @api.model
    def _click_to_call(self, number):
        """Ring the current user's extension, then dial ``number`` as the exchange expects it."""
        number = _text(number, NUMBER_LIMIT + 1)
        if not number or len(number) > NUMBER_LIMIT:
            raise UserError(_("There is no phone number to call."))
        mapping = self.env["industrial.pbx.extension"].sudo().search(
            [("user_id", "=", self.env.uid), ("connection_id.active", "=", True)], limit=1
        )
        if not mapping:
            raise UserError(_("You have no extension on the exchange: ask the administrator to map one."))
        connection = mapping.connection_id
        e164 = self._normalize_number(number)
        if not e164:
            raise UserError(_("The phone number %(number)s is not valid.", number=number))
        dial = connection._dial_string(e164)
        try:
            connection._ami_client().originate(mapping.extension, dial)
        except MikoError as error:
            raise UserError(_("The exchange could not place the call. %(error)s",
                              error=connection._error_text(error))) from error
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "info",
                "title": _("Calling %(number)s", number=e164),
                "message": _("Your phone %(extension)s rings first: pick it up.", extension=mapping.extension),
                "sticky": False,
            },
        }

    def action_open_recording(self):
        self.ensure_one()
        if not self.has_recording:
            raise UserError(_("This call has no recording."))
        return {"type": "ir.actions.act_url", "url": f"/industrial_miko/call/{self.id}/recording", "target": "new"}

    def _open_recording(self):
        """A streamed response of the recording, through a playback link minted now.

        Tokens of the exchange live 3600 s (DataStructure.php), so the link stored by the
        last pull is not trusted: the call's legs are read again by ``linkedid``."""
        self.ensure_one()
        call = self.sudo()
        client = call.connection_id._rest_client()
        url = client.fresh_recording_url(call.pbx_call_id, call.recording_cdr_id)
        if not url:
            return None
        if url != call.recording_url:
            call.write({"recording_url": url})
        return client.open_recording(url)

    # ------------------------------------------------------------
    # LIVE EVENTS AND THE CALLER CARD
    # ------------------------------------------------------------

    @api.model
    def _receive_alert(self, connection, params):
        """One ModuleHttpAlert request: ``(status, text)`` to answer.

        The call to the company waits for the caller's name, so its call is landed a
        moment later (cron); the call to an employee is landed at once and rings his
        caller card in the web client."""
        action = _text(params.get("action"), 40).lower()
        event = self._event_from_webhook(connection, params)
        if event is None:
            return 400, "missing call id"
        name = ""
        if action == "incoming-call":
            # the one lookup of the caller: it names him to the exchange and lands the call
            partner, name = self._caller_lookup(connection, event["external_e164"])
            if partner:
                event["partner_id"] = partner.id
            self.with_context(industrial_miko_defer_link=True)._upsert_events(connection, [event])
            return 200, name
        calls = self._upsert_events(connection, [event])
        if action == "call" and calls.call_direction == "incoming":
            fresh = calls.filtered(lambda c: not c.linked)
            fresh._link_contacts()
            fresh._after_event()
            user = connection._user_by_extension({event["extension"]}).get(event["extension"])
            if user:
                calls._notify_ringing(user)
        return 200, name

    def _notify_ringing(self, user):
        """Tell ``user``'s open web clients that this call rings at his desk (Odoo bus)."""
        self.ensure_one()
        user.partner_id._bus_send(RINGING_NOTIFICATION, {"call_id": self.id})

    def _get_card(self):
        """What the ringing employee reads of the caller, in his language."""
        self.ensure_one()
        call = self.sudo()
        partner = call.partner_id
        lead = call.lead_id
        request = self.env["industrial.request"].sudo().search(
            [("partner_id", "child_of", partner.commercial_partner_id.id), ("id", "!=", call.request_id.id)],
            order="id desc", limit=1,
        ) if partner else self.env["industrial.request"]
        lines = []
        if partner.parent_id:
            lines.append(_("Company: %(company)s", company=partner.parent_id.name))
        if lead and lead.type == "opportunity":
            lines.append(_("Deal: %(deal)s, stage %(stage)s, manager %(manager)s", deal=lead.name,
                           stage=lead.stage_id.name or "-", manager=lead.user_id.name or "-"))
        elif lead:
            lines.append(_("Lead: %(lead)s, manager %(manager)s", lead=lead.name, manager=lead.user_id.name or "-"))
        if request:
            lines.append(_("Last request: %(request)s of %(date)s, %(subject)s", request=request.display_name,
                           date=fields.Date.to_string(request.create_date), subject=request.subject or "-"))
        is_new = bool(call.request_id.is_new_customer)
        if lead and not is_new:
            button = _("Open the deal") if lead.type == "opportunity" else _("Open the lead")
        elif lead:
            button = _("Open the new lead")
        else:
            button = False
        return {
            "call_id": self.id,
            "title": _("Incoming call: %(number)s", number=call.external_number or _("hidden number")),
            "contact": partner.display_name or _("Unknown number"),
            "lines": lines,
            "lead_id": lead.id or False,
            "button": button,
        }

