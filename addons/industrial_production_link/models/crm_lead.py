from odoo import _, api, fields, models
from odoo.tools import format_datetime, formatLang


class CrmLead(models.Model):
    _name = "crm.lead"
    _inherit = ["crm.lead", "industrial.readiness.aggregate.mixin"]

    industrial_production_ids = fields.One2many(
        "mrp.production", "industrial_lead_id", string="Production Orders"
    )
    industrial_production_count = fields.Integer(
        string="Production Count", compute="_compute_industrial_document_counts"
    )
    industrial_purchase_count = fields.Integer(
        string="Supplier Order Count", compute="_compute_industrial_document_counts"
    )
    industrial_coverage = fields.Selection(help="How the goods of the confirmed orders are supplied.")
    industrial_readiness = fields.Float(
        help="Goods ready to ship plus the progress of their production, over all confirmed "
        "orders of the deal, weighted by the value of their lines (untaxed amount), or by "
        "quantity when no line carries a price.",
    )
    industrial_is_late = fields.Boolean(index=True)
    industrial_goods_available = fields.Boolean(
        help="Every good of the confirmed orders is in stock for the deal (reserved or delivered).",
    )

    @api.depends(
        "order_ids.state", "order_ids.order_line.industrial_coverage",
        "order_ids.order_line.industrial_readiness", "order_ids.order_line.industrial_date_planned",
        "order_ids.order_line.industrial_date_expected", "order_ids.order_line.industrial_is_late",
        "order_ids.order_line.industrial_goods_available", "order_ids.order_line.product_uom_qty",
        "order_ids.order_line.price_subtotal", "order_ids.currency_rate",
    )
    def _compute_industrial_readiness(self):
        for lead in self:
            orders = lead.order_ids.filtered(lambda o: o.state == "sale")
            lead.update(orders.order_line._industrial_aggregate())

    def _compute_industrial_document_counts(self):
        productions = dict(self.env["mrp.production"].sudo()._read_group(
            [("industrial_lead_id", "in", self.ids)], ["industrial_lead_id"], ["__count"]
        ))
        for lead in self:
            lead.industrial_production_count = productions.get(lead, 0)
            lead.industrial_purchase_count = len(lead._industrial_purchase_orders())

    def _industrial_purchase_orders(self):
        orders = self.sudo().order_ids
        return orders._get_purchase_orders() | orders.order_line.industrial_purchase_line_ids.order_id

    # ------------------------------------------------------------
    # STAGE RULES
    # ------------------------------------------------------------

    def _stage_requirement_confirmed_order(self, requirement):
        if self.sudo().order_ids.filtered(lambda o: o.state == "sale"):
            return []
        return [_("there is no confirmed order to ship: confirm the customer's quotation first")]

    def _stage_requirement_goods_available(self, requirement):
        """Checked only once an order is confirmed: the rule above speaks for a deal without one."""
        if (
            self.sudo().order_ids.filtered(lambda o: o.state == "sale")
            and self.industrial_coverage and not self.industrial_goods_available
        ):
            return [self._industrial_shipment_blocker()]
        return []

    def _industrial_shipment_blocker(self):
        self.ensure_one()
        if self.industrial_coverage == "uncovered":
            return _("some goods are neither in stock nor ordered: see the coverage of the order lines")
        if self.industrial_date_expected:
            return _(
                "not all goods are in stock yet (readiness %(readiness)s%%, production expected "
                "on %(date)s): the deal ships once production has stocked them",
                readiness=formatLang(self.env, self.industrial_readiness, digits=1),
                date=format_datetime(self.env, self.industrial_date_expected),
            )
        return _(
            "not all goods are in stock yet (readiness %(readiness)s%%): the deal ships once "
            "they are reserved for its delivery",
            readiness=formatLang(self.env, self.industrial_readiness, digits=1),
        )

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_view_industrial_productions(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "industrial_production_link.action_industrial_sale_production"
        )
        action["domain"] = [("industrial_lead_id", "=", self.id)]
        action["context"] = {"create": False}
        return action

    def action_view_industrial_purchases(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("purchase.purchase_form_action")
        action["domain"] = [("id", "in", self._industrial_purchase_orders().ids)]
        action["context"] = {"create": False}
        return action
