from odoo import fields, models, tools

from ..models.industrial_calculation import CALCULATION_STATES


class IndustrialCalculationReport(models.Model):
    """One row per technical calculation: the heads' view of the engineers' load,
    lateness and speed. Overdue is judged against today when the report is read."""

    _name = "industrial.calculation.report"
    _description = "Calculations per Engineer"
    _auto = False
    _order = "date_request desc, id desc"
    _rec_name = "name"

    name = fields.Char(string="Number", readonly=True)
    calculation_id = fields.Many2one("industrial.calculation", string="Calculation", readonly=True)
    engineer_id = fields.Many2one("res.users", string="Engineer", readonly=True)
    user_id = fields.Many2one("res.users", string="Requested By", readonly=True)
    lead_id = fields.Many2one("crm.lead", string="Deal", readonly=True)
    direction_id = fields.Many2one("industrial.direction", string="Direction", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    state = fields.Selection(CALCULATION_STATES, string="Status", readonly=True)
    date_request = fields.Datetime(string="Requested On", readonly=True)
    date_due = fields.Date(string="Due Date", readonly=True)
    date_done = fields.Datetime(string="Done On", readonly=True)
    open_count = fields.Integer(string="Open", readonly=True, help="Calculations not done yet.")
    overdue_count = fields.Integer(string="Overdue", readonly=True, help="Not done and past the due date.")
    done_count = fields.Integer(string="Done", readonly=True)
    duration_days = fields.Float(
        string="Average Days to Done", readonly=True, aggregator="avg",
        help="Days from the request to the done calculation, done calculations only.",
    )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            f"""
            CREATE OR REPLACE VIEW {self._table} AS (
                SELECT
                    c.id,
                    c.id AS calculation_id,
                    c.name,
                    c.engineer_id,
                    c.user_id,
                    c.lead_id,
                    c.direction_id,
                    c.company_id,
                    c.state,
                    c.date_request,
                    c.date_due,
                    c.date_done,
                    CASE WHEN c.state != 'done' THEN 1 ELSE 0 END AS open_count,
                    CASE WHEN c.state != 'done' AND c.date_due < (now() AT TIME ZONE 'UTC')::date
                         THEN 1 ELSE 0 END AS overdue_count,
                    CASE WHEN c.state = 'done' THEN 1 ELSE 0 END AS done_count,
                    CASE WHEN c.state = 'done' THEN c.duration_days END AS duration_days
                FROM industrial_calculation c
            )
            """
        )
