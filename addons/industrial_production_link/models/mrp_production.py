from markupsafe import Markup

from odoo import api, fields, models
from odoo.tools import format_datetime, formatLang


class MrpProduction(models.Model):
    _inherit = "mrp.production"

    industrial_sale_line_id = fields.Many2one(
        "sale.order.line", string="Customer Order Line", compute="_compute_industrial_sale_line_id",
        store=True, index="btree_not_null",
        help="Customer order line this production makes goods for, found through the "
        "delivery it supplies or its procurement group.",
    )
    industrial_sale_order_id = fields.Many2one(
        "sale.order", string="Customer Order", related="industrial_sale_line_id.order_id",
        store=True, index="btree_not_null",
    )
    industrial_lead_id = fields.Many2one(
        "crm.lead", string="Deal", related="industrial_sale_order_id.opportunity_id",
        store=True, index="btree_not_null",
    )
    industrial_partner_id = fields.Many2one(
        "res.partner", string="Customer", related="industrial_sale_order_id.partner_id", store=True,
    )
    industrial_salesman_id = fields.Many2one(
        "res.users", string="Sales Manager", related="industrial_sale_order_id.user_id", store=True,
    )
    industrial_readiness = fields.Float(
        string="Readiness (%)", compute="_compute_industrial_readiness", store=True, aggregator="avg",
        help="Share of the work done: finished work orders (by expected duration) where work "
        "orders are used, otherwise the quantity being produced.",
    )
    industrial_date_planned = fields.Datetime(
        string="Planned Completion", compute="_compute_industrial_date_planned", store=True,
        help="Date promised to the customer order (the deadline), or the scheduled end.",
    )
    industrial_date_expected = fields.Datetime(
        string="Expected Completion", compute="_compute_industrial_date_expected", store=True,
        readonly=False, copy=False,
        help="When production expects to finish: the scheduled end of the remaining work orders, "
        "moved forward by production or, once overdue, by the hourly check.",
    )
    industrial_is_late = fields.Boolean(
        string="Late", compute="_compute_industrial_is_late", store=True, index=True,
        help="The expected completion is after the planned one.",
    )
    industrial_date_notified = fields.Datetime(
        string="Late Warning Sent For", copy=False, readonly=True,
        help="Expected completion the sales manager was last warned about, or to which the "
        "hourly check has moved it since (no news to him).",
    )
    industrial_date_planned_notified = fields.Datetime(
        string="Late Warning Planned Date", copy=False, readonly=True,
        help="Planned completion the last late warning was measured against: the sales manager "
        "is warned again when it changes.",
    )

    @api.depends("sale_line_id", "move_dest_ids.sale_line_id", "procurement_group_id.sale_id", "product_id")
    def _compute_industrial_sale_line_id(self):
        # not through the finished moves: reading them while the procurement
        # builds the production would compute its moves twice
        for production in self:
            line = production.sale_line_id or production.move_dest_ids.sale_line_id[:1]
            if not line:
                # take-from-stock-else-order and split productions carry only the group
                line = production.procurement_group_id.sale_id.order_line.filtered(
                    lambda l, p=production: l.product_id == p.product_id
                )[:1]
            production.industrial_sale_line_id = line

    @api.depends(
        "state", "qty_producing", "product_qty", "workorder_ids.state",
        "workorder_ids.duration", "workorder_ids.duration_expected",
    )
    def _compute_industrial_readiness(self):
        for production in self:
            production.industrial_readiness = production._industrial_get_readiness()

    def _industrial_get_readiness(self):
        self.ensure_one()
        if self.state == "done":
            return 100.0
        if self.state in ("draft", "cancel"):
            return 0.0
        workorders = self.workorder_ids.filtered(lambda w: w.state != "cancel")
        if workorders:
            total = sum(workorders.mapped("duration_expected"))
            if not total:
                return 100.0 * len(workorders.filtered(lambda w: w.state == "done")) / len(workorders)
            done = sum(
                w.duration_expected if w.state == "done" else min(w.duration, w.duration_expected)
                for w in workorders
            )
            ratio = done / total
        else:
            ratio = self.qty_producing / self.product_qty if self.product_qty else 0.0
        # not done until production has put the goods into stock
        return round(min(ratio * 100.0, 99.0), 2)

    @api.depends("date_deadline", "date_finished")
    def _compute_industrial_date_planned(self):
        for production in self:
            production.industrial_date_planned = production.date_deadline or production.date_finished

    @api.depends("state", "date_finished", "workorder_ids.date_finished", "workorder_ids.state")
    def _compute_industrial_date_expected(self):
        for production in self:
            dates = [production.date_finished] if production.date_finished else []
            if production.state != "done":
                dates += production.workorder_ids.filtered(
                    lambda w: w.state not in ("done", "cancel") and w.date_finished
                ).mapped("date_finished")
            production.industrial_date_expected = max(dates) if dates else False

    @api.depends("state", "industrial_date_expected", "industrial_date_planned")
    def _compute_industrial_is_late(self):
        for production in self:
            production.industrial_is_late = bool(
                production.state not in ("done", "cancel")
                and production.industrial_date_expected
                and production.industrial_date_planned
                and production.industrial_date_expected > production.industrial_date_planned
            )

    def write(self, vals):
        res = super().write(vals)
        if {"industrial_date_expected", "date_finished", "date_deadline", "state"} & set(vals):
            self._industrial_notify_slips()
        return res

    # ------------------------------------------------------------
    # BUSINESS METHODS
    # ------------------------------------------------------------

    def _industrial_notify_slips(self):
        """Warn the deal's manager once per slip of a production for his customer
        past its planned date. A slip is news when the production turns late, when
        a person moves the expected date past the one warned about, or when the
        planned date changes; the hourly check moving an overdue date to now is not."""
        by_check = self.env.context.get("industrial_late_check")
        activity_type = self.env.ref("industrial_production_link.mail_act_production_late")
        for production in self.sudo():
            notified = production.industrial_date_notified
            expected = production.industrial_date_expected
            if not production.industrial_is_late:
                if notified:
                    # back on time: its next slip is news again
                    production.write({
                        "industrial_date_notified": False,
                        "industrial_date_planned_notified": False,
                    })
                continue
            if not production.industrial_sale_order_id:
                continue
            if notified and production.industrial_date_planned_notified == production.industrial_date_planned:
                if by_check and expected > notified:
                    # the manager knows it is late; a person's later date must beat this one
                    production.industrial_date_notified = expected
                if by_check or expected <= notified:
                    continue
            production._industrial_warn_late(activity_type)

    def _industrial_warn_late(self, activity_type):
        """Tell the deal's manager (or the order's) that this production is late: in
        his open warning of the document, newest slip first, else in a new one."""
        self.ensure_one()
        order = self.industrial_sale_order_id
        document = order.opportunity_id or order
        user = document.user_id or order.user_id
        # written in the manager's language, also from the hourly job that has none
        lang = user.lang or self.env.lang
        document = document.with_context(lang=lang)
        env = self.with_context(lang=lang).env
        note = Markup("<p>%s</p>") % env._(
            "%(production)s for %(order)s (%(product)s) is now expected on %(expected)s "
            "instead of %(planned)s; readiness %(readiness)s%%.",
            production=self.name,
            order=order.name,
            product=self.product_id.with_env(env).display_name,
            expected=format_datetime(env, self.industrial_date_expected),
            planned=format_datetime(env, self.industrial_date_planned),
            readiness=formatLang(env, self.industrial_readiness, digits=1),
        )
        today = fields.Date.context_today(self)
        activity = user and document.activity_ids.filtered(
            lambda a: a.activity_type_id == activity_type and a.user_id == user
        )[:1]
        if not user:
            document.message_post(body=note, subtype_xmlid="mail.mt_note")
        elif activity:
            activity.write({"note": note + (activity.note or ""), "date_deadline": today})
            if user != self.env.user:
                activity.action_notify()
        else:
            document.activity_schedule(
                activity_type_id=activity_type.id, user_id=user.id, date_deadline=today, note=note,
            )
        self.write({
            "industrial_date_notified": self.industrial_date_expected,
            "industrial_date_planned_notified": self.industrial_date_planned,
        })

    @api.model
    def _cron_industrial_check_late(self):
        """An unfinished production cannot end in the past: move its expected
        date to now, which flags it late. The move is no news of its own: the
        manager is warned when the production turns late, not every hour after."""
        now = fields.Datetime.now()
        overdue = self.search([
            ("state", "not in", ("done", "cancel")),
            ("industrial_sale_line_id", "!=", False),
            ("industrial_date_expected", "<", now),
        ])
        overdue.with_context(industrial_late_check=True).write({"industrial_date_expected": now})
        return overdue

    def _industrial_qty_in(self, uom):
        """Quantity the productions make (what a finished one really made), in ``uom``."""
        return sum(
            p.product_uom_id._compute_quantity(
                p.qty_produced if p.state == "done" else p.product_qty, uom, round=False
            )
            for p in self
        )

    def action_view_industrial_deal(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "crm.lead",
            "res_id": self.industrial_lead_id.id,
            "view_mode": "form",
        }

