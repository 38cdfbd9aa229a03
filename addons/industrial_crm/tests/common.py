from unittest.mock import patch
from urllib.parse import urlparse

from odoo.tests.common import _super_send

from odoo.addons.mail.tests.common import MailCommon, mail_new_test_user


class IndustrialCrmCommon(MailCommon):
    """Two directions with their teams, a user per role, equipment types."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ir.config_parameter"].sudo().set_param("industrial_crm.phone_region", "RU")
        cls.env["ir.config_parameter"].sudo().set_param("industrial_crm.escalation_hours", "24")
        company = cls.company_admin
        # a bounce is sent from a new cursor, which would wait forever on the
        # rows this test transaction holds: record it instead
        cls.bounced = []
        cls.startClassPatcher(patch.object(
            type(cls.env["mail.alias"]), "_alias_bounce_incoming_email", autospec=True,
            side_effect=lambda alias, message, message_dict, set_invalid=True: cls.bounced.append(
                message_dict.get("message_id")
            ),
        ))

        def user(login, groups, name):
            return mail_new_test_user(
                cls.env, login=login, groups=groups, name=name,
                email=f"{login}@vacuum.example.com", company_id=company.id,
                notification_type="inbox",
            )

        cls.user_dispatcher = user("t_dispatcher", "industrial_crm.group_dispatcher", "Dina Dispatcher")
        cls.user_manager = user("t_manager", "industrial_crm.group_manager", "Mark Manager")
        cls.user_manager_2 = user("t_manager2", "industrial_crm.group_manager", "Maria Manager")
        cls.user_manager_other = user("t_manager_o", "industrial_crm.group_manager", "Oleg Other")
        cls.user_head = user("t_head", "industrial_crm.group_head", "Helen Head")
        cls.user_head_other = user("t_head_o", "industrial_crm.group_head", "Hugo Other Head")
        cls.user_marketer = user("t_marketer", "industrial_crm.group_marketer", "Mila Marketer")
        cls.user_director = user("t_director", "industrial_crm.group_director", "Dmitry Director")

        Team = cls.env["crm.team"].with_context(mail_create_nosubscribe=True)
        cls.team_hv = Team.create({"name": "High Vacuum", "use_leads": True})
        cls.team_pump = Team.create({"name": "Pumps", "use_leads": True})
        Direction = cls.env["industrial.direction"]
        cls.direction_hv = Direction.create({
            "name": "High Vacuum",
            "code": "T_HV",
            "team_id": cls.team_hv.id,
            "head_id": cls.user_head.id,
            "member_ids": [(6, 0, (cls.user_manager | cls.user_manager_2).ids)],
            "alias_name": "t-vacuum",
        })
        cls.direction_pump = Direction.create({
            "name": "Pumps",
            "code": "T_PUMP",
            "team_id": cls.team_pump.id,
            "head_id": cls.user_head_other.id,
            "member_ids": [(6, 0, cls.user_manager_other.ids)],
            "alias_name": "t-pumps",
        })
        EquipmentType = cls.env["industrial.equipment.type"]
        cls.eq_certified = EquipmentType.create({"name": "HV test bench", "needs_certification": True})
        cls.eq_plain = EquipmentType.create({"name": "Rotary vane pump"})

        Stage = cls.env["crm.stage"]
        cls.stages = {
            code: Stage.search([("industrial_code", "=", code)], limit=1)
            for code in ("selection", "negotiation", "reservation", "shipment",
                         "commissioning", "certification", "service", "closed")
        }
        cls.customer = cls.env["res.partner"].create({
            "name": "Cryogenmash JSC",
            "is_company": True,
            "email": "info@cryogenmash.example.ru",
            "phone": "+7 495 111-22-33",
        })

    @classmethod
    def _create_deal(cls, **values):
        vals = {
            "name": "Vacuum furnace for Cryogenmash",
            "type": "opportunity",
            "partner_id": cls.customer.id,
            "direction_id": cls.direction_hv.id,
            "team_id": cls.team_hv.id,
            "user_id": cls.user_manager.id,
            "equipment_type_ids": [(6, 0, cls.eq_plain.ids)],
            "expected_revenue": 1500000,
            "stage_id": cls.stages["selection"].id,
        }
        vals.update(values)
        return cls.env["crm.lead"].create(vals)

    def _invoice_deal(self, deal, price=None):
        """A confirmed order for the deal's amount, invoiced and posted (no tax)."""
        product = self.env["product.product"].create({"name": "Turbo pump", "type": "consu"})
        order = self.env["sale.order"].create({
            "partner_id": deal.partner_id.id,
            "opportunity_id": deal.id,
            "order_line": [(0, 0, {
                "product_id": product.id, "product_uom_qty": 1,
                "price_unit": price or deal.expected_revenue, "tax_id": [(5,)],
            })],
        })
        order.action_confirm()
        invoice = order._create_invoices()
        invoice.action_post()
        return invoice

    def _register_payment(self, invoice, amount=None):
        values = {"amount": amount} if amount else {}
        self.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=invoice.ids
        ).create(values)._create_payments()

    def _pay_deal(self, deal):
        """Pay the deal in full the way accounting does: invoice, then payment."""
        self._register_payment(self._invoice_deal(deal))

    def _run_acknowledgements(self):
        """What the acknowledgement job does once the registration is committed."""
        return self.env["industrial.request"]._cron_send_acknowledgements()

    def _attachment(self, name="act.pdf"):
        return self.env["ir.attachment"].create({
            "name": name,
            "raw": b"%PDF-1.4 signed",
            "res_model": "crm.lead",
        })


class IndustrialEmulatorCommon(IndustrialCrmCommon):
    """The suite's roles, with HTTP to 127.0.0.1 let through to the test's emulator
    (MikoPBX, SMS.ru...) at the client's own timeout (Odoo raises it to 10 s in tests)."""

    @classmethod
    def _request_handler(cls, s, r, /, **kw):
        if urlparse(r.url).hostname != "127.0.0.1":
            return super()._request_handler(s, r, **kw)
        return _super_send(s, r, **kw)

