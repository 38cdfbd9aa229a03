from odoo import models


class TierValidation(models.AbstractModel):
    _inherit = "tier.validation"

    def _industrial_demo_review(self, requester_login, approver_login=False, comment=False):
        """Demo data only: the validation of these records requested by one demo
        user and, when ``approver_login`` is given, approved by another, as they
        would have clicked it."""
        Users = self.env["res.users"]
        requester = Users.search([("login", "=", requester_login)], limit=1)
        for record in self:
            record.with_user(requester).request_validation()
            if approver_login:
                approver = Users.search([("login", "=", approver_login)], limit=1)
                reviews = record.review_ids.filtered(lambda r, a=approver: a in r.reviewer_ids)
                reviews.write({"comment": comment})
                record.with_user(approver)._validate_tier(reviews)
        return True
