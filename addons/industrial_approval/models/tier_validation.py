from odoo import api, models


class TierValidation(models.AbstractModel):
    """Tier validation as our approvers work it: each reviewer gets an activity
    when a review is requested, which closes once the review is decided, and
    the one who asked gets an activity with the reason of a refusal."""

    _inherit = "tier.validation"

    def _industrial_approval_activity_user(self, users):
        """The users who get an approval activity: no shared user, not OdooBot."""
        return users.filtered(lambda u: u.active and not u.share and not u._is_superuser())

    def request_validation(self):
        """Reviews open at once (pending), also when the requester is no reviewer:
        the comment wizard only records the comment of a pending review."""
        reviews = super().request_validation()
        # the requester is no reviewer: he may not write the reviews himself
        reviews.sudo()._compute_can_review()
        return reviews

    @api.model
    def _update_counter(self, review_counter):
        """Opening reviews (waiting to pending) is bookkeeping, done whoever
        clicked: only the decision is kept to the reviewers."""
        return super(TierValidation, self.sudo())._update_counter(review_counter)

    def _notify_review_requested(self, tier_reviews):
        res = super()._notify_review_requested(tier_reviews)
        activity_type = self.env.ref("industrial_approval.mail_act_approval")
        for record in self.sudo():
            if "activity_ids" not in record._fields:
                continue
            for review in tier_reviews.filtered(lambda r, rec=record: r.res_id == rec.id):
                for user in self._industrial_approval_activity_user(review.reviewer_ids):
                    record.activity_schedule(
                        activity_type_id=activity_type.id,
                        summary=self.with_context(lang=user.lang).env._(
                            "Approve: %(review)s", review=review.with_context(lang=user.lang).name),
                        user_id=user.id,
                    )
        return res

    def _industrial_close_approval_activities(self, feedback):
        activity_type = self.env.ref("industrial_approval.mail_act_approval")
        for record in self.sudo():
            if "activity_ids" not in record._fields:
                continue
            pending = record.review_ids.filtered(lambda r: r.status in ("waiting", "pending"))
            activities = record.activity_ids.filtered(
                lambda a, users=pending.reviewer_ids: a.activity_type_id == activity_type
                and a.user_id not in users
            )
            if record.validation_status == "rejected":
                activities = record.activity_ids.filtered(lambda a: a.activity_type_id == activity_type)
            activities.action_feedback(feedback=feedback)

    # Chatter messages of tier validation, in our words (and so translated)

    def _notify_created_review_body(self):
        return self.env._("%(user)s asks for approval.", user=self.env.user.name)

    def _notify_requested_review_body(self):
        return self.env._("%(user)s asks for approval.", user=self.env.user.name)

    def _notify_accepted_reviews_body(self):
        comment = self._industrial_my_review_comment()
        if comment:
            return self.env._("Approved by %(user)s: %(comment)s", user=self.env.user.name, comment=comment)
        return self.env._("Approved by %(user)s", user=self.env.user.name)

    def _notify_rejected_review_body(self):
        comment = self._industrial_my_review_comment()
        if comment:
            return self.env._("Refused by %(user)s: %(comment)s", user=self.env.user.name, comment=comment)
        return self.env._("Refused by %(user)s", user=self.env.user.name)

    def _industrial_my_review_comment(self):
        reviews = self.review_ids.filtered(lambda r: self.env.user in r.reviewer_ids and r.comment)
        return reviews[:1].comment

    def _add_comment(self, validate_reject, reviews):
        action = super()._add_comment(validate_reject, reviews)
        action["name"] = (
            self.env._("Approve") if validate_reject == "validate" else self.env._("Refuse: give the reason")
        )
        return action

    def _validate_tier(self, tiers=False):
        res = super()._validate_tier(tiers)
        self._industrial_close_approval_activities(self.env._("Approved by %(user)s", user=self.env.user.name))
        return res

    def _rejected_tier(self, tiers=False):
        res = super()._rejected_tier(tiers)
        self._industrial_close_approval_activities(self.env._("Refused by %(user)s", user=self.env.user.name))
        activity_type = self.env.ref("industrial_approval.mail_act_approval_refused")
        for record in self.sudo():
            if "activity_ids" not in record._fields:
                continue
            refused = record.review_ids.filtered(lambda r: r.status == "rejected" and r.done_by == self.env.user)
            for review in refused:
                if review.requested_by and not review.requested_by._is_superuser():
                    record.activity_schedule(
                        activity_type_id=activity_type.id,
                        summary=self.with_context(lang=review.requested_by.lang).env._(
                            "Refused: %(review)s", review=review.with_context(lang=review.requested_by.lang).name),
                        note=review.comment or False,
                        user_id=review.requested_by.id,
                    )
        return res
