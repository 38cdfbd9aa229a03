import hashlib
import logging
import re

import psycopg2
from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import email_normalize, html2plaintext, parse_contact_from_email
from odoo.tools.sql import create_index

_logger = logging.getLogger(__name__)

NAME_LIMIT = 256
SUBJECT_LIMIT = 1000
CONTENT_LIMIT = 100000
DIGEST_KEY_PREFIX = "sha256:"
GENERATED_MESSAGE_ID = re.compile(r"^<\d+(\.\d+)?@localhost>$")
TAG = re.compile(r"<[^>]*>")

# labels of the website form templates, lower-cased, Russian and English
FORM_LABELS = {
    "contact_name": ("имя", "фио", "контактное лицо", "ваше имя", "name", "your name", "full name"),
    "phone": ("телефон", "тел", "номер телефона", "phone", "telephone", "phone number"),
    "email": ("email", "e-mail", "эл. почта", "электронная почта", "почта", "mail"),
    "company_name": ("компания", "организация", "название компании", "company", "organization"),
    "product_interest": (
        "оборудование", "товар", "продукт", "интересует", "интерес", "product", "equipment",
        "product interest",
    ),
    "content": ("сообщение", "комментарий", "вопрос", "текст", "message", "comment", "question"),
}
FORM_LINE = re.compile(r"^\s*([^:\n]{1,40}?)\s*:\s*(.*)$")


def _plain(value, limit):
    """Text without markup, whitespace folded, cut to ``limit`` characters."""
    if not value:
        return False
    text = TAG.sub("", str(value))
    text = " ".join(text.split())
    return text[:limit] or False


class IndustrialRequest(models.Model):
    """One incoming contact of a customer (call, email, web form, manual entry).

    Registering a request lands it on a contact and a lead (creating both for an
    unknown customer) and acknowledges it with its number.
    """

    _name = "industrial.request"
    _description = "Customer Request"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "received_date desc, id desc"
    _primary_email = "email_from"
    # an intake record, not a conversation (that goes on in the lead): a message
    # posted without parent starts its own thread, no search for the first one
    _mail_flat_thread = False

    name = fields.Char(
        string="Number", required=True, readonly=True, copy=False, default="/", index=True
    )
    channel = fields.Selection(
        [
            ("phone", "Phone call"),
            ("email", "Email"),
            ("web_form", "Website form"),
            ("manual", "Manual entry"),
        ],
        required=True,
        default="manual",
        tracking=True,
    )
    received_date = fields.Datetime(
        string="Received", required=True, default=fields.Datetime.now, index=True
    )
    subject = fields.Char()
    content = fields.Text(string="Content", help="The request as the customer sent it.")
    contact_name = fields.Char()
    phone = fields.Char()
    phone_e164 = fields.Char(
        string="Normalized Phone", compute="_compute_phone_e164", store=True, precompute=True, readonly=False,
        index="btree_not_null",
        help="Given by the intake that normalized the number at the edge, computed otherwise.",
    )
    email = fields.Char()
    email_from = fields.Char(
        string="Sender", readonly=True, index="trigram",
        help="Sender of the email the request came in (a website's address for forms); "
        "mail loop detection counts requests per sender.",
    )
    email_normalized = fields.Char(
        compute="_compute_email_normalized", store=True, index="btree_not_null"
    )
    company_name = fields.Char(string="Company Name")
    suggested_company_id = fields.Many2one(
        "res.partner", string="Suggested Company", readonly=True, copy=False,
        help="A known company the sender may belong to, by the company name he gave or "
        "his email domain. It is only a suggestion: the sender is attached to a company "
        "only when his own phone or email matches one of its contacts.",
    )
    product_interest = fields.Char(string="Equipment of Interest")
    partner_id = fields.Many2one("res.partner", string="Contact", index=True, tracking=True)
    lead_id = fields.Many2one("crm.lead", string="Lead / Deal", index=True, tracking=True)
    lead_type = fields.Selection(related="lead_id.type", string="Lead Type")
    direction_id = fields.Many2one(
        "industrial.direction", string="Direction", index=True, tracking=True
    )
    user_id = fields.Many2one(
        "res.users",
        string="Manager",
        related="lead_id.user_id",
        readonly=False,
        store=True,
        index=True,
    )
    dispatcher_id = fields.Many2one(
        "res.users", string="Sorted By", readonly=True, copy=False,
        help="Dispatcher who chose the direction.",
    )
    state = fields.Selection(
        [
            ("new", "Unsorted"),
            ("routed", "Awaiting manager"),
            ("assigned", "Assigned"),
        ],
        compute="_compute_state",
        store=True,
        index=True,
        tracking=True,
    )
    is_new_customer = fields.Boolean(
        readonly=True, help="The request came from a contact unknown until then."
    )
    message_key = fields.Char(
        readonly=True, copy=False,
        help="Message-Id of the email, or a digest of it when it has none: "
        "the same email never makes two requests.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    ack_state = fields.Selection(
        [("pending", "To Send"), ("sent", "Sent"), ("failed", "Failed")],
        string="Acknowledgement", readonly=True, copy=False, index=True,
        help="The acknowledgement with the request number is sent by a job that runs "
        "every minute, in batches.",
    )

    _sql_constraints = [
        (
            "message_key_uniq",
            "unique(message_key)",
            "This email has already been registered as a request.",
        ),
    ]

    def _auto_init(self):
        res = super()._auto_init()
        # the request lists filter by status (unsorted, awaiting manager) and show the newest
        # first: with a million requests one index serves the filter, the order and the page
        create_index(self.env.cr, "industrial_request_state_received_date_index", self._table,
                     ["state", "received_date DESC", "id DESC"])
        return res

    @api.depends("phone")
    def _compute_phone_e164(self):
        Partner = self.env["res.partner"]
        for request in self:
            request.phone_e164 = Partner._industrial_normalize_phone(request.phone)

    @api.depends("email")
    def _compute_email_normalized(self):
        for request in self:
            request.email_normalized = email_normalize(request.email) if request.email else False

    @api.depends("direction_id", "user_id")
    def _compute_state(self):
        for request in self:
            if request.user_id:
                request.state = "assigned"
            elif request.direction_id:
                request.state = "routed"
            else:
                request.state = "new"

    @api.constrains("phone", "email")
    def _check_contact_data(self):
        for request in self:
            if request.phone and not request.phone_e164:
                raise ValidationError(
                    _("The phone number %(phone)s is not valid.", phone=request.phone[:64])
                )
            if request.email and not request.email_normalized:
                raise ValidationError(
                    _("The email address %(email)s is not valid.", email=request.email[:254])
                )

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        sms = self._industrial_sms_acknowledgement()
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = self._industrial_next_number()
            if vals.get("email") or (sms and vals.get("phone")):
                vals.setdefault("ack_state", "pending")
        # the acknowledgement (or the incoming email) opens the chatter: no "created" log
        requests = super(IndustrialRequest, self.with_context(mail_create_nolog=True)).create(vals_list)
        for request in requests:
            request._land()
        return requests

    def write(self, vals):
        previous = {request: request.direction_id for request in self} if "direction_id" in vals else {}
        res = super().write(vals)
        if "direction_id" in vals:
            routed = self.filtered(lambda r: r.direction_id and r.direction_id != previous[r])
            if routed:
                routed.sudo().dispatcher_id = self.env.user
                routed._on_routed()
        return res

    # ------------------------------------------------------------
    # PUBLIC API (other modules, XML-RPC integrators)
    # ------------------------------------------------------------

    @api.model
    def register_request(
        self, channel, phone=None, email=None, name=None, text=None,
        direction_code=None, subject=None, company=None, product=None,
    ):
        """Register an incoming contact and land it on a contact and a lead.

        Returns ``{'number', 'request_id', 'lead_id', 'partner_id',
        'is_new_customer'}``. Bad input raises a ``UserError`` and writes nothing.
        """
        self.check_access("create")
        values = self._prepare_register_values(
            channel, phone=phone, email=email, name=name, text=text,
            direction_code=direction_code, subject=subject, company=company, product=product,
        )
        # whoever may take requests registers them for any direction: the record rules
        # of his role decide what he sees afterwards, not whether the call may be taken
        request = self.sudo().create(values)
        return {
            "number": request.name,
            "request_id": request.id,
            "lead_id": request.lead_id.id,
            "partner_id": request.partner_id.id,
            "is_new_customer": request.is_new_customer,
        }

    @api.model
    def _prepare_register_values(
        self, channel, phone=None, email=None, name=None, text=None,
        direction_code=None, subject=None, company=None, product=None,
    ):
        channels = dict(self._fields["channel"].selection)
        if channel not in channels:
            raise UserError(
                _(
                    "Unknown channel %(channel)s: use one of %(channels)s.",
                    channel=str(channel)[:40],
                    channels=", ".join(channels),
                )
            )
        for label, value in (
            (_("Phone"), phone), (_("Email"), email), (_("Name"), name), (_("Text"), text),
            (_("Direction code"), direction_code), (_("Subject"), subject),
            (_("Company"), company), (_("Equipment"), product),
        ):
            if value not in (None, False) and not isinstance(value, str):
                raise UserError(_("%(field)s must be text.", field=label))
        phone = (phone or "").strip()
        email = (email or "").strip()
        if not phone and not email:
            raise UserError(_("A request needs a phone number or an email address."))
        phone_e164 = self.env["res.partner"]._industrial_normalize_phone(phone) if phone else False
        if phone and not phone_e164:
            raise UserError(
                _(
                    "The phone number %(phone)s is not valid: give it with its area code, "
                    "e.g. +7 495 123-45-67.",
                    phone=phone[:64],
                )
            )
        if email and not email_normalize(email):
            raise UserError(_("The email address %(email)s is not valid.", email=email[:254]))
        if name and len(name) > NAME_LIMIT:
            raise UserError(
                _("The name is longer than %(limit)s characters.", limit=NAME_LIMIT)
            )
        if text and len(text) > CONTENT_LIMIT:
            raise UserError(
                _("The text is longer than %(limit)s characters.", limit=CONTENT_LIMIT)
            )
        direction = self.env["industrial.direction"]
        if direction_code:
            direction = direction.search([("code", "=", direction_code.strip())], limit=1)
            if not direction:
                raise UserError(
                    _("Unknown sales direction code %(code)s.", code=direction_code[:40])
                )
        return {
            "channel": channel,
            "phone": phone or False,
            # normalized here at the edge: the stored key is not computed again
            "phone_e164": phone_e164,
            "email": email or False,
            "contact_name": _plain(name, NAME_LIMIT),
            "content": text or False,
            "subject": _plain(subject, SUBJECT_LIMIT),
            "company_name": _plain(company, NAME_LIMIT),
            "product_interest": _plain(product, NAME_LIMIT),
            "direction_id": direction.id,
        }

    # ------------------------------------------------------------
    # MAIL GATEWAY
    # ------------------------------------------------------------

    @api.model
    def message_new(self, msg_dict, custom_values=None):
        values = dict(custom_values or {})
        values.update(self._parse_incoming_email(msg_dict))
        key = self._email_dedupe_key(msg_dict)
        registered = self.env.cr.cache.setdefault("industrial_request_keys", {})
        if key in registered:
            # the same email sent to several of our aliases: one request
            existing = self.browse(registered[key]).exists()
        elif key.startswith(DIGEST_KEY_PREFIX):
            # a real Message-Id was looked for by the gateway already; a digest was not
            existing = self.search([("message_key", "=", key)], limit=1)
        else:
            existing = self.browse()
        if existing:
            _logger.info("Email %s already registered as request %s", key[:80], existing.name)
            return existing
        values["message_key"] = key
        values["name"] = self._industrial_next_number()
        sender = email_normalize(msg_dict.get("email_from") or "")
        if msg_dict.get("author_id") and not values.get("phone") \
                and email_normalize(values.get("email") or "") == sender:
            # the gateway has already looked the sender up by this very email
            values["partner_id"] = msg_dict["author_id"]
        try:
            request = super(
                IndustrialRequest, self.with_context(industrial_message_new=True)
            ).message_new(msg_dict, custom_values=values).with_env(self.env)
        except psycopg2.errors.UniqueViolation:
            # another worker registered the same email at the same moment (the unique
            # key decides, not the search above): it wins, and this delivery is dropped
            # without bouncing to the customer (the bounce runs on its own cursor)
            msg_dict["industrial_duplicate"] = True
            _logger.info("Email %s registered concurrently by another worker", key[:80])
            raise
        registered[key] = request.id
        if not msg_dict.get("author_id") and request.partner_id.email_normalized == sender:
            # the incoming email is posted on the request as written by its contact
            msg_dict["author_id"] = request.partner_id.id
        return request

    @api.model
    def fields_get(self, allfields=None, attributes=None):
        """Odoo's ``message_new`` describes every field only to learn whether the
        model has a name, and a request from the gateway has its number already:
        there, the field types are enough."""
        if attributes is None and self.env.context.get("industrial_message_new"):
            attributes = ["type"]
        return super().fields_get(allfields=allfields, attributes=attributes)

    @api.model
    def _routing_check_route(self, message, message_dict, route, raise_exception=True):
        """A new request looks its contact up itself, by indexed phone and email:
        the gateway's author search is skipped for aliases open to everyone."""
        model, thread_id, alias = route[0], route[1], route[4]
        if model == self._name and not thread_id and alias and alias.alias_contact == "everyone":
            return tuple(route)
        return super()._routing_check_route(message, message_dict, route, raise_exception=raise_exception)

    def _detect_loop_sender_domain(self, email_from_normalized):
        """A mail loop is a sender writing plain emails: the website sends every
        form from one address, and each form is a customer's request. The sender
        of a plain email is its contact: matched whole, by index, where Odoo's
        substring match on the From header would also count ``anna.ivan@`` for
        ``ivan@``."""
        if not email_from_normalized:
            return []
        return [("email_normalized", "=", email_from_normalized), ("channel", "=", "email")]

    def mail_allowed_qweb_expressions(self):
        """The acknowledgement names our company: with only such plain fields its
        template renders without the QWeb engine, a batch at a time."""
        return super().mail_allowed_qweb_expressions() + ("object.company_id.name",)

    def message_post(self, **kwargs):
        """The customer does not follow the intake record: the conversation goes on
        in the lead, whose composer proposes him as recipient."""
        if self.env.context.get("from_alias"):
            self = self.with_context(mail_create_nosubscribe=True)
        return super().message_post(**kwargs)

    @api.model
    def _industrial_next_number(self):
        """The next request number, from the sequence by XML id: no search by code per intake."""
        sequence_id = self.env["ir.model.data"]._xmlid_to_res_id(
            "industrial_crm.seq_industrial_request", raise_if_not_found=False
        )
        if sequence_id:
            return self.env["ir.sequence"].sudo().browse(sequence_id)._next()
        return self.env["ir.sequence"].sudo().next_by_code("industrial.request") or "/"

    @api.model
    def _email_dedupe_key(self, msg_dict):
        message_id = (msg_dict.get("message_id") or "").strip()
        if message_id and not GENERATED_MESSAGE_ID.match(message_id):
            return message_id[:500]
        digest = hashlib.sha256()
        for part in ("email_from", "date", "subject", "body"):
            digest.update(str(msg_dict.get(part) or "").encode("utf-8", "replace"))
            digest.update(b"\x00")
        return DIGEST_KEY_PREFIX + digest.hexdigest()

    @api.model
    def _parse_incoming_email(self, msg_dict):
        """Request values from an email: website form fields when the body
        follows a form template, the plain message otherwise. Never raises:
        what cannot be read stays in the raw content."""
        body = html2plaintext(msg_dict.get("body") or "")
        author_name, author_email = parse_contact_from_email(msg_dict.get("email_from") or "")
        form = self._parse_form_fields(body)
        values = {
            "channel": "web_form" if form else "email",
            "subject": _plain(msg_dict.get("subject"), SUBJECT_LIMIT),
            "content": body[:CONTENT_LIMIT] or False,
            "received_date": msg_dict.get("date") or fields.Datetime.now(),
        }
        email = form.get("email") or author_email
        values["email"] = email if email and email_normalize(email) else False
        phone = form.get("phone")
        phone_e164 = self.env["res.partner"]._industrial_normalize_phone(phone) if phone else False
        values["phone"] = phone if phone_e164 else False
        values["phone_e164"] = phone_e164
        values["contact_name"] = _plain(form.get("contact_name") or author_name, NAME_LIMIT)
        values["company_name"] = _plain(form.get("company_name"), NAME_LIMIT)
        values["product_interest"] = _plain(form.get("product_interest"), NAME_LIMIT)
        if form.get("content"):
            values["content"] = form["content"][:CONTENT_LIMIT]
        return values

    @api.model
    def _parse_form_fields(self, text):
        """``{field: value}`` when at least two known labels are present."""
        labels = {
            label: field for field, names in FORM_LABELS.items() for label in names
        }
        found, current = {}, None
        for line in (text or "").splitlines():
            match = FORM_LINE.match(line)
            field = match and labels.get(match.group(1).strip().lower().rstrip("*"))
            if field:
                current = field
                found[field] = match.group(2).strip()
            elif current == "content" and line.strip():
                found["content"] = (found["content"] + "\n" + line.strip()).strip()
        found = {field: value for field, value in found.items() if value}
        return found if len(found) >= 2 else {}

    # ------------------------------------------------------------
    # BUSINESS METHODS
    # ------------------------------------------------------------

    def _land(self):
        """Attach the request to its contact and lead: res.partner finds or creates
        the contact, crm.lead the lead; the request only logs where it landed."""
        self.ensure_one()
        values = {}
        partner = self.partner_id
        if not partner:
            partner, created, suggested = self.env["res.partner"].sudo()._industrial_find_or_create_contact(
                phone=self.phone, email=self.email_normalized, name=self.contact_name,
                company_name=self.company_name, phone_e164=self.phone_e164,
            )
            if created:
                values.update(is_new_customer=True, suggested_company_id=suggested.id)
        values["partner_id"] = partner.id
        lead, created_lead = self.lead_id, False
        if not lead:
            lead, created_lead = self.env["crm.lead"].sudo()._industrial_find_or_create_lead(
                partner, self._prepare_lead_intake(), search=not values.get("is_new_customer"),
            )
        values["lead_id"] = lead.id
        if not self.direction_id and lead.direction_id:
            values["direction_id"] = lead.direction_id.id
        # landing is part of the creation: nothing to track
        super(IndustrialRequest, self.with_context(tracking_disable=True)).write(values)
        if self.direction_id and not lead.direction_id:
            lead.write(lead._industrial_prepare_routing_values(self.direction_id))
        if not created_lead:
            # a lead created just now holds the request in its description already
            lead._message_log(
                body=_(
                    "New request %(number)s from the customer: %(subject)s",
                    number=self.name,
                    subject=self.subject or self._get_channel_label(),
                ),
            )
        if self.direction_id and not lead.user_id:
            self._notify_head()

    def _get_channel_label(self):
        return dict(self._fields["channel"]._description_selection(self.env)).get(self.channel)

    def _prepare_lead_intake(self):
        """What the request tells of the customer, for the lead made of it."""
        return {
            "subject": self.subject or self.product_interest or self._get_channel_label(),
            "contact_name": self.contact_name,
            "company_name": self.company_name,
            "email": self.email_normalized,
            "phone": self.phone,
            "content": self.content or self.subject,
            "product_interest": self.product_interest,
            "direction": self.direction_id,
        }

    @api.model
    def _industrial_sms_acknowledgement(self):
        return bool(self.env["ir.config_parameter"].sudo().get_param("industrial_crm.sms_acknowledgement"))

    def _acknowledge(self):
        """Tell each customer that his request is accepted, with its number."""
        template = self.env.ref("industrial_crm.mail_template_request_ack", raise_if_not_found=False)
        sms_template = self._industrial_sms_acknowledgement() and self.env.ref(
            "industrial_crm.sms_template_request_ack", raise_if_not_found=False
        )
        to_mail = self.filtered("email_normalized")
        if template and to_mail:
            # queued straight from the template: the chatter shows the outgoing email,
            # without the composer and follower notification a message_post costs
            template.sudo().send_mail_batch(to_mail.ids)
            # the mail queue runs hourly by itself: the customer is waiting now
            scheduler = self.env.ref("mail.ir_cron_mail_scheduler_action", raise_if_not_found=False)
            if scheduler:
                scheduler.sudo()._trigger()
        refused = self.browse()
        for request in self.sudo():
            if sms_template and request.phone_e164:
                message = request._message_sms_with_template(
                    template=sms_template, partner_ids=request.partner_id.ids
                )
                if message.notification_ids.filtered(
                    lambda n: n.notification_status in ("exception", "bounce")
                ):
                    refused |= request
        (self - refused).sudo().ack_state = "sent"
        refused._industrial_ack_failed(_("the SMS was refused: check the phone number."))

    def _industrial_ack_failed(self, reason):
        """The customer was not told: the request shows it, with the reason (once)."""
        for request in self.sudo().filtered(lambda r: r.ack_state != "failed"):
            request.ack_state = "failed"
            request._message_log(body=_(
                "The acknowledgement could not be sent: %(error)s", error=reason
            ))

    @api.model
    def _cron_send_acknowledgements(self, batch_size=500):
        """Acknowledge the pending requests, a batch at a time; a batch that fails
        is retried request by request, and a request that still fails is marked."""
        pending = self.sudo().search([("ack_state", "=", "pending")], order="id", limit=batch_size)
        try:
            with self.env.cr.savepoint():
                pending._acknowledge()
        except Exception:
            _logger.exception("Acknowledging %s requests failed, retrying one by one", len(pending))
            for request in pending:
                try:
                    with self.env.cr.savepoint():
                        request._acknowledge()
                except Exception as error:
                    _logger.warning("Acknowledgement of request %s failed: %s", request.name, error)
                    request._industrial_ack_failed(str(error)[:500])
        remaining = self.sudo().search_count([("ack_state", "=", "pending")])
        self.env["ir.cron"]._notify_progress(done=len(pending), remaining=remaining)
        return remaining

    def _on_routed(self):
        """The dispatcher chose a direction: move the lead there and tell its head."""
        for request in self.sudo():
            lead = request.lead_id
            if lead and lead.direction_id != request.direction_id and not lead.user_id:
                lead.write(lead._industrial_prepare_routing_values(request.direction_id))
            request.activity_feedback(["industrial_crm.mail_act_sort_requests"])
            if lead and not lead.user_id:
                request._notify_head()

    def _notify_head(self):
        head = self.direction_id.head_id
        lead = self.lead_id.sudo()
        if not head or not lead:
            return
        activity_type = self.env.ref("industrial_crm.mail_act_assign_manager")
        if lead.activity_ids.filtered(
            lambda a: a.activity_type_id == activity_type and a.user_id == head
        ):
            return
        lead.activity_schedule(
            "industrial_crm.mail_act_assign_manager",
            user_id=head.id,
            note=Markup("<p>%s</p>") % _(
                "Request %(number)s: assign a manager of %(direction)s.",
                number=self.name,
                direction=self.direction_id.name,
            ),
        )

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_open_lead(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "crm.lead",
            "res_id": self.lead_id.id,
            "view_mode": "form",
        }

    def action_attach_suggested_company(self):
        """The dispatcher confirms that the sender works for the suggested company."""
        if not self.env.user.has_group("industrial_crm.group_dispatcher") \
                and not self.env.user.has_group("industrial_crm.group_head"):
            raise AccessError(_("Only a dispatcher or a head attaches a contact to a company."))
        for request in self.filtered("suggested_company_id"):
            request.partner_id.sudo().write({
                "parent_id": request.suggested_company_id.id, "company_name": False,
            })
            request.message_post(body=_(
                "%(contact)s attached to %(company)s by %(user)s.",
                contact=request.partner_id.name,
                company=request.suggested_company_id.name,
                user=self.env.user.name,
            ), subtype_xmlid="mail.mt_note")
        self.suggested_company_id = False

    def action_open_route_wizard(self):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "industrial_crm.industrial_request_route_action"
        )
        action["context"] = {"active_ids": self.ids, "active_model": self._name}
        return action

    # ------------------------------------------------------------
    # SCHEDULED ACTIONS
    # ------------------------------------------------------------

    @api.model
    def _cron_remind_dispatchers(self):
        """While unsorted requests wait, each dispatcher has one activity to sort them."""
        waiting = self.search([("state", "=", "new")], order="received_date asc")
        if not waiting:
            return
        activity_type = self.env.ref("industrial_crm.mail_act_sort_requests")
        dispatchers = self.env.ref("industrial_crm.group_dispatcher").sudo().users.filtered(
            lambda u: u.active and not u.share
        )
        busy = set(
            self.env["mail.activity"].sudo().search([
                ("res_model", "=", self._name),
                ("activity_type_id", "=", activity_type.id),
                ("user_id", "in", dispatchers.ids),
            ]).user_id.ids
        )
        oldest = waiting[0]
        for dispatcher in dispatchers.filtered(lambda u: u.id not in busy):
            oldest.activity_schedule(
                "industrial_crm.mail_act_sort_requests",
                user_id=dispatcher.id,
                note=Markup("<p>%s</p>") % _(
                    "%(count)s request(s) wait for a sales direction.", count=len(waiting)
                ),
            )
