"""One browser tour per role, in Russian, each started from /odoo after logging
in as the demo user of that role (tours: static/src/tours/industrial_crm_role_tours.js).

The tours need the four modules of the suite and their demo users (``make test``
installs them together). They rely on logins, xml ids and the records built here,
never on the names of demo records."""

from datetime import date, timedelta
from unittest import SkipTest

from odoo import Command
from odoo.tests import HttpCase, tagged

SUITE_MODULES = ["industrial_crm", "industrial_production_link", "industrial_1c_sync", "industrial_miko", "industrial_ru", "industrial_approval", "industrial_engineering", "industrial_marketing"]
# Modules whose Russian texts the tours read (a chosen list loads faster than
# those of every installed module).
TRANSLATED_MODULES = [
    "base", "web", "base_setup", "mail", "resource", "product", "uom", "sales_team", "crm",
    "sale", "sale_crm", "sale_stock", "stock", "mrp", "sale_mrp", "purchase", "account",
    "phone_validation", "mass_mailing", *SUITE_MODULES,
]
DEMO_LOGINS = [
    "admin", "director", "dispatcher", "marketer", "head_hv", "head_pump", "head_heat",
    "manager_hv", "manager_hv2", "manager_pump", "manager_heat", "production",
]


class RoleTourCase(HttpCase):
    """Russian interface for the demo users, and helpers to build their records."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        suite = cls.env["ir.module.module"].search([
            ("name", "in", SUITE_MODULES), ("state", "=", "installed"),
        ])
        if len(suite) < len(SUITE_MODULES):
            # make test installs the whole suite: there these tours always run
            raise SkipTest("the role tours need the four modules of the suite installed")
        cls.env["res.lang"]._activate_lang("ru_RU")
        cls.env["ir.module.module"].search([
            ("state", "=", "installed"), ("name", "in", TRANSLATED_MODULES),
        ])._update_translations("ru_RU")
        cls.demo_users = cls.env["res.users"].search([("login", "in", DEMO_LOGINS)])
        cls.demo_users.write({"lang": "ru_RU", "tz": "Europe/Moscow"})
        cls.stages = {
            stage.industrial_code: stage
            for stage in cls.env["crm.stage"].search([("industrial_code", "!=", False)])
        }
        cls.warehouse = cls.env["stock.warehouse"].search(
            [("company_id", "=", cls.env.company.id)], limit=1,
        )

    @classmethod
    def _demo_user(cls, login):
        user = cls.demo_users.filtered(lambda u: u.login == login)
        assert user, f"the demo user {login} is missing"
        return user

    @classmethod
    def _customer(cls, name):
        return cls.env["res.partner"].create({
            "name": name, "is_company": True, "country_id": cls.env.ref("base.ru").id,
        })

    @classmethod
    def _deal(cls, name, direction, user, stage="selection", **values):
        equipment = cls.env["industrial.equipment.type"].create({
            "name": f"{name}: оборудование", "needs_certification": False,
            "direction_id": direction.id,
        })
        vals = {
            "name": name,
            "type": "opportunity",
            "partner_id": cls._customer(f"{name}: клиент").id,
            "direction_id": direction.id,
            "team_id": direction.team_id.id,
            "user_id": user.id,
            "equipment_type_ids": [Command.set(equipment.ids)],
            "expected_revenue": 1200000,
            "stage_id": cls.stages[stage].id,
        }
        vals.update(values)
        return cls.env["crm.lead"].create(vals)

    @classmethod
    def _confirmed_order(cls, deal, product, qty):
        order = cls.env["sale.order"].create({
            "partner_id": deal.partner_id.id,
            "opportunity_id": deal.id,
            "user_id": deal.user_id.id,
            "team_id": deal.team_id.id,
            "warehouse_id": cls.warehouse.id,
            "order_line": [Command.create({"product_id": product.id, "product_uom_qty": qty})],
        })
        order.action_confirm()
        return order

    @classmethod
    def _stock(cls, product, qty):
        cls.env["stock.quant"]._update_available_quantity(product, cls.warehouse.lot_stock_id, qty)


@tagged("post_install", "-at_install")
class TestRoleTours(RoleTourCase):

    def test_manager_takes_his_deal_to_service(self):
        """The manager reads each refusal on his way from Reservation to Service."""
        manager = self._demo_user("manager_hv")
        direction = self.env.ref("industrial_crm.direction_hv")
        deal = self._deal("Тур менеджера: насосный пост", direction, manager, stage="reservation")
        product = self.env["product.product"].create({
            "name": "Тур: насос пластинчато-роторный НВР-Т", "is_storable": True, "list_price": 300000,
        })
        self._stock(product, 5)
        order = self._confirmed_order(deal, product, 2)
        self.assertEqual(order.state, "sale")
        self.assertTrue(deal.industrial_goods_available)

        self.start_tour("/odoo", "industrial_crm_role_manager", login=manager.login)

        deal.invalidate_recordset()
        self.assertEqual(deal.stage_id, self.stages["service"])
        self.assertEqual(deal.service_decision, "accepted")
        self.assertEqual(deal.acceptance_act_ids.mapped("name"), ["Акт приёмки подписанный.pdf"])
        self.assertEqual(deal.payment_state, "unpaid")
        self.assertTrue(deal.activity_ids.filtered(
            lambda a: a.activity_type_id == self.env.ref("industrial_crm.mail_act_sign_service_contract")
        ))

    def test_production_reads_customer_orders_and_produces(self):
        """Production sees whom it makes the goods for, edits no order, produces."""
        production_user = self._demo_user("production")
        direction = self.env.ref("industrial_crm.direction_heat")
        manager = direction.member_ids[:1]
        deal = self._deal(
            "Тур производства: вакуумная печь", direction, manager, stage="reservation",
            partner_id=self._customer("АО «Тур производства»").id,
        )
        component = self.env["product.product"].create({"name": "Тур: камера печи", "is_storable": True})
        self._stock(component, 3)
        routes = self.warehouse.mto_pull_id.route_id | self.warehouse.manufacture_pull_id.route_id
        routes.active = True
        product = self.env["product.product"].create({
            "name": "Тур: печь вакуумная ПВТ-1", "is_storable": True, "list_price": 3600000,
            "route_ids": [Command.set(routes.ids)],
        })
        self.env["mrp.bom"].create({
            "product_tmpl_id": product.product_tmpl_id.id,
            "product_qty": 1,
            "bom_line_ids": [Command.create({"product_id": component.id, "product_qty": 1})],
        })
        order = self._confirmed_order(deal, product, 1)
        production = self.env["mrp.production"].search([("industrial_sale_order_id", "=", order.id)])
        self.assertEqual(len(production), 1)
        self.assertEqual(production.state, "confirmed")
        self.assertEqual(production.industrial_lead_id, deal)
        self.assertFalse(order.with_user(production_user).has_access("write"))

        self.start_tour("/odoo", "industrial_crm_role_production", login=production_user.login)

        self.assertEqual(production.state, "done")
        self.assertEqual(order.order_line.industrial_readiness, 100)
        self.assertTrue(deal.industrial_goods_available)

    def test_director_sees_every_direction(self):
        """The director groups all deals by direction, finds each direction's deal and
        its overdue activity."""
        director = self._demo_user("director")
        names = {
            "industrial_crm.direction_hv": ("Высокий вакуум", "Тур директора: высоковакуумная установка"),
            "industrial_crm.direction_pump": ("Насосное оборудование", "Тур директора: насосная станция"),
            "industrial_crm.direction_heat": ("Термическое оборудование", "Тур директора: вакуумная печь"),
        }
        for xmlid, (direction_name, deal_name) in names.items():
            direction = self.env.ref(xmlid)
            # the tour reads the directions by these names
            self.assertEqual(direction.with_context(lang="ru_RU").name, direction_name)
            manager = direction.member_ids[:1]
            self.assertTrue(manager)
            deal = self._deal(deal_name, direction, manager, stage="negotiation")
            deal.activity_schedule(
                "mail.mail_activity_data_call", date_deadline=date.today() - timedelta(days=2),
                user_id=manager.id,
            )

        self.start_tour("/odoo", "industrial_crm_role_director", login=director.login)

    def test_admin_configures_the_connections(self):
        """The administrator sets the MikoPBX, 1C and Mailchimp connections; secrets stay hidden."""
        admin = self._demo_user("admin")
        pbx = self.env["industrial.pbx.connection"].create({
            "name": "Тур: АТС главного офиса", "base_url": "http://127.0.0.1:9",
            "api_key": "tour-api-key", "ami_secret": "tour-ami-secret",
            "webhook_secret": "tour-webhook-secret",
        })
        connection = self.env["industrial.1c.connection"].create({
            "name": "Тур: 1С:УТ 11", "base_url": "http://127.0.0.1:9/ut11", "password": "tour-secret",
        })

        self.start_tour("/odoo", "industrial_crm_role_admin", login=admin.login)

        self.assertEqual(pbx.ami_host, "pbx-tour.example.ru")
        self.assertEqual(pbx.api_key, "tour-api-key")
        self.assertEqual(connection.user, "odata_tour")
        self.assertEqual(connection.password, "tour-secret")
        params = self.env["ir.config_parameter"].sudo()
        self.assertEqual(params.get_param("industrial_crm.mailchimp_base_url"), "https://us21.api.mailchimp.com")
        self.assertEqual(params.get_param("industrial_crm.mailchimp_batch_size"), "250")
