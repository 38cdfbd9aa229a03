"""Test base: the CRM's roles and directions plus an emulated MikoPBX (tools/miko_emulator.py, built from
the exchange's published source, cited there)."""

from odoo.addons.industrial_crm.tests.common import IndustrialEmulatorCommon
from odoo.addons.industrial_miko.tools.miko_emulator import (  # noqa: F401 - re-exported for the tests
    AMI_SECRET,
    AMI_USER,
    API_KEY,
    WEBHOOK_SECRET,
    FakeAmi,
    FakeMikoPbx,
    HttpAlert,
    cdr_record,
)


class MikoCommon(IndustrialEmulatorCommon):
    """The CRM's directions and roles, an emulated exchange and a connection to it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.pbx = FakeMikoPbx()
        cls.addClassCleanup(cls.pbx.stop)
        cls.ami = FakeAmi()
        cls.addClassCleanup(cls.ami.stop)
        cls.connection = cls.env["industrial.pbx.connection"].create({
            "name": "Test exchange",
            "base_url": cls.pbx.url,
            "api_key": API_KEY,
            "ami_host": "127.0.0.1",
            "ami_port": cls.ami.port,
            "ami_user": AMI_USER,
            "ami_secret": AMI_SECRET,
            "webhook_secret": WEBHOOK_SECRET,
            "pbx_tz": "Europe/Moscow",
            "timeout": 1.0,
            "extension_ids": [
                (0, 0, {"extension": "201", "user_id": cls.user_manager.id}),
                (0, 0, {"extension": "202", "user_id": cls.user_manager_other.id}),
            ],
        })

    def setUp(self):
        super().setUp()
        self.pbx.reset()
        self.ami.actions = []
        self.ami.silent = 0
        self.Call = self.env["industrial.call"]

    def calls(self, call_id=None):
        domain = [("connection_id", "=", self.connection.id)]
        if call_id:
            domain.append(("pbx_call_id", "=", call_id))
        return self.Call.search(domain)
