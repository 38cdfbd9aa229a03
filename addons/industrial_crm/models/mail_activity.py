from odoo import api, models

# models whose done activities the task discipline report reads
KEEP_DONE_MODELS = ("crm.lead", "industrial.request")


class MailActivity(models.Model):
    _inherit = "mail.activity"

    @api.model_create_multi
    def create(self, vals_list):
        """A summary copied from the activity type is in the assignee's language, not in
        the language of whoever (or whichever job) planned it."""
        activities = super().create(vals_list)
        for activity in activities.filtered(lambda a: a.summary and a.activity_type_id and a.user_id.lang):
            if activity.user_id.lang == (self.env.lang or "en_US"):
                continue
            if activity.summary == activity.activity_type_id.summary:
                activity.summary = activity.activity_type_id.with_context(lang=activity.user_id.lang).summary
        return activities

    def _action_done(self, feedback=False, attachment_ids=None):
        """Done activities of leads, deals and requests are archived instead of
        deleted, as Odoo does for the types that keep done activities: the
        assignee, deadline and done date stay for the task discipline report."""
        kept = self.filtered(
            lambda activity: activity.res_model in KEEP_DONE_MODELS
            and not activity.activity_type_id.keep_done
        )
        if not kept:
            return super()._action_done(feedback=feedback, attachment_ids=attachment_ids)
        return super(MailActivity, self.with_context(industrial_keep_done_ids=kept.ids))._action_done(
            feedback=feedback, attachment_ids=attachment_ids
        )

    def unlink(self):
        keep_ids = self.env.context.get("industrial_keep_done_ids")
        if not keep_ids:
            return super().unlink()
        kept = self.filtered(lambda activity: activity.id in keep_ids)
        kept.action_archive()
        return super(MailActivity, self - kept).unlink()
