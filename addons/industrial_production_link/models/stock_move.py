from odoo import _, models
from odoo.exceptions import UserError


class StockMove(models.Model):
    _inherit = "stock.move"

    def _action_done(self, cancel_backorder=False):
        self._industrial_check_produced()
        return super()._action_done(cancel_backorder=cancel_backorder)

    def _industrial_check_produced(self):
        """Goods are shipped from stock only: a delivery may not ship what its
        production order has not yet put into stock."""
        for move in self.filtered(lambda m: m.sale_line_id and m.quantity and m.location_dest_id.usage == "customer"):
            pending = move.move_orig_ids.filtered(
                lambda m: m.production_id and m.state not in ("done", "cancel")
            )
            if pending:
                production = pending.production_id[:1]
                raise UserError(_(
                    "%(product)s of %(order)s is still in production (%(production)s, %(readiness)s%% "
                    "ready): it can be shipped once production has put it into stock.",
                    product=move.product_id.display_name,
                    order=move.sale_line_id.order_id.name,
                    production=production.name,
                    readiness=production.industrial_readiness,
                ))
