from odoo import fields, models, tools
from odoo.tools import SQL, sql


class IndustrialFunnelReport(models.Model):
    """One row per deal and process stage it reached: counts per stage give the
    funnel, the average of ``conversion_rate`` the share that went on. A stage that
    Next Stage skips for deals not meeting a rule (Certification, for equipment that
    needs none) counts only the deals meeting it: the view is rebuilt from those
    rules whenever they change."""

    _name = "industrial.funnel.report"
    _description = "Deal Funnel Analysis"
    _auto = False
    _order = "stage_sequence"

    lead_id = fields.Many2one("crm.lead", string="Deal", readonly=True)
    stage_id = fields.Many2one("crm.stage", string="Stage Reached", readonly=True)
    # orders the rows in process order; a sum of sequences means nothing, so it is no measure
    stage_sequence = fields.Integer(readonly=True, aggregator=None)
    direction_id = fields.Many2one("industrial.direction", string="Direction", readonly=True)
    user_id = fields.Many2one("res.users", string="Manager", readonly=True)
    team_id = fields.Many2one("crm.team", string="Sales Team", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    create_date = fields.Datetime(string="Deal Created", readonly=True)
    expected_revenue = fields.Float(readonly=True, aggregator="sum", groups="sales_team.group_sale_salesman")
    conversion_rate = fields.Float(
        string="Conversion to Next Stage (%)", readonly=True, aggregator="avg"
    )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(SQL(
            """
            CREATE OR REPLACE VIEW %(view)s AS (
                SELECT
                    l.id * 100 + s.industrial_rank AS id,
                    l.id AS lead_id,
                    s.id AS stage_id,
                    s.sequence AS stage_sequence,
                    l.direction_id,
                    l.user_id,
                    l.team_id,
                    l.company_id,
                    l.create_date,
                    l.expected_revenue,
                    CASE WHEN l.reached_stage_sequence > s.sequence THEN 100.0 ELSE 0.0 END
                        AS conversion_rate
                FROM crm_lead l
                JOIN (
                    SELECT id, sequence, industrial_code,
                           row_number() OVER (ORDER BY sequence, id) AS industrial_rank
                    FROM crm_stage
                    WHERE industrial_code IS NOT NULL
                ) s ON s.sequence <= l.reached_stage_sequence AND %(passed)s
                WHERE l.type = 'opportunity'
            )
            """,
            view=SQL.identifier(self._table),
            passed=self._get_passed_stage_condition(),
        ))

    def _get_passed_stage_condition(self):
        """SQL on ``l`` (deal) and ``s`` (stage): the deal passed through the stage."""
        if not sql.table_exists(self.env.cr, "industrial_stage_requirement"):
            return SQL("TRUE")
        conditions = [
            SQL("(s.industrial_code != %s OR l.id IN %s)", code, query.subselect())
            for code, query in self.env["industrial.stage.requirement"]._get_skipping_conditions()
        ]
        return SQL(" AND ").join(conditions) if conditions else SQL("TRUE")
