from odoo import fields, models

COVERAGE = [
    ("stock", "From stock"),
    ("production", "From production"),
    ("supplier", "From a supplier"),
    ("mixed", "Mixed"),
    ("uncovered", "Not covered"),
]


class IndustrialReadinessMixin(models.AbstractModel):
    """Coverage, readiness and completion dates of goods sold: an order line computes
    them from its moves, productions and purchases; an order and a deal aggregate
    their lines. Each model implements ``_compute_industrial_readiness``."""

    _name = "industrial.readiness.mixin"
    _description = "Readiness of Goods Sold"

    industrial_coverage = fields.Selection(
        COVERAGE, string="Coverage", compute="_compute_industrial_readiness", store=True,
        help="How the goods are supplied: reserved from stock, made by production or bought "
        "from a supplier.",
    )
    industrial_readiness = fields.Float(
        string="Readiness (%)", compute="_compute_industrial_readiness", store=True,
        help="Goods ready to ship plus the progress of their production.",
    )
    industrial_date_planned = fields.Datetime(
        string="Planned Completion", compute="_compute_industrial_readiness", store=True,
    )
    industrial_date_expected = fields.Datetime(
        string="Expected Completion", compute="_compute_industrial_readiness", store=True,
    )
    industrial_is_late = fields.Boolean(
        string="Production Late", compute="_compute_industrial_readiness", store=True,
    )
    industrial_goods_available = fields.Boolean(
        string="Goods Available", compute="_compute_industrial_readiness", store=True,
        help="Every good is in stock for the delivery (reserved or delivered).",
    )
