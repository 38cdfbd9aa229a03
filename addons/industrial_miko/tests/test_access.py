from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged

from .common import MikoCommon, cdr_record


@tagged("post_install", "-at_install")
class TestAccess(HttpCase, MikoCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.deal_hv = cls._create_deal(partner_id=cls.customer.id, user_id=cls.user_manager.id)
        cls.other = cls.env["res.partner"].create({"name": "Pump Buyer", "phone": "+7 812 000-11-22"})
        cls.deal_pump = cls._create_deal(
            partner_id=cls.other.id, user_id=cls.user_manager_other.id, direction_id=cls.direction_pump.id,
            team_id=cls.team_pump.id,
        )
        Call = cls.env["industrial.call"]
        cls.call_hv = Call._upsert_events(cls.connection, [{
            "pbx_call_id": "acc-1", "call_direction": "incoming", "external_number": "+74951112233",
            "source": "cdr", "disposition": "answered", "recording_url": "/pbxcore/api/v3/cdr:playback?token=r1",
        }])
        cls.call_pump = Call._upsert_events(cls.connection, [{
            "pbx_call_id": "acc-2", "call_direction": "incoming", "external_number": "+78120001122",
            "source": "cdr", "disposition": "answered",
        }])

    def test_managers_see_their_direction(self):
        self.assertEqual(self.call_hv.direction_id, self.direction_hv)
        self.assertEqual(self.call_pump.direction_id, self.direction_pump)
        for user, visible in (
            (self.user_manager, self.call_hv),
            (self.user_manager_2, self.call_hv),
            (self.user_head, self.call_hv),
            (self.user_manager_other, self.call_pump),
            (self.user_head_other, self.call_pump),
        ):
            found = self.env["industrial.call"].with_user(user).search([("pbx_call_id", "in", ["acc-1", "acc-2"])])
            self.assertEqual(found, visible, user.name)
        for user in (self.user_director, self.user_dispatcher, self.user_marketer):
            found = self.env["industrial.call"].with_user(user).search([("pbx_call_id", "in", ["acc-1", "acc-2"])])
            self.assertEqual(found, self.call_hv | self.call_pump, user.name)

    def test_calls_are_read_only_for_sales(self):
        for user in (self.user_manager, self.user_director, self.user_marketer, self.user_dispatcher):
            with self.assertRaises(AccessError):
                self.call_hv.with_user(user).write({"disposition": "missed"})
            with self.assertRaises(AccessError):
                self.call_hv.with_user(user).unlink()

    def test_secrets_for_admins_only(self):
        """The API key, AMI secret and webhook secret are invisible to the director."""
        connection = self.connection.with_user(self.user_director)
        for field in ("api_key", "ami_secret", "webhook_secret"):
            with self.assertRaises(AccessError):
                connection.read([field])
        with self.assertRaises(AccessError):
            connection.write({"base_url": "http://evil.example.com"})
        with self.assertRaises(AccessError):
            self.call_hv.with_user(self.user_manager).read(["recording_url"])

    def test_recording_route(self):
        """The manager streams the recording through Odoo; the other direction's manager cannot."""
        self.pbx.records = [self.pbx.add_recording(cdr_record(
            "acc-1", "2026-11-20 09:00:00", "74951112233", "201", answer="2026-11-20 09:00:05",
            endtime="2026-11-20 09:01:05",
        ))]
        self.authenticate("t_manager", "t_manager")
        response = self.url_open(f"/industrial_miko/call/{self.call_hv.id}/recording")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.content, b"ID3-fake-mp3")
        self.assertEqual(response.headers["Content-Type"], "audio/mpeg")
        self.assertNotIn(self.pbx.api_key, response.text)
        self.authenticate("t_manager_o", "t_manager_o")
        response = self.url_open(f"/industrial_miko/call/{self.call_hv.id}/recording")
        self.assertEqual(response.status_code, 403)
        self.pbx.status = 500
        self.authenticate("t_manager_o", "t_manager_o")
        response = self.url_open(f"/industrial_miko/call/{self.call_pump.id}/recording")
        self.assertEqual(response.status_code, 404, "no recording link: not found")
