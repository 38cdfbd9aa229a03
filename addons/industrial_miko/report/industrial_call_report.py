from odoo import fields, models, tools
from odoo.tools import SQL


class IndustrialCallReport(models.Model):
    """Call statistics for heads: per employee and day of the exchange, calls answered and
    missed, talk time, and missed calls nobody called back in time (one SQL view)."""

    _name = "industrial.call.report"
    _description = "Call Statistics"
    _auto = False
    _order = "date desc"
    _rec_name = "date"

    date = fields.Date(readonly=True, help="Day of the call in the exchange's time zone.")
    user_id = fields.Many2one("res.users", string="Employee", readonly=True)
    direction_id = fields.Many2one("industrial.direction", string="Sales Direction", readonly=True)
    connection_id = fields.Many2one("industrial.pbx.connection", string="Exchange", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    call_direction = fields.Selection(
        [("incoming", "Incoming"), ("outgoing", "Outgoing"), ("internal", "Internal")],
        string="Direction", readonly=True,
    )
    call_count = fields.Integer(string="Calls", readonly=True)
    answered_count = fields.Integer(string="Answered", readonly=True)
    missed_count = fields.Integer(string="Missed", readonly=True)
    talk_time = fields.Integer(string="Talk Time (s)", readonly=True)
    avg_talk_time = fields.Float(string="Average Talk Time (s)", aggregator="avg", readonly=True,
                                 help="Average over the answered calls.")
    not_called_back_count = fields.Integer(
        string="Not Called Back", readonly=True,
        help="Missed incoming calls with no call to the same number within the time set on the exchange.",
    )

    def _query(self):
        missed = SQL("c.disposition IN ('missed', 'busy', 'failed')")
        return SQL(
            """
            SELECT c.id, c.connection_id, c.company_id, c.user_id, c.direction_id, c.call_direction,
                   (timezone(p.pbx_tz, timezone('UTC', c.start_date)))::date AS date,
                   1 AS call_count,
                   CASE WHEN c.disposition = 'answered' THEN 1 ELSE 0 END AS answered_count,
                   CASE WHEN %(missed)s THEN 1 ELSE 0 END AS missed_count,
                   CASE WHEN c.disposition = 'answered' THEN c.duration END AS talk_time,
                   CASE WHEN c.disposition = 'answered' THEN c.duration END AS avg_talk_time,
                   CASE WHEN c.call_direction = 'incoming' AND %(missed)s
                         AND c.start_date + make_interval(mins => p.callback_minutes)
                             <= timezone('UTC', now())
                         AND NOT EXISTS (
                             SELECT 1 FROM industrial_call b
                              WHERE b.connection_id = c.connection_id
                                AND b.external_e164 = c.external_e164
                                AND b.call_direction = 'outgoing'
                                AND b.start_date >= c.start_date
                                AND b.start_date <= c.start_date + make_interval(mins => p.callback_minutes))
                        THEN 1 ELSE 0 END AS not_called_back_count
              FROM industrial_call c
              JOIN industrial_pbx_connection p ON p.id = c.connection_id
             WHERE c.start_date IS NOT NULL
            """,
            missed=missed,
        )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(SQL("CREATE OR REPLACE VIEW %s AS (%s)", SQL.identifier(self._table), self._query()))
