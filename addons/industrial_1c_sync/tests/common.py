from odoo.addons.industrial_crm.tests.common import IndustrialCrmCommon

from .onec_server import OneCServer


class OneCSyncCommon(IndustrialCrmCommon):
    """An emulated 1C base per test and a connection to it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer.write({"vat": "7701234578", "industrial_kpp": "770101001"})

    def setUp(self):
        super().setUp()
        # demo companies are not part of the scenario: only the test's own are to be sent
        self.env.cr.execute("UPDATE res_partner SET onec_dirty = false WHERE id != %s", [self.customer.id])
        self.env.invalidate_all()
        self.server = OneCServer().start()
        self.addCleanup(self.server.stop)
        self.connection = self.env["industrial.1c.connection"].create({
            "name": "UT 11 test",
            "base_url": self.server.base_url,
            "user": "odata",
            "password": "secret",
            "timeout": 1,
            "retries": 1,
        })

    def _deal_with_request(self, **values):
        deal = self._create_deal(**values)
        request = self.env["industrial.request"].create({
            "channel": "phone",
            "phone": "+7 495 111-22-33",
            "contact_name": "Ivan Petrov",
            "partner_id": deal.partner_id.id,
            "lead_id": deal.id,
        })
        return deal, request

    def _logs(self, **domain):
        return self.env["industrial.1c.sync.log"].search(
            [("connection_id", "=", self.connection.id)] + [(k, "=", v) for k, v in domain.items()]
        )

    def _one(self, entity, **values):
        rows = [r for r in self.server.data[entity].values() if all(r.get(k) == v for k, v in values.items())]
        self.assertEqual(len(rows), 1, rows)
        return rows[0]
