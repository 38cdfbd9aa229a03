import random

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError


class IndustrialSatisfactionCallWizard(models.TransientModel):
    """The head plans "Satisfaction call" tasks on closed deals of his directions:
    a random sample of them, or the deals he selected."""

    _name = "industrial.satisfaction.call.wizard"
    _description = "Plan Satisfaction Calls"

    mode = fields.Selection(
        [("sample", "Random sample"), ("selected", "Selected deals")],
        required=True, default="sample",
    )
    sample_size = fields.Integer(string="Number of Deals", default=5)
    direction_ids = fields.Many2many(
        "industrial.direction", string="Directions",
        domain=lambda self: [("id", "in", self._get_allowed_directions().ids)],
        help="Leave empty for all the directions you head.",
    )
    closed_since = fields.Date(help="Only deals closed on or after this date.")
    skip_surveyed = fields.Boolean(
        string="Skip Surveyed Deals", default=True,
        help="Leave out the deals already surveyed or with a satisfaction call planned.",
    )
    lead_ids = fields.Many2many("crm.lead", string="Deals")
    user_id = fields.Many2one(
        "res.users", string="Caller", required=True, default=lambda self: self.env.user,
        domain="[('share', '=', False)]",
    )
    date_deadline = fields.Date(
        string="Due Date", required=True,
        default=lambda self: self.env.ref("industrial_crm.mail_act_satisfaction_call")._get_date_deadline(),
    )

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        context = self.env.context
        if context.get("active_model") == "crm.lead" and context.get("active_ids"):
            values.update(mode="selected", lead_ids=[(6, 0, context["active_ids"])])
        return values

    @api.model
    def _get_allowed_directions(self):
        """The director surveys every direction, a head the directions he heads."""
        Direction = self.env["industrial.direction"]
        if self.env.user.has_group("industrial_crm.group_director"):
            return Direction.search([])
        return Direction.search([("head_id", "=", self.env.uid)])

    def _get_deals_domain(self):
        """Closed deals the user may survey (narrowed by the sample's filters): the
        director any, a head those of the directions he heads."""
        self.ensure_one()
        domain = self.env["crm.lead"]._get_satisfaction_survey_domain()
        allowed = self._get_allowed_directions()
        if self.mode == "sample" and self.direction_ids:
            domain.append(("direction_id", "in", (self.direction_ids & allowed).ids))
        elif not self.env.user.has_group("industrial_crm.group_director"):
            domain.append(("direction_id", "in", allowed.ids))
        if self.mode == "sample" and self.closed_since:
            domain.append(("date_closed", ">=", self.closed_since))
        return domain

    def _get_deals(self):
        self.ensure_one()
        Lead = self.env["crm.lead"]
        unsurveyed = [("satisfaction_outcome", "=", False), ("satisfaction_call_pending", "=", False)]
        if self.mode == "sample":
            if self.sample_size < 1:
                raise UserError(_("Give the number of deals to call."))
            domain = self._get_deals_domain() + (unsurveyed if self.skip_surveyed else [])
            ids = Lead._search(domain).get_result_ids()
            return Lead.browse(random.sample(ids, min(self.sample_size, len(ids))))
        outside = self.lead_ids - self.lead_ids.filtered_domain(self._get_deals_domain())
        if outside:
            raise UserError(_(
                "Satisfaction calls are planned on closed deals of your directions only: %(deals)s.",
                deals=", ".join(outside.mapped("display_name")),
            ))
        return self.lead_ids.filtered_domain(unsurveyed) if self.skip_surveyed else self.lead_ids

    def action_plan(self):
        """One "Satisfaction call" activity per chosen deal, for the caller."""
        self.ensure_one()
        if not self.env.user.has_group("industrial_crm.group_head"):
            raise AccessError(_("Only the heads of direction plan satisfaction calls."))
        leads = self._get_deals()
        if not leads:
            raise UserError(_("No closed deal of your directions left to survey: nothing to call."))
        leads.activity_schedule(
            "industrial_crm.mail_act_satisfaction_call",
            date_deadline=self.date_deadline,
            user_id=self.user_id.id,
        )
        message = _(
            "%(count)s satisfaction calls planned for %(user)s.", count=len(leads), user=self.user_id.name
        )
        if self.mode == "selected" and len(leads) < len(self.lead_ids):
            message += " " + _(
                "%(count)s deals already surveyed or planned were skipped.",
                count=len(self.lead_ids) - len(leads),
            )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "message": message,
                "type": "success",
                "next": {"type": "ir.actions.act_window_close"},
            },
        }
