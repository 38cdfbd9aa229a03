import logging
from datetime import timedelta
from urllib.parse import quote

import pytz

from odoo import api, fields, models
from odoo.tools import format_datetime

_logger = logging.getLogger(__name__)

#: Yandex Maps web search by text (https://yandex.ru/dev/yandex-apps-launch-maps/doc/ru/concepts/yandexmaps-web)
YANDEX_MAPS_SEARCH = "https://yandex.ru/maps/?text="
MEETING_TZ = "Europe/Moscow"


class CalendarEvent(models.Model):
    _inherit = "calendar.event"

    industrial_place = fields.Char(
        string="Meeting Place", compute="_compute_industrial_place",
        help="The location, or our company's address when none is given.",
    )
    industrial_map_url = fields.Char(string="Map Link", compute="_compute_industrial_place")
    industrial_start_display = fields.Char(string="Meeting Time", compute="_compute_industrial_start_display")
    industrial_notified_at = fields.Datetime(
        string="Customer Told At", readonly=True, copy=False,
        help="When the customer was last told of this meeting's time and place.",
    )
    industrial_reminder_sent = fields.Boolean(string="Customer Reminded", readonly=True, copy=False)

    @api.depends("location", "user_id")
    def _compute_industrial_place(self):
        for event in self:
            company_partner = (event.user_id.company_id or self.env.company).partner_id
            place = (event.location or "").strip() or company_partner._display_address(without_company=True)
            place = " ".join(place.split())
            event.industrial_place = place or False
            event.industrial_map_url = YANDEX_MAPS_SEARCH + quote(place) if place else False

    @api.depends("start", "allday", "user_id")
    def _compute_industrial_start_display(self):
        for event in self:
            if not event.start:
                event.industrial_start_display = False
                continue
            tz = event.user_id.tz or MEETING_TZ
            pattern = "dd.MM.yyyy" if event.allday else "dd.MM.yyyy HH:mm"
            text = format_datetime(self.env, event.start, tz=tz, dt_format=pattern)
            if not event.allday:
                text = f"{text} ({pytz.timezone(tz).zone})"
            event.industrial_start_display = text

    # CRUD

    @api.model_create_multi
    def create(self, vals_list):
        events = super().create(vals_list)
        events._industrial_notice_candidates()._industrial_notify("planned")
        return events

    def write(self, vals):
        watched = {"start", "stop", "location", "active", "partner_ids"} & set(vals)
        if not watched or not self._industrial_notice_enabled():
            return super().write(vals)
        before = {
            event.id: (event.start, (event.location or "").strip(), event.active,
                       event._industrial_notice_customers())
            for event in self._industrial_notice_candidates(include_archived=True)
        }
        result = super().write(vals)
        for event in self.filtered(lambda e: e.id in before):
            start, location, active, customers = before[event.id]
            if active and not event.active:
                event._industrial_notify("cancelled", customers)
            elif event.start != start or (event.location or "").strip() != location:
                event.industrial_reminder_sent = False
                event._industrial_notify("moved")
            elif vals.get("partner_ids"):
                event._industrial_notify("planned", event._industrial_notice_customers() - customers)
        return result

    def unlink(self):
        for event in self._industrial_notice_candidates():
            event._industrial_notify("cancelled")
        return super().unlink()

    # BUSINESS

    @api.model
    def _industrial_notice_enabled(self, switch="industrial_ru.notify_meeting"):
        return bool(self.env["ir.config_parameter"].sudo().get_param(switch))

    def _industrial_notice_candidates(self, include_archived=False):
        """Meetings of a deal still to come, when customers are told of meetings."""
        if not self or not self._industrial_notice_enabled():
            return self.browse()
        now = fields.Datetime.now()
        return self.filtered(
            lambda e: e.opportunity_id and e.start and e.start > now and (include_archived or e.active)
        )

    def _industrial_notice_customers(self):
        """The attendees from outside the company."""
        self.ensure_one()
        return self.partner_ids.filtered(lambda p: not p.user_ids.filtered(lambda u: not u.share))

    def _industrial_told_customers(self):
        """The customers who get our notices of this meeting instead of Odoo's invitations."""
        told = self.env["res.partner"]
        for event in self.filtered("opportunity_id"):
            if event._industrial_notice_enabled():
                told |= event._industrial_notice_customers()
        return told

    def _industrial_notify(self, kind, customers=None):
        mail_template = self.env.ref(f"industrial_ru.mail_template_meeting_{kind}", raise_if_not_found=False)
        sms_template = self.env.ref(f"industrial_ru.sms_template_meeting_{kind}", raise_if_not_found=False)
        for event in self:
            partners = event._industrial_notice_customers() if customers is None else customers
            if not partners:
                continue
            event.opportunity_id._industrial_send_customer_notice(event, partners, mail_template, sms_template)
            if kind in ("planned", "moved"):
                event.sudo().industrial_notified_at = fields.Datetime.now()

    @api.model
    def _cron_industrial_meeting_reminders(self):
        """The day before a deal's meeting, remind the customer of time and place
        (unless he was told of it within that day anyway)."""
        if not self._industrial_notice_enabled("industrial_ru.notify_meeting_reminder"):
            return
        now = fields.Datetime.now()
        events = self.sudo().search([
            ("opportunity_id", "!=", False),
            ("industrial_reminder_sent", "=", False),
            ("start", ">", now),
            ("start", "<=", now + timedelta(days=1)),
        ])
        for event in events:
            try:
                with self.env.cr.savepoint():
                    told = event.industrial_notified_at
                    if not told or told < event.start - timedelta(days=1):
                        event._industrial_notify("reminder")
                    event.industrial_reminder_sent = True
            except Exception:
                _logger.exception("Reminder of meeting %s could not be sent", event.id)
