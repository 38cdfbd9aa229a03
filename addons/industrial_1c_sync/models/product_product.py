from odoo import api, fields, models


class ProductProduct(models.Model):
    _inherit = "product.product"

    onec_binding_ids = fields.One2many("industrial.1c.binding", "product_id", string="1C Nomenclature")
    onec_key = fields.Char(string="1C Nomenclature Key", compute="_compute_onec_binding")
    onec_unit_name = fields.Char(string="1C Unit", compute="_compute_onec_binding")

    @api.depends("onec_binding_ids.ref_key", "onec_binding_ids.unit_name")
    def _compute_onec_binding(self):
        for product in self:
            binding = product.onec_binding_ids[:1]
            product.onec_key = binding.ref_key
            product.onec_unit_name = binding.unit_name
