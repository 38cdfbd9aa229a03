from odoo import api, fields, models
from odoo.exceptions import UserError

APPROVAL_LEVELS = [
    ("none", "Manager"),
    ("head", "Head of Direction"),
    ("director", "Director"),
]
LEVEL_RANK = {"none": 0, "head": 1, "director": 2}


class SaleOrder(models.Model):
    """A quotation whose line discount exceeds the manager's band of its brand
    goes through tier validation (``sale_tier_validation``): the head of the
    order's direction (its sales team's leader) or the director approves it
    before it is sent or confirmed; approved discounts land in the registry."""

    _inherit = "sale.order"

    discount_approval_level = fields.Selection(
        APPROVAL_LEVELS,
        string="Discount Approved By",
        compute="_compute_discount_approval_level",
        help="Who must approve the largest discount of the quotation, by the bands of each line's brand.",
    )
    approval_head_ids = fields.Many2many(
        "res.users",
        string="Approving Head",
        compute="_compute_approval_reviewers",
        help="The leader of the order's sales team (direction); the director when it has none.",
    )
    approval_director_ids = fields.Many2many(
        "res.users",
        string="Approving Director",
        compute="_compute_approval_reviewers",
    )
    discount_approval_state = fields.Selection(
        [
            ("none", "Not needed"),
            ("pending", "Waiting for approval"),
            ("approved", "Approved"),
            ("rejected", "Refused"),
        ],
        string="Discount Approval",
        compute="_compute_discount_approval_state",
    )
    discount_approval_ids = fields.One2many(
        "industrial.discount.approval", "order_id", string="Approved Discounts",
    )

    @api.depends("order_line.discount", "order_line.product_id", "order_line.display_type", "company_id")
    def _compute_discount_approval_level(self):
        for order in self:
            levels = order.order_line.filtered(lambda line: not line.display_type).mapped("discount_approval_level")
            order.discount_approval_level = max(levels, key=LEVEL_RANK.get, default="none")

    @api.depends("validation_status", "review_ids")
    def _compute_discount_approval_state(self):
        states = {"waiting": "pending", "pending": "pending", "validated": "approved", "rejected": "rejected"}
        for order in self:
            order.discount_approval_state = states.get(order.validation_status, "none") if order.review_ids else "none"

    @api.depends("team_id.user_id", "company_id")
    def _compute_approval_reviewers(self):
        for order in self:
            company = order.company_id or self.env.company
            directors = company._industrial_approval_directors()
            order.approval_director_ids = directors
            order.approval_head_ids = order.team_id.user_id or directors

    # CRUD

    def write(self, vals):
        if vals.get("state") == "sent":
            self._industrial_check_discount_approved()
        return super().write(vals)

    # ACTIONS

    def action_confirm(self):
        self._industrial_check_discount_approved()
        return super().action_confirm()

    def action_quotation_send(self):
        self.filtered(lambda o: o.state in ("draft", "sent"))._industrial_check_discount_approved()
        return super().action_quotation_send()

    def action_quotation_sent(self):
        self._industrial_check_discount_approved()
        return super().action_quotation_sent()

    # BUSINESS METHODS

    def _industrial_check_discount_approved(self):
        """Refuse to send or confirm a quotation whose discount is not approved yet,
        in the user's words (tier validation would refuse the confirmation too)."""
        for order in self:
            if order.discount_approval_level == "none" or order.validation_status == "validated":
                continue
            if order.validation_status == "rejected":
                message = self.env._(
                    "The discount of %(order)s was refused: change it and request the approval again "
                    "before sending or confirming the quotation.", order=order.name,
                )
            elif order.review_ids:
                message = self.env._(
                    "The discount of %(order)s waits for approval: the quotation can be sent or confirmed "
                    "once it is approved.", order=order.name,
                )
            else:
                message = self.env._(
                    "The discount of %(order)s is above the manager's band: request its approval "
                    "before sending or confirming the quotation.", order=order.name,
                )
            raise UserError(message)

    def _industrial_check_lines_editable(self):
        """The lines of a quotation under approval are what the approver saw:
        they change only after the approval is restarted."""
        for order in self:
            if order.state in ("draft", "sent") and order.review_ids and not self.env.context.get("skip_validation_check"):
                raise UserError(self.env._(
                    "The lines of %(order)s are under discount approval: restart the approval to change them.",
                    order=order.name,
                ))

    def _check_allow_write_under_validation(self, vals):
        """An approved quotation may still be marked as sent."""
        if set(vals) <= {"state"} and vals.get("state") == "sent" and self.validation_status == "validated":
            return True
        return super()._check_allow_write_under_validation(vals)

    def _validate_tier(self, tiers=False):
        res = super()._validate_tier(tiers)
        self._industrial_register_approved_discounts()
        return res

    def _industrial_register_approved_discounts(self):
        """Once every review of a quotation is approved, each line above the
        manager's band is written to the registry of approved discounts."""
        rows = []
        for order in self.sudo():
            if order.validation_status != "validated" or order.discount_approval_ids:
                continue
            reviews = order.review_ids.filtered(lambda r: r.status == "approved").sorted("reviewed_date")
            last = reviews[-1:]
            for line in order.order_line.filtered(lambda l: not l.display_type and l.discount_approval_level != "none"):
                rows.append({
                    "order_id": order.id,
                    "order_line_id": line.id,
                    "product_id": line.product_id.id,
                    "brand_id": line.product_id.industrial_brand_id.id,
                    "discount": line.discount,
                    "level": line.discount_approval_level,
                    "approver_id": last.done_by.id,
                    "date": last.reviewed_date or fields.Datetime.now(),
                    "comment": last.comment,
                })
        return self.env["industrial.discount.approval"].sudo().create(rows)
