from odoo.tests import tagged, warmup

from .common import IndustrialCrmCommon


@tagged("post_install", "-at_install", "industrial_perf")
class TestRegisterPerformance(IndustrialCrmCommon):
    """Registration is the intake's hot path: its query count is pinned."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.known = cls.env["res.partner"].create({
            "name": "Known buyer", "phone": "+7 495 765-43-21", "email": "known@example.ru",
            "parent_id": cls.customer.id,
        })
        cls.deal = cls._create_deal()

    @warmup
    def test_register_known_contact(self):
        Request = self.env["industrial.request"]
        with self.assertQueryCount(__system__=11):
            Request.register_request("phone", phone="84957654321", text="status?")
            self.env.flush_all()

    @warmup
    def test_register_new_contact(self):
        Request = self.env["industrial.request"]
        with self.assertQueryCount(__system__=31):
            Request.register_request("phone", phone="+7 903 800-00-01", name="New", text="quote")
            self.env.flush_all()

    @warmup
    def test_gateway_new_sender(self):
        """An email from an unknown sender: routing, request, contact, lead, acknowledgement queued."""
        raw = (
            f"From: Oleg <oleg.{self.warm and 'w' or 'c'}@example.ru>\r\n"
            f"To: requests@{self.alias_domain}\r\nSubject: Pump\r\n"
            f"Message-Id: <perf-{self.warm}@example.ru>\r\nDate: Sun, 22 Nov 2026 10:00:00 +0300\r\n"
            "Content-Type: text/plain; charset=utf-8\r\n\r\nNeed a quote for a vacuum pump.\r\n"
        )
        Thread = self.env["mail.thread"]
        with self.assertQueryCount(__system__=51):
            Thread.message_process(None, raw)
            self.env.flush_all()

    @warmup
    def test_gateway_known_sender(self):
        """An email from a known contact: routing, request joining his open deal."""
        raw = (
            f"From: Known buyer <known@example.ru>\r\n"
            f"To: requests@{self.alias_domain}\r\nSubject: Status\r\n"
            f"Message-Id: <perf-known-{self.warm}@example.ru>\r\nDate: Sun, 22 Nov 2026 10:00:00 +0300\r\n"
            "Content-Type: text/plain; charset=utf-8\r\n\r\nWhere is my pump?\r\n"
        )
        Thread = self.env["mail.thread"]
        with self.assertQueryCount(__system__=31):
            Thread.message_process(None, raw)
            self.env.flush_all()
        request = self.env["industrial.request"].search(
            [("subject", "=", "Status")], order="id desc", limit=1
        )
        self.assertEqual(request.lead_id, self.deal)
