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
            for login in ("dispatcher", "head_pump", "manager_pump")
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
        self.start_tour("/odoo/action-industrial_crm.industrial_request_action_unsorted", "industrial_crm_dispatcher_day", login="dispatcher")
        self.assertEqual(request.direction_id, self.pumps)
        self.assertEqual(request.dispatcher_id, self.users["dispatcher"])
        self.assertEqual(request.lead_id.direction_id, self.pumps)

    def test_head_assigns_a_manager(self):
        manager = self.users["manager_pump"]
        manager.name = "Сидоров Тур"
        result = self.env["industrial.request"].register_request(
            "email", email="tour.head@zatvor.example.ru", name="Тур Заказчиков",
            subject="Тур: вакуумный затвор", direction_code="PUMP",
        )
        lead = self.env["crm.lead"].browse(result["lead_id"])
        self.assertEqual(lead.activity_user_id, self.users["head_pump"])
        self.start_tour("/odoo/crm", "industrial_crm_head_day", login="head_pump")
        self.assertEqual(lead.user_id, manager)
        self.assertEqual(lead.direction_id, self.pumps)
        self.assertEqual(lead.team_id, self.pumps.team_id, "the lead stays in the direction's sales team")
