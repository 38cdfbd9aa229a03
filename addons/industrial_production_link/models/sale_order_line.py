from odoo import _, api, fields, models
from odoo.tools import float_compare, float_is_zero, formatLang


class SaleOrderLine(models.Model):
    _name = "sale.order.line"
    _inherit = ["sale.order.line", "industrial.readiness.mixin"]

    industrial_production_ids = fields.One2many(
        "mrp.production", "industrial_sale_line_id", string="Production Orders"
    )
    industrial_purchase_line_ids = fields.One2many(
        "purchase.order.line", "industrial_sale_line_id", string="Supplier Order Lines"
    )
    industrial_qty_stock = fields.Float(
        string="From Stock", compute="_compute_industrial_readiness", store=True,
        digits="Product Unit of Measure",
    )
    industrial_qty_production = fields.Float(
        string="From Production", compute="_compute_industrial_readiness", store=True,
        digits="Product Unit of Measure",
    )
    industrial_qty_supplier = fields.Float(
        string="From Supplier", compute="_compute_industrial_readiness", store=True,
        digits="Product Unit of Measure",
    )
    industrial_qty_uncovered = fields.Float(
        string="Not Covered", compute="_compute_industrial_readiness", store=True,
        digits="Product Unit of Measure",
    )
    industrial_qty_ready = fields.Float(
        string="Ready to Ship", compute="_compute_industrial_readiness", store=True,
        digits="Product Unit of Measure",
        help="Delivered, or reserved in stock for the delivery.",
    )
    industrial_coverage = fields.Selection(
        help="How the confirmed quantity is supplied: reserved from stock, made by production "
        "or bought from a supplier.",
    )
    industrial_coverage_note = fields.Char(
        string="Action Needed", compute="_compute_industrial_readiness", store=True,
    )
    industrial_readiness = fields.Float(
        help="Goods ready to ship plus the progress of their running production orders, "
        "as a share of the ordered quantity.",
    )

    @api.depends(
        "state", "product_uom_qty", "product_uom", "qty_delivered", "product_id.is_storable",
        "move_ids.state", "move_ids.product_uom_qty", "move_ids.quantity", "move_ids.procure_method",
        "industrial_production_ids.state", "industrial_production_ids.product_qty",
        "industrial_production_ids.qty_produced",
        "industrial_production_ids.industrial_readiness",
        "industrial_production_ids.industrial_date_planned",
        "industrial_production_ids.industrial_date_expected",
        "industrial_production_ids.industrial_is_late",
        "industrial_purchase_line_ids.state", "industrial_purchase_line_ids.product_qty",
    )
    def _compute_industrial_readiness(self):
        for line in self:
            line.update(line._industrial_get_coverage())

    def _industrial_get_coverage(self):
        """Coverage, readiness and dates of one line, from its moves, productions
        and purchases (all prefetched together for the batch)."""
        self.ensure_one()
        empty = {
            "industrial_qty_stock": 0.0, "industrial_qty_production": 0.0,
            "industrial_qty_supplier": 0.0, "industrial_qty_uncovered": 0.0,
            "industrial_qty_ready": 0.0, "industrial_coverage": False,
            "industrial_coverage_note": False, "industrial_readiness": 0.0,
            "industrial_date_planned": False, "industrial_date_expected": False,
            "industrial_is_late": False, "industrial_goods_available": False,
        }
        if self.state != "sale" or not self.product_id.is_storable or self.display_type:
            return empty
        uom = self.product_uom
        rounding = uom.rounding
        needed = self.product_uom_qty
        productions = self.industrial_production_ids.filtered(lambda p: p.state != "cancel")
        purchases = self.industrial_purchase_line_ids.filtered(lambda p: p.state != "cancel")
        qty_production = productions._industrial_qty_in(uom)
        qty_supplier = sum(
            p.product_uom._compute_quantity(p.product_qty, uom, round=False) for p in purchases
        )
        outgoing = self.move_ids.filtered(
            lambda m: m.state != "cancel" and m.location_dest_id.usage == "customer"
        )
        qty_mto = sum(
            m.product_uom._compute_quantity(m.product_uom_qty, uom, round=False)
            for m in outgoing if m.procure_method == "make_to_order"
        )
        qty_reserved = sum(
            m.product_uom._compute_quantity(m.quantity, uom, round=False)
            for m in outgoing if m.state not in ("done", "cancel")
        )
        qty_uncovered = max(qty_mto - qty_production - qty_supplier, 0.0)
        qty_stock = max(needed - qty_production - qty_supplier - qty_uncovered, 0.0)
        qty_ready = min(self.qty_delivered + qty_reserved, needed)
        parts = [
            code for code, qty in (
                ("stock", qty_stock), ("production", qty_production), ("supplier", qty_supplier),
            ) if not float_is_zero(qty, precision_rounding=rounding)
        ]
        note = False
        if not float_is_zero(qty_uncovered, precision_rounding=rounding):
            coverage = "uncovered"
            if self._industrial_has_cancelled_supply():
                note = _(
                    "%(qty)s %(uom)s of %(product)s are neither in stock nor ordered: the production "
                    "or supplier order was cancelled. Replenish the product or change the route.",
                    qty=formatLang(self.env, qty_uncovered, dp="Product Unit of Measure"), uom=uom.name,
                    product=self.product_id.display_name,
                )
            else:
                note = _(
                    "%(qty)s %(uom)s of %(product)s are neither in stock nor on order (production "
                    "finished short of the quantity): order them again or change the route.",
                    qty=formatLang(self.env, qty_uncovered, dp="Product Unit of Measure"), uom=uom.name,
                    product=self.product_id.display_name,
                )
        else:
            coverage = parts[0] if len(parts) == 1 else ("mixed" if parts else "stock")
        if not note and self._industrial_has_cancelled_supply() and float_compare(
            self.qty_delivered + qty_reserved, needed, precision_rounding=rounding
        ) < 0:
            note = _(
                "The production or supplier order for %(product)s was cancelled: the goods must now "
                "come from stock. Replenish the product or order it again.",
                product=self.product_id.display_name,
            )
        elif not note and productions.filtered(lambda p: not p.bom_id and p.state not in ("done", "cancel")):
            note = _(
                "%(production)s has no bill of materials: production has to say what "
                "%(product)s is made of.",
                production=productions.filtered(lambda p: not p.bom_id)[:1].name,
                product=self.product_id.display_name,
            )
        if float_compare(qty_production + qty_supplier, needed, precision_rounding=rounding) > 0:
            note = _(
                "More is being made or bought (%(ordered)s %(uom)s) than the customer ordered "
                "(%(needed)s %(uom)s): adjust the production or supplier orders.",
                ordered=formatLang(self.env, qty_production + qty_supplier, dp="Product Unit of Measure"),
                needed=formatLang(self.env, needed, dp="Product Unit of Measure"), uom=uom.name,
            )
        running = productions.filtered(lambda p: p.state != "done")
        progress = sum(
            p.industrial_readiness / 100.0 * p.product_uom_id._compute_quantity(p.product_qty, uom, round=False)
            for p in running
        )
        readiness = min(100.0 * (qty_ready + progress) / needed, 100.0) if needed else 100.0
        planned = [d for d in productions.mapped("industrial_date_planned") if d]
        expected = [d for d in productions.mapped("industrial_date_expected") if d]
        return dict(
            empty,
            industrial_qty_stock=qty_stock,
            industrial_qty_production=qty_production,
            industrial_qty_supplier=qty_supplier,
            industrial_qty_uncovered=qty_uncovered,
            industrial_qty_ready=qty_ready,
            industrial_coverage=coverage,
            industrial_coverage_note=note,
            industrial_readiness=round(readiness, 2),
            industrial_date_planned=max(planned) if planned else False,
            industrial_date_expected=max(expected) if expected else False,
            industrial_is_late=any(running.mapped("industrial_is_late")),
            industrial_goods_available=float_compare(qty_ready, needed, precision_rounding=rounding) >= 0,
        )

    def _industrial_has_cancelled_supply(self):
        return any(p.state == "cancel" for p in self.industrial_production_ids) or any(
            p.state == "cancel" for p in self.industrial_purchase_line_ids
        )

    def _industrial_aggregate(self):
        """Coverage, readiness and dates of a set of lines (an order, a deal).
        Readiness is weighted by the value of the lines (untaxed, in the company's
        currency), or by quantity when no line carries a price: a furnace still to
        be made outweighs pumps in stock. Readiness by quantity counts every unit alike."""
        lines = self.filtered("industrial_coverage")
        if not lines:
            return {
                "industrial_coverage": False, "industrial_readiness": 0.0,
                "industrial_readiness_qty": 0.0,
                "industrial_date_planned": False, "industrial_date_expected": False,
                "industrial_is_late": False, "industrial_goods_available": False,
            }
        codes = set(lines.mapped("industrial_coverage"))
        if "uncovered" in codes:
            coverage = "uncovered"
        elif len(codes) == 1:
            coverage = codes.pop()
        else:
            coverage = "mixed"
        readiness_qty = lines._industrial_weighted_readiness([line.product_uom_qty for line in lines])
        values = [max(line.price_subtotal, 0.0) / (line.order_id.currency_rate or 1.0) for line in lines]
        readiness = lines._industrial_weighted_readiness(values) if any(values) else readiness_qty
        planned = [d for d in lines.mapped("industrial_date_planned") if d]
        expected = [d for d in lines.mapped("industrial_date_expected") if d]
        return {
            "industrial_coverage": coverage,
            "industrial_readiness": round(readiness, 2),
            "industrial_readiness_qty": round(readiness_qty, 2),
            "industrial_date_planned": max(planned) if planned else False,
            "industrial_date_expected": max(expected) if expected else False,
            "industrial_is_late": any(lines.mapped("industrial_is_late")),
            "industrial_goods_available": all(lines.mapped("industrial_goods_available")),
        }

    def _industrial_weighted_readiness(self, weights):
        """Mean readiness of these lines, each counting for its weight (same order)."""
        total = sum(weights)
        if not total:
            return 100.0
        return sum(line.industrial_readiness * weight for line, weight in zip(self, weights)) / total
