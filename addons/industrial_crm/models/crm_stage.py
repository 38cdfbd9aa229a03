from odoo import fields, models

STAGE_CODES = [
    ("selection", "Equipment selection"),
    ("negotiation", "Negotiation"),
    ("reservation", "Reservation / production order"),
    ("shipment", "Shipment"),
    ("commissioning", "Delivery and commissioning"),
    ("certification", "Certification"),
    ("service", "Service"),
    ("closed", "Closed"),
]


class CrmStage(models.Model):
    _inherit = "crm.stage"

    industrial_code = fields.Selection(
        STAGE_CODES,
        string="Process Step",
        copy=False,
        help="Step of the deal process this stage stands for; the rules that "
        "guard moving forward are attached to it.",
    )

    _sql_constraints = [
        (
            "industrial_code_uniq",
            "unique(industrial_code)",
            "Each process step may be used by one stage only.",
        ),
    ]
