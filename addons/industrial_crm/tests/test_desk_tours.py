from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestDeskTours(HttpCase):
    """The dispatcher and the head walk their day in the web client, in Russian,
    as the demo users they are, from the screen they land on after login."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("ru_RU")
        cls.env["ir.module.module"].search([("state", "=", "installed")])._update_translations("ru_RU")
        cls.users = {
            login: cls.env["res.users"].search([("login", "=", login)])
            for login in ("dispatcher", "head_pump", "manager_pump", "marketer")
        }
        for user in cls.users.values():
            user.write({"lang": "ru_RU", "tz": "Europe/Moscow"})
        cls.pumps = cls.env["industrial.direction"].search([("code", "=", "PUMP")])

    def test_dispatcher_routes_a_request(self):
        result = self.env["industrial.request"].register_request(
            "phone", phone="+7 903 901-00-01", name="Тур Клиентов", subject="Тур: диффузионный насос",
        )
        request = self.env["industrial.request"].browse(result["request_id"])
        self.assertFalse(request.direction_id)
        factory = self.env["res.partner"].create({
            "name": "Тур Завод", "is_company": True, "email": "office@tur-zavod.example.ru",
        })
        claimed = self.env["industrial.request"].browse(self.env["industrial.request"].register_request(
            "email", email="ivan.novikov@tur-zavod.example.ru", name="Иван Новиков",
            subject="Тур: запрос с завода",
        )["request_id"])
        self.assertEqual(claimed.suggested_company_id, factory)
        self.assertFalse(claimed.partner_id.parent_id, "a domain alone attaches nobody")
        self.start_tour("/odoo", "industrial_crm_dispatcher_day", login="dispatcher")
        self.assertEqual(request.direction_id, self.pumps)
        self.assertEqual(request.dispatcher_id, self.users["dispatcher"])
        self.assertEqual(request.lead_id.direction_id, self.pumps)
        self.assertEqual(claimed.partner_id.parent_id, factory, "attached by the dispatcher")
        self.assertFalse(claimed.suggested_company_id)

    def test_head_assigns_a_manager(self):
        manager = self.users["manager_pump"]
        manager.name = "Сидоров Тур"
        result = self.env["industrial.request"].register_request(
            "email", email="tour.head@zatvor.example.ru", name="Тур Заказчиков",
            subject="Тур: вакуумный затвор", direction_code="PUMP",
        )
        lead = self.env["crm.lead"].browse(result["lead_id"])
        self.assertEqual(lead.activity_user_id, self.users["head_pump"])
        closed = self.env["crm.lead"].create({
            "name": "Тур: закрытая сделка", "type": "opportunity", "direction_id": self.pumps.id,
            "partner_id": self.env["res.partner"].create({"name": "Тур Довольных"}).id,
            "user_id": manager.id, "expected_revenue": 900000,
            "equipment_type_ids": [(6, 0, self.env["industrial.equipment.type"].search([], limit=1).ids)],
        })
        closed.sudo().with_context(industrial_stage_override=True).stage_id = self.env["crm.stage"].search([("industrial_code", "=", "closed")], limit=1)
        self.env["crm.lead"].search([
            ("direction_id", "=", self.pumps.id), ("id", "!=", closed.id), ("stage_code", "=", "closed"),
        ]).write({"satisfaction_outcome": "satisfied"})
        self.start_tour("/odoo", "industrial_crm_head_day", login="head_pump")
        self.assertEqual(closed.activity_type_id, self.env.ref("industrial_crm.mail_act_satisfaction_call"),
                         "the one closed deal left unsurveyed gets the call")
        self.assertEqual(closed.activity_user_id, self.users["head_pump"])
        self.assertEqual(lead.user_id, manager)
        self.assertEqual(lead.direction_id, self.pumps)
        self.assertEqual(lead.team_id, self.pumps.team_id, "the lead stays in the direction's sales team")

    def test_admin_reads_the_stage_rules(self):
        """Stages are a developer-mode menu in crm: the administrator turns it on."""
        self.env.ref("base.user_admin").write({"lang": "ru_RU", "tz": "Europe/Moscow"})
        self.start_tour("/odoo/crm?debug=1", "industrial_crm_admin_stage_rules", login="admin")
        rule = self.env.ref("industrial_crm.stage_requirement_certification_needed")
        self.assertTrue(rule.active and rule.skip_stage, "reading the rules changed none of them")
        service = self.env["crm.stage"].search([("industrial_code", "=", "service")])
        self.assertTrue(service.industrial_offers_service)
