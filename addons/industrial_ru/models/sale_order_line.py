from odoo import models


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    def _compute_tax_id(self):
        super()._compute_tax_id()
        self._industrial_apply_vat_date()

    def _industrial_apply_vat_date(self):
        """The standard VAT follows the shipment date: 20 % for a shipment before 2026, 22 % from then."""
        for line in self:
            if line.tax_id:
                taxes = line.tax_id._industrial_for_date(line.order_id._industrial_shipment_date())
                if taxes != line.tax_id:
                    line.tax_id = taxes
