from odoo import models


class CalendarAttendee(models.Model):
    _inherit = "calendar.attendee"

    def _send_mail_to_attendees(self, mail_template, force_send=False):
        """Customers told of a deal's meeting by our notice do not get Odoo's invitation as well:
        one meeting, one email (employees still get the invitation with its .ics)."""
        told = self.browse()
        for event, attendees in self.grouped("event_id").items():
            customers = event._industrial_told_customers()
            told |= attendees.filtered(lambda a: a.partner_id in customers)
        return super(CalendarAttendee, self - told)._send_mail_to_attendees(mail_template, force_send=force_send)
