from odoo import models

# models whose done activities the task discipline report reads
KEEP_DONE_MODELS = ("crm.lead", "industrial.request")


class MailActivity(models.Model):
    _inherit = "mail.activity"

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
