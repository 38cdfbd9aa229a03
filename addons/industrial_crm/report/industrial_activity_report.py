from odoo import fields, models, tools


class IndustrialActivityReport(models.Model):
    """One row per activity of a lead, deal or request, open or done: how each
    manager keeps to the deadlines of his tasks. Done activities of these models
    are archived rather than deleted (see ``mail.activity._action_done``), so
    their assignee, deadline and done date are kept."""

    _name = "industrial.activity.report"
    _description = "Task Discipline"
    _auto = False
    _order = "date_deadline desc, id desc"
    _rec_name = "summary"

    user_id = fields.Many2one("res.users", string="Manager", readonly=True)
    direction_id = fields.Many2one("industrial.direction", string="Direction", readonly=True)
    activity_type_id = fields.Many2one("mail.activity.type", string="Activity Type", readonly=True)
    summary = fields.Char(readonly=True)
    res_model = fields.Char(string="Document Model", readonly=True)
    res_id = fields.Many2oneReference(string="Document", model_field="res_model", readonly=True)
    lead_id = fields.Many2one("crm.lead", string="Lead / Deal", readonly=True)
    request_id = fields.Many2one("industrial.request", string="Request", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    date_assigned = fields.Date(string="Assigned On", readonly=True)
    date_deadline = fields.Date(string="Deadline", readonly=True)
    date_done = fields.Date(string="Done On", readonly=True)
    state = fields.Selection(
        [
            ("done_on_time", "Done on Time"),
            ("done_late", "Done Late"),
            ("overdue", "Overdue"),
            ("open", "Open"),
        ],
        readonly=True,
        help="Open: not done and not yet due; Overdue: not done and past its deadline.",
    )
    delay_days = fields.Integer(
        string="Delay (Days)", readonly=True, aggregator="avg",
        help="Days past the deadline: when it was done, or until today while it is still open.",
    )
    on_time_rate = fields.Float(
        string="On Time (%)", readonly=True, aggregator="avg",
        help="Share of the due tasks done on time: late and overdue ones count against it, "
        "tasks not yet due are left out.",
    )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        # "today" in UTC, as Odoo stamps the done date of an activity
        self.env.cr.execute(
            f"""
            CREATE OR REPLACE VIEW {self._table} AS (
                SELECT
                    a.id,
                    a.user_id,
                    COALESCE(l.direction_id, r.direction_id) AS direction_id,
                    a.activity_type_id,
                    a.summary,
                    a.res_model,
                    a.res_id,
                    l.id AS lead_id,
                    r.id AS request_id,
                    COALESCE(l.company_id, r.company_id) AS company_id,
                    a.create_date::date AS date_assigned,
                    a.date_deadline,
                    a.date_done,
                    CASE
                        WHEN NOT a.active AND a.date_done <= a.date_deadline THEN 'done_on_time'
                        WHEN NOT a.active THEN 'done_late'
                        WHEN a.date_deadline < (now() AT TIME ZONE 'UTC')::date THEN 'overdue'
                        ELSE 'open'
                    END AS state,
                    CASE
                        WHEN NOT a.active THEN GREATEST(a.date_done - a.date_deadline, 0)
                        ELSE GREATEST((now() AT TIME ZONE 'UTC')::date - a.date_deadline, 0)
                    END AS delay_days,
                    CASE
                        WHEN NOT a.active AND a.date_done <= a.date_deadline THEN 100.0
                        WHEN NOT a.active OR a.date_deadline < (now() AT TIME ZONE 'UTC')::date THEN 0.0
                    END AS on_time_rate
                FROM mail_activity a
                LEFT JOIN crm_lead l ON a.res_model = 'crm.lead' AND l.id = a.res_id
                LEFT JOIN industrial_request r
                    ON a.res_model = 'industrial.request' AND r.id = a.res_id
                WHERE a.res_model IN ('crm.lead', 'industrial.request')
                  AND (a.active OR a.date_done IS NOT NULL)
            )
            """
        )
