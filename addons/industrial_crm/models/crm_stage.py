from odoo import api, fields, models

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
    industrial_ends_prepayment = fields.Boolean(
        string="Ends Prepayment",
        help="Money received for a deal before this stage is a prepayment; from this stage on, "
        "money short of the amount due is a partial payment.",
    )
    industrial_offers_service = fields.Boolean(
        string="Offers Service Contract",
        help="A deal reaching this stage gets an activity to offer the customer a service contract.",
    )

    _sql_constraints = [
        (
            "industrial_code_uniq",
            "unique(industrial_code)",
            "Each process step may be used by one stage only.",
        ),
    ]

    @api.model
    def _industrial_replace_stock_stages(self, replacements):
        """Move leads off crm's generic stages onto the process stages, then
        drop the generic ones (crm creates them only at its installation)."""
        for xmlid, stage_id in replacements.items():
            stage = self.env.ref(xmlid, raise_if_not_found=False)
            if not stage:
                continue
            leads = self.env["crm.lead"].with_context(active_test=False).search([("stage_id", "=", stage.id)])
            leads.with_context(industrial_stage_override=True, tracking_disable=True).write(
                {"stage_id": stage_id}
            )
            stage.unlink()
