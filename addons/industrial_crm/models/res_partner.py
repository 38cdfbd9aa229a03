from odoo import api, fields, models

from ..tools import normalize_phone


class ResPartner(models.Model):
    _inherit = "res.partner"

    # stock res.partner has no index on email: intake looks contacts up by it
    email_normalized = fields.Char(index="btree_not_null")
    industrial_kpp = fields.Char(
        string="Tax Reason Code (KPP)", size=9, copy=False, index="btree_not_null",
        help="Tax registration reason code (КПП) of an organisation: 9 characters, NNNNPPXXX. "
        "Kept here for the exchange with 1C; industrial_ru checks it.",
    )
    industrial_phone_e164 = fields.Char(
        string="Phone (E.164)", compute="_compute_industrial_phone_e164", store=True,
        index="btree_not_null",
    )
    industrial_mobile_e164 = fields.Char(
        string="Mobile (E.164)", compute="_compute_industrial_phone_e164", store=True,
        index="btree_not_null",
    )
    industrial_customer_status = fields.Selection(
        [("potential", "Potential customer"), ("customer", "Customer")],
        string="Customer Status",
        compute="_compute_industrial_customer_status", store=True, readonly=False, recursive=True,
        tracking=True,
    )
    industrial_lead_ids = fields.One2many(
        "crm.lead", "industrial_commercial_partner_id", string="Leads and Deals of the Company"
    )
    industrial_won_lead_ids = fields.One2many(
        "crm.lead", "industrial_won_partner_id", string="Won Deals of the Company"
    )
    industrial_won_amount = fields.Monetary(
        string="Won Amount",
        compute="_compute_industrial_won_amount", store=True,
        currency_field="industrial_currency_id",
        help="Total expected revenue of the company's won deals.",
        groups="sales_team.group_sale_salesman",
    )
    industrial_currency_id = fields.Many2one(
        "res.currency", compute="_compute_industrial_currency_id"
    )
    industrial_holding_id = fields.Many2one(
        "industrial.holding", string="Holding", index="btree_not_null", tracking=True,
        compute="_compute_industrial_holding_id", store=True, readonly=False, recursive=True,
    )
    industrial_holding_member_ids = fields.Many2many(
        "res.partner", string="Holding Members", compute="_compute_industrial_holding_member_ids"
    )

    @api.depends("phone", "mobile")
    def _compute_industrial_phone_e164(self):
        region = self.env["industrial.request"]._industrial_phone_region()
        for partner in self:
            partner.industrial_phone_e164 = normalize_phone(partner.phone, region)
            partner.industrial_mobile_e164 = normalize_phone(partner.mobile, region)

    @api.depends("industrial_won_amount", "parent_id.industrial_customer_status")
    def _compute_industrial_customer_status(self):
        for partner in self:
            if partner.commercial_partner_id.industrial_won_amount > 0:
                partner.industrial_customer_status = "customer"
            elif partner.parent_id and partner.parent_id.industrial_customer_status:
                partner.industrial_customer_status = partner.parent_id.industrial_customer_status
            else:
                partner.industrial_customer_status = partner.industrial_customer_status

    @api.depends("industrial_won_lead_ids.expected_revenue")
    def _compute_industrial_won_amount(self):
        won = dict(
            self.env["crm.lead"].sudo()._read_group(
                [("industrial_won_partner_id", "in", self.ids)],
                ["industrial_won_partner_id"],
                ["expected_revenue:sum"],
            )
        )
        for partner in self:
            partner.industrial_won_amount = won.get(partner, 0.0)

    def _compute_industrial_currency_id(self):
        for partner in self:
            partner.industrial_currency_id = (partner.company_id or self.env.company).currency_id

    @api.depends("parent_id.industrial_holding_id")
    def _compute_industrial_holding_id(self):
        for partner in self:
            if partner.parent_id:
                partner.industrial_holding_id = partner.parent_id.industrial_holding_id
            else:
                partner.industrial_holding_id = partner.industrial_holding_id

    @api.depends("industrial_holding_id")
    def _compute_industrial_holding_member_ids(self):
        for partner in self:
            holding = partner.industrial_holding_id
            partner.industrial_holding_member_ids = holding.member_ids.filtered(
                lambda p: p.is_company and p != partner.commercial_partner_id
            ) if holding else False

    # ------------------------------------------------------------
    # BUSINESS METHODS
    # ------------------------------------------------------------

    @api.model
    def _industrial_find_contact(self, phone_e164, email_normalized):
        """The contact a request comes from, by indexed phone then email, read
        whole in the same query (the lead created next copies its data)."""
        fetched = [
            name for name, field in self._fields.items()
            if field.prefetch is True and field.is_accessible(self.env)
        ]
        if phone_e164:
            partner = self.search_fetch(
                ["|", ("industrial_phone_e164", "=", phone_e164),
                 ("industrial_mobile_e164", "=", phone_e164)],
                fetched, limit=1, order="id",
            )
            if partner:
                return partner
        if email_normalized:
            return self.search_fetch(
                [("email_normalized", "=", email_normalized)], fetched, limit=1, order="id"
            )
        return self.browse()

    def _industrial_open_lead(self):
        """The open lead or deal of the contact's company, deals first: active and
        not in a won stage (lost ones are archived)."""
        self.ensure_one()
        return self.env["crm.lead"].sudo().search(
            [
                ("industrial_commercial_partner_id", "=", self.commercial_partner_id.id),
                ("stage_id.is_won", "=", False),
            ],
            order="type desc, id desc",
            limit=1,
        )

    def action_view_industrial_requests(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "industrial_crm.industrial_request_action"
        )
        action["domain"] = [("partner_id", "child_of", self.commercial_partner_id.id)]
        return action
