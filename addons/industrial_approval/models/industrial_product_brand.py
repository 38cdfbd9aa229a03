from odoo import api, fields, models
from odoo.exceptions import ValidationError


def discount_level(discount, manager_discount, head_discount):
    """Who approves ``discount`` (%) within these bands: ``none``, ``head`` or ``director``."""
    if discount <= manager_discount:
        return "none"
    if discount <= head_discount:
        return "head"
    return "director"


class IndustrialProductBrand(models.Model):
    """A brand the company sells, with the discount bands of its approval:
    a manager gives up to ``manager_discount`` alone, the head of the direction
    approves up to ``head_discount``, the director anything above."""

    _name = "industrial.product.brand"
    _description = "Product Brand"
    _order = "name"

    name = fields.Char(required=True, translate=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company)
    manager_discount = fields.Float(
        string="Manager's Discount (%)",
        digits="Discount",
        default=5.0,
        help="Largest line discount a manager gives without approval.",
    )
    head_discount = fields.Float(
        string="Head's Discount (%)",
        digits="Discount",
        default=15.0,
        help="Largest line discount the head of the direction approves; above it the director does.",
    )
    product_count = fields.Integer(compute="_compute_product_count")

    _sql_constraints = [
        ("name_company_uniq", "unique(name, company_id)", "A brand with this name already exists."),
    ]

    def _compute_product_count(self):
        counts = dict(self.env["product.template"]._read_group(
            [("industrial_brand_id", "in", self.ids)], ["industrial_brand_id"], ["__count"],
        ))
        for brand in self:
            brand.product_count = counts.get(brand, 0)

    @api.constrains("manager_discount", "head_discount")
    def _check_bands(self):
        for brand in self:
            if not 0 <= brand.manager_discount < brand.head_discount <= 100:
                raise ValidationError(self.env._(
                    "Brand %(brand)s: the discount bands must grow from 0 to 100 %%: the manager's "
                    "(%(manager)s %%) below the head's (%(head)s %%), the head's at most 100 %%.",
                    brand=brand.name, manager=brand.manager_discount, head=brand.head_discount,
                ))

    def _discount_level(self, discount):
        """Who must approve ``discount`` (%) on a product of this brand:
        ``none``, ``head`` or ``director``."""
        self.ensure_one()
        return discount_level(discount, self.manager_discount, self.head_discount)

    def action_view_products(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("sale.product_template_action")
        action["domain"] = [("industrial_brand_id", "=", self.id)]
        action["context"] = {"default_industrial_brand_id": self.id}
        return action
