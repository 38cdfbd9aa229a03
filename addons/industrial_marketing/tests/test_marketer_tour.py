from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestMarketerTour(HttpCase):
    """The marketer walks her day in the web client, in Russian, as the demo user she is,
    from the screen she lands on after login."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("ru_RU")
        cls.env["ir.module.module"].search([("state", "=", "installed")])._update_translations("ru_RU")
        cls.users = {
            login: cls.env["res.users"].search([("login", "=", login)])
            for login in ("manager_pump", "marketer")
        }
        for user in cls.users.values():
            user.write({"lang": "ru_RU", "tz": "Europe/Moscow"})
        cls.pumps = cls.env["industrial.direction"].search([("code", "=", "PUMP")])

    def test_marketer_segment_export_and_call_tasks(self):
        manager = self.users["manager_pump"]
        manager.name = "Сидоров Тур"
        buyer = self.env["res.partner"].create({
            "name": "Тур Покупателей", "phone": "+7 495 902-00-01", "email": "buyer@nasos-tour.example.ru",
        })
        self.env["crm.lead"].create({
            "name": "Тур: насос для покупателя", "type": "lead", "partner_id": buyer.id,
            "direction_id": self.pumps.id,
        })
        self.start_tour("/odoo", "industrial_marketing_marketer_day", login="marketer")
        segment = self.env["industrial.marketing.segment"].search([("name", "=", "Тур: клиенты насосов")])
        self.assertEqual(segment.direction_ids, self.pumps)
        export = self.env["industrial.telemarketing.export"].search([("segment_id", "=", segment.id)])
        self.assertTrue(export.row_count)
        task = self.env["mail.activity"].search([
            ("res_model", "=", "res.partner"), ("res_id", "=", buyer.id), ("user_id", "=", manager.id),
        ])
        self.assertEqual(len(task), 1, "the manager has the call to make")
