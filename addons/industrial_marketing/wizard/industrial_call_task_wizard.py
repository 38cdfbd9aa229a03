from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError


class IndustrialCallTaskWizard(models.TransientModel):
    """Give a manager the task "Call the client" for many contacts at once."""

    _name = "industrial.call.task.wizard"
    _description = "Assign Call Tasks"

    partner_ids = fields.Many2many("res.partner", string="Contacts", required=True)
    user_id = fields.Many2one(
        "res.users", string="Manager", required=True,
        domain=lambda self: [("groups_id", "in", self.env.ref("industrial_crm.group_manager").ids)],
    )
    date_deadline = fields.Date(string="Due Date", required=True, default=fields.Date.context_today)
    note = fields.Html()

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        if self.env.context.get("active_model") == "res.partner" and self.env.context.get("active_ids"):
            values["partner_ids"] = [(6, 0, self.env.context["active_ids"])]
        return values

    def action_assign(self):
        """Schedule one activity per contact, in one write; skip contacts already given to the manager."""
        self.ensure_one()
        if not self.env.user.has_group("industrial_crm.group_marketer") and \
                not self.env.user.has_group("industrial_crm.group_head"):
            raise AccessError(_("Only marketers and heads of direction assign call tasks."))
        if not self.user_id.has_group("industrial_crm.group_manager"):
            raise UserError(_("%s is not a sales manager: call tasks go to managers.", self.user_id.name))
        activity_type = self.env.ref("industrial_crm.mail_act_call_client")
        Activity = self.env["mail.activity"].sudo()
        already = set(Activity.search_fetch([
            ("res_model", "=", "res.partner"), ("res_id", "in", self.partner_ids.ids),
            ("activity_type_id", "=", activity_type.id), ("user_id", "=", self.user_id.id),
        ], ["res_id"]).mapped("res_id"))
        model_id = self.env["ir.model"]._get_id("res.partner")
        todo = self.partner_ids.filtered(lambda p: p.id not in already)
        # the manager receives the task even though a marketer may not edit the contact
        activities = Activity.create([{
            "res_model_id": model_id,
            "res_id": partner.id,
            "activity_type_id": activity_type.id,
            "summary": activity_type.summary or activity_type.name,
            "note": self.note,
            "date_deadline": self.date_deadline,
            "user_id": self.user_id.id,
        } for partner in todo])
        message = _("%(count)s call tasks assigned to %(user)s.", count=len(activities), user=self.user_id.name)
        if already:
            message += " " + _("%s contacts already had this task and were skipped.", len(already))
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {"message": message, "type": "success", "next": {"type": "ir.actions.act_window_close"}},
        }
