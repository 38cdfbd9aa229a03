from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestAdminSettingsTour(HttpCase):
    """The administrator sets up SMS.ru and the customer notices from the CRM settings, in Russian."""

    def test_admin_sets_sms_and_notices(self):
        self.env["res.lang"]._activate_lang("ru_RU")
        self.env["ir.module.module"].search([("state", "=", "installed")])._update_translations("ru_RU")
        self.env.ref("base.user_admin").write({"lang": "ru_RU", "tz": "Europe/Moscow"})
        params = self.env["ir.config_parameter"].sudo()
        params.set_param("industrial_ru.sms_provider", "iap")
        params.set_param("industrial_ru.notify_meeting_reminder", False)
        self.start_tour("/odoo/settings", "industrial_ru_admin_settings", login="admin")
        self.assertEqual(params.get_param("industrial_ru.sms_provider"), "smsru")
        self.assertEqual(params.get_param("industrial_ru.smsru_api_id"), "0A1B2C3D-TOUR")
        self.assertEqual(params.get_param("industrial_ru.smsru_sender"), "VakuumTech")
        self.assertTrue(params.get_param("industrial_ru.notify_meeting_reminder"))
