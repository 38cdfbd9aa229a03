from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError


class IndustrialCalculationVariant(models.Model):
    """One technical answer of the engineers: what to supply, at what cost and price."""

    _name = "industrial.calculation.variant"
    _description = "Calculation Variant"
    _order = "calculation_id, sequence, id"

    calculation_id = fields.Many2one(
        "industrial.calculation", required=True, index=True, ondelete="cascade",
    )
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True)
    calculation_state = fields.Selection(related="calculation_id.state", string="Calculation Status")
    lead_id = fields.Many2one(related="calculation_id.lead_id", string="Deal")
    engineer_id = fields.Many2one(related="calculation_id.engineer_id")
    company_id = fields.Many2one(related="calculation_id.company_id", store=True)
    currency_id = fields.Many2one(related="calculation_id.currency_id")
    line_ids = fields.One2many("industrial.calculation.variant.line", "variant_id", string="Lines", copy=True)
    cost = fields.Monetary(compute="_compute_cost", store=True, help="Sum of the costs of the lines.")
    price = fields.Monetary(string="Proposed Price", help="Price the engineers propose to the customer.")
    margin = fields.Monetary(compute="_compute_margin", store=True)
    margin_percent = fields.Float(string="Margin (%)", compute="_compute_margin", store=True, aggregator="avg")
    lead_time_days = fields.Integer(string="Lead Time (days)", help="Days from the order to the delivery.")
    notes = fields.Text()
    is_chosen = fields.Boolean(compute="_compute_is_chosen", string="Chosen")

    @api.depends("line_ids.subtotal")
    def _compute_cost(self):
        for variant in self:
            variant.cost = sum(variant.line_ids.mapped("subtotal"))

    @api.depends("cost", "price")
    def _compute_margin(self):
        for variant in self:
            variant.margin = variant.price - variant.cost
            variant.margin_percent = variant.margin / variant.price * 100 if variant.price else 0.0

    def _compute_is_chosen(self):
        for variant in self:
            variant.is_chosen = variant.calculation_id.chosen_variant_id == variant

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        variants = super().create(vals_list)
        variants.calculation_id._check_variants_editable()
        return variants

    def write(self, vals):
        self.calculation_id._check_variants_editable()
        return super().write(vals)

    def unlink(self):
        self.calculation_id._check_variants_editable()
        return super().unlink()

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_use_in_quotation(self):
        """The manager's one click: the variant becomes lines of the deal's draft quotation."""
        self.ensure_one()
        calculation = self.calculation_id
        if not self.env.user.has_group("industrial_crm.group_manager"):
            raise AccessError(_("Only sales managers turn a variant into a quotation."))
        if calculation.state != "done":
            raise UserError(_(
                "The calculation %(name)s is not done yet: its variants cannot be quoted.",
                name=calculation.name,
            ))
        if calculation.order_id:
            raise UserError(_(
                "The variant %(variant)s is already in the quotation %(order)s.",
                variant=calculation.chosen_variant_id.name, order=calculation.order_id.name,
            ))
        lead = calculation.lead_id
        order = lead.order_ids.filtered(lambda o: o.state == "draft")[:1]
        if not order:
            order = self.env["sale.order"].create(self._prepare_quotation_values())
        order.write({"order_line": [(0, 0, values) for values in self._prepare_order_line_values(order)]})
        calculation.write({"chosen_variant_id": self.id, "order_id": order.id})
        calculation.message_post(body=_(
            "The variant %(variant)s was turned into the quotation %(order)s.",
            variant=self.name, order=order.name,
        ))
        return {
            "type": "ir.actions.act_window",
            "res_model": "sale.order",
            "res_id": order.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }

    # ------------------------------------------------------------
    # BUSINESS METHODS
    # ------------------------------------------------------------

    def _prepare_quotation_values(self):
        lead = self.calculation_id.lead_id
        if not lead.partner_id:
            raise UserError(_("Set the customer of the deal %(deal)s before quoting.", deal=lead.name))
        return {
            "partner_id": lead.partner_id.id,
            "opportunity_id": lead.id,
            "team_id": lead.team_id.id,
            "user_id": lead.user_id.id or self.env.uid,
            "company_id": self.company_id.id,
            "origin": self.calculation_id.name,
        }

    def _prepare_order_line_values(self, order):
        """A section named after the variant, then one line per component; the
        proposed price is spread over the lines in proportion to their cost."""
        markup = self.price / self.cost if self.cost else 0.0
        fallback = self.env.ref("industrial_engineering.product_engineering_component")
        start = max(order.order_line.mapped("sequence"), default=0) + 1
        values = [{
            "display_type": "line_section",
            "name": _("%(variant)s (calculation %(name)s)", variant=self.name, name=self.calculation_id.name),
            "sequence": start,
        }]
        for index, line in enumerate(self.line_ids, start=1):
            product = line.product_id or fallback
            values.append({
                "product_id": product.id,
                "name": line.name or product.display_name,
                "product_uom_qty": line.quantity,
                "price_unit": self.currency_id.round(line.unit_cost * markup),
                "customer_lead": self.lead_time_days,
                "sequence": start + index,
            })
        return values
