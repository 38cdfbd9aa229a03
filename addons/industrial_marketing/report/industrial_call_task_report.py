from odoo import fields, models
from odoo.tools import SQL


class IndustrialCallTaskReport(models.Model):
    """The "Call the client" tasks given to managers: open, overdue or done.

    A report of its own, read under its own access rights: on ``mail.activity``
    a marketer, who may not edit contacts, would see none of the tasks she gave
    (another user's activity is readable only with the right to post on its
    document)."""

    _name = "industrial.call.task.report"
    _description = "Call Tasks per Manager"
    _auto = False
    _order = "date_deadline desc, id desc"
    _rec_name = "partner_id"

    partner_id = fields.Many2one("res.partner", string="Contact", readonly=True)
    user_id = fields.Many2one("res.users", string="Manager", readonly=True)
    assigned_by_id = fields.Many2one("res.users", string="Assigned By", readonly=True)
    assigned_date = fields.Datetime(string="Assigned On", readonly=True)
    date_deadline = fields.Date(string="Due Date", readonly=True)
    date_done = fields.Date(string="Done On", readonly=True)
    state = fields.Selection(
        [("open", "Open"), ("overdue", "Overdue"), ("done", "Completed")], string="Status", readonly=True,
        help="Overdue: still open after its due date.",
    )
    summary = fields.Char(readonly=True)

    _depends = {
        "mail.activity": [
            "res_model", "res_id", "user_id", "create_uid", "create_date", "date_deadline", "date_done",
            "active", "activity_type_id", "summary",
        ],
    }

    @property
    def _table_query(self):
        activity_type = self.env.ref("industrial_crm.mail_act_call_client", raise_if_not_found=False)
        return SQL(
            """
            SELECT a.id,
                   a.res_id AS partner_id,
                   a.user_id,
                   a.create_uid AS assigned_by_id,
                   a.create_date AS assigned_date,
                   a.date_deadline,
                   a.date_done,
                   a.summary,
                   CASE WHEN NOT a.active THEN 'done'
                        WHEN a.date_deadline < %(today)s THEN 'overdue'
                        ELSE 'open' END AS state
              FROM mail_activity a
             WHERE a.res_model = 'res.partner' AND a.activity_type_id = %(activity_type_id)s
            """,
            today=fields.Date.context_today(self),
            activity_type_id=activity_type.id if activity_type else None,
        )
