import ast

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.osv import expression
from odoo.tools import email_normalize, split_every


class IndustrialMarketingSegment(models.Model):
    """A group of contacts marketing mails, calls and exports.

    The same filters feed the Mailchimp audience and the telemarketing
    export, so both always target the same people.
    """

    _name = "industrial.marketing.segment"
    _description = "Marketing Segment"
    _inherit = ["mail.thread"]
    _order = "name"

    name = fields.Char(required=True, tracking=True)
    active = fields.Boolean(default=True)
    customer_status = fields.Selection(
        [("all", "Leads and Customers"), ("potential", "Leads Only"), ("customer", "Customers Only")],
        string="Who", default="all", required=True, tracking=True,
    )
    direction_ids = fields.Many2many(
        "industrial.direction", string="Directions",
        help="Contacts with a lead or deal in one of these directions.",
    )
    stage_ids = fields.Many2many(
        "crm.stage", string="Deal Stages",
        help="Contacts with a lead or deal in one of these stages.",
    )
    equipment_type_ids = fields.Many2many(
        "industrial.equipment.type", string="Equipment",
        help="Contacts with a lead or deal for this equipment.",
    )
    state_ids = fields.Many2many("res.country.state", string="Regions")
    last_purchase_after = fields.Date(
        help="Contacts whose company has a confirmed sale order since this date.",
    )
    partner_domain = fields.Char(
        string="Extra Filter", default="[]",
        help="Any further Odoo domain on contacts.",
    )
    mailchimp_list_id = fields.Char(
        string="Mailchimp Audience ID", tracking=True,
        help="The audience (list) the segment is synchronised to.",
    )
    mailing_list_id = fields.Many2one(
        "mailing.list", string="Odoo Mailing List", tracking=True, ondelete="set null",
        help="The Odoo mailing list the segment's contacts are copied to (Email Marketing).",
    )
    mailchimp_auto_sync = fields.Boolean(
        string="Sync Daily",
        help="The scheduled action synchronises the segment every day: Mailchimp audience and Odoo mailing list.",
    )
    export_auto = fields.Boolean(
        string="Export Weekly", help="The scheduled action exports the telemarketing list every week.",
    )
    partner_count = fields.Integer(string="Contacts", compute="_compute_partner_count")
    sync_ids = fields.One2many("industrial.mailchimp.sync", "segment_id", string="Mailchimp Syncs")
    sync_count = fields.Integer(compute="_compute_sync_count")
    export_ids = fields.One2many("industrial.telemarketing.export", "segment_id", string="Exports")
    export_count = fields.Integer(compute="_compute_sync_count")
    last_sync_state = fields.Selection(related="sync_ids.state", string="Last Sync")

    @api.constrains("partner_domain")
    def _check_partner_domain(self):
        for segment in self:
            try:
                domain = ast.literal_eval(segment.partner_domain or "[]")
                self.env["res.partner"]._where_calc(domain)
            except (ValueError, SyntaxError, TypeError, KeyError) as exc:
                raise ValidationError(
                    _("The extra filter of segment %(name)s is not a valid domain: %(error)s",
                      name=segment.name, error=exc)
                ) from exc

    @api.constrains("mailchimp_list_id")
    def _check_mailchimp_list_id(self):
        for segment in self.filtered("mailchimp_list_id"):
            if not segment.mailchimp_list_id.isalnum():
                raise ValidationError(
                    _("A Mailchimp audience ID has letters and digits only, e.g. a1b2c3d4e5.")
                )

    def _compute_partner_count(self):
        for segment in self:
            segment.partner_count = self.env["res.partner"].search_count(segment._get_partner_domain())

    def _compute_sync_count(self):
        syncs = dict(self.env["industrial.mailchimp.sync"]._read_group(
            [("segment_id", "in", self.ids)], ["segment_id"], ["__count"]))
        exports = dict(self.env["industrial.telemarketing.export"]._read_group(
            [("segment_id", "in", self.ids)], ["segment_id"], ["__count"]))
        for segment in self:
            segment.sync_count = syncs.get(segment, 0)
            segment.export_count = exports.get(segment, 0)

    def _get_partner_domain(self):
        """Domain on res.partner: individual contacts and companies alike."""
        self.ensure_one()
        domain = ast.literal_eval(self.partner_domain or "[]")
        if self.customer_status != "all":
            domain = expression.AND([domain, [
                ("commercial_partner_id.industrial_customer_status", "=", self.customer_status)]])
        lead_domain = []
        if self.direction_ids:
            lead_domain.append(("direction_id", "in", self.direction_ids.ids))
        if self.stage_ids:
            lead_domain.append(("stage_id", "in", self.stage_ids.ids))
        if self.equipment_type_ids:
            lead_domain.append(("equipment_type_ids", "in", self.equipment_type_ids.ids))
        if lead_domain:
            companies = self.env["crm.lead"].with_context(active_test=False).search_fetch(
                lead_domain + [("industrial_commercial_partner_id", "!=", False)],
                ["industrial_commercial_partner_id"],
            ).industrial_commercial_partner_id.ids
            domain = expression.AND([domain, [("commercial_partner_id", "in", companies)]])
        if self.state_ids:
            domain = expression.AND([domain, [("state_id", "in", self.state_ids.ids)]])
        if self.last_purchase_after:
            buyers = self.env["sale.order"].search_fetch([
                ("state", "=", "sale"), ("date_order", ">=", self.last_purchase_after),
            ], ["partner_id"]).partner_id.commercial_partner_id.ids
            domain = expression.AND([domain, [("commercial_partner_id", "in", buyers)]])
        return domain

    def _partner_ids(self):
        """Ids only: a huge segment is then read in chunks by its callers."""
        return self.env["res.partner"]._search(self._get_partner_domain(), order="id").get_result_ids()

    def action_view_partners(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Contacts of %s", self.name),
            "res_model": "res.partner",
            "view_mode": "list,form",
            "domain": self._get_partner_domain(),
        }

    def action_view_syncs(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("industrial_marketing.action_industrial_mailchimp_sync")
        action["domain"] = [("segment_id", "=", self.id)]
        action["context"] = {"default_segment_id": self.id}
        return action

    def action_view_exports(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "industrial_marketing.action_industrial_telemarketing_export")
        action["domain"] = [("segment_id", "=", self.id)]
        action["context"] = {"default_segment_id": self.id}
        return action

    def action_sync_mailchimp(self):
        """Queue a sync and open it: it runs in the background, its progress shows on it."""
        self.ensure_one()
        if not self.mailchimp_list_id:
            raise UserError(_("Set the Mailchimp audience ID of segment %s first.", self.name))
        Sync = self.env["industrial.mailchimp.sync"]
        Sync._check_audience_free(self.mailchimp_list_id)
        sync = Sync.create({"segment_id": self.id})
        sync._enqueue()
        return {
            "type": "ir.actions.act_window",
            "res_model": "industrial.mailchimp.sync",
            "res_id": sync.id,
            "view_mode": "form",
        }

    def action_export_telemarketing(self):
        self.ensure_one()
        export = self.env["industrial.telemarketing.export"].create({"segment_id": self.id})
        export._generate()
        return {
            "type": "ir.actions.act_window",
            "res_model": "industrial.telemarketing.export",
            "res_id": export.id,
            "view_mode": "form",
        }

    def action_update_mailing_list(self):
        self.ensure_one()
        if not self.mailing_list_id:
            raise UserError(_("Choose the Odoo mailing list of segment %s first.", self.name))
        added, removed, kept = self._update_mailing_list()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": _("Mailing list %(list)s: %(added)s added, %(removed)s removed, %(kept)s kept.",
                             list=self.mailing_list_id.name, added=added, removed=removed, kept=kept),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    def action_create_mailing(self):
        """An Email Marketing mailing on the segment's contacts: mass_mailing's own recipient
        domain picks them when it is sent, one mail per address, none to the blacklist."""
        self.ensure_one()
        mailing = self.env["mailing.mailing"].create({
            "subject": self.name,
            "mailing_type": "mail",
            "mailing_model_id": self.env["ir.model"]._get_id("res.partner"),
            "mailing_domain": repr(self._get_partner_domain()),
        })
        return {
            "type": "ir.actions.act_window",
            "res_model": "mailing.mailing",
            "res_id": mailing.id,
            "view_mode": "form",
        }

    def action_view_mailing_list(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("mass_mailing.action_view_mass_mailing_contacts")
        action["domain"] = [("list_ids", "in", self.mailing_list_id.ids)]
        action["context"] = {"default_list_ids": self.mailing_list_id.ids}
        return action

    def _update_mailing_list(self):
        """Make the mailing list mirror the segment, by normalised email.

        Valid, non-blacklisted addresses only; whoever unsubscribed from the
        list stays unsubscribed; whoever left the segment leaves the list."""
        self.ensure_one()
        mailing_list = self.mailing_list_id.sudo()
        Partner = self.env["res.partner"]
        Blacklist = self.env["mail.blacklist"].sudo()
        wanted = {}
        for chunk in split_every(1000, self._partner_ids()):
            emails = {}
            for partner in Partner.browse(chunk).with_context(prefetch_fields=False):
                email = email_normalize(partner.email or "")
                if email and email not in wanted:
                    emails.setdefault(email, partner)
            blacklisted = set(Blacklist.search_fetch([("email", "in", list(emails))], ["email"]).mapped("email"))
            wanted.update((email, partner) for email, partner in emails.items() if email not in blacklisted)
        subscriptions = self.env["mailing.subscription"].sudo().search_fetch(
            [("list_id", "=", mailing_list.id)], ["contact_id", "opt_out"])
        present = {}
        for subscription in subscriptions:
            present.setdefault(email_normalize(subscription.contact_id.email or ""), subscription)
        gone = subscriptions.filtered(
            lambda s: not s.opt_out and email_normalize(s.contact_id.email or "") not in wanted)
        new = [email for email in wanted if email not in present]
        Contact = self.env["mailing.contact"].sudo()
        known = {}
        for chunk in split_every(1000, new):
            for contact in Contact.search_fetch([("email_normalized", "in", chunk)], ["email_normalized"]):
                known.setdefault(contact.email_normalized, contact)
        self.env["mailing.subscription"].sudo().create([
            {"contact_id": known[email].id, "list_id": mailing_list.id} for email in new if email in known
        ])
        Contact.create([{
            "name": wanted[email].name,
            "email": wanted[email].email,
            "company_name": wanted[email].commercial_company_name or False,
            "country_id": wanted[email].country_id.id,
            "subscription_ids": [(0, 0, {"list_id": mailing_list.id})],
        } for email in new if email not in known])
        gone.unlink()
        self.message_post(body=_(
            "Mailing list %(list)s updated: %(added)s added, %(removed)s removed, %(kept)s kept.",
            list=mailing_list.name, added=len(new), removed=len(gone), kept=len(wanted) - len(new)))
        return len(new), len(gone), len(wanted) - len(new)

    @api.model
    def _cron_sync_mailchimp(self):
        segments = self.with_context(lang=self.env["res.users"]._industrial_admin_lang()).search(
            [("mailchimp_auto_sync", "=", True)])
        Sync = self.env["industrial.mailchimp.sync"].with_context(segments.env.context)
        syncs = Sync.browse()
        for segment in segments.filtered("mailchimp_list_id"):
            syncs |= Sync.create({"segment_id": segment.id})
        if syncs:
            syncs._enqueue()
        for segment in segments.filtered("mailing_list_id"):
            segment._update_mailing_list()

    @api.model
    def _cron_export_telemarketing(self):
        Export = self.env["industrial.telemarketing.export"]
        for segment in self.search([("export_auto", "=", True)]):
            Export.create({"segment_id": segment.id})._generate()
