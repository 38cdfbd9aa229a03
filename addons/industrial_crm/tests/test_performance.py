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
        # one of them fences the new customer's number against a concurrent creation of him
        with self.assertQueryCount(__system__=32):
            Request.register_request("phone", phone="+7 903 800-00-01", name="New", text="quote")
            self.env.flush_all()

    def _gateway_email(self, sender, subject, body):
        return (
            f"From: {sender}\r\nTo: requests@{self.alias_domain}\r\nSubject: {subject}\r\n"
            f"Message-Id: <perf-{subject}-{self.warm}@example.ru>\r\n"
            "Date: Sun, 22 Nov 2026 10:00:00 +0300\r\n"
            f"Content-Type: text/plain; charset=utf-8\r\n\r\n{body}\r\n"
        )

    @warmup
    def test_gateway_new_sender(self):
        """An email from an unknown sender: routing, request, contact, lead, acknowledgement queued."""
        raw = self._gateway_email(
            f"Oleg <oleg.{self.warm and 'w' or 'c'}@example.ru>", "Pump", "Need a quote for a vacuum pump."
        )
        # one query more than a lone sender: his domain is Cryogenmash's, suggested to the dispatcher;
        # one fences his address against a concurrent creation of him
        with self.assertQueryCount(__system__=53):
            self.env["mail.thread"].message_process(None, raw)
            self.env.flush_all()

    @warmup
    def test_gateway_known_sender(self):
        """An email from a known contact: routing, request joining his open deal."""
        raw = self._gateway_email("Known buyer <known@example.ru>", "Status", "Where is my pump?")
        with self.assertQueryCount(__system__=31):
            self.env["mail.thread"].message_process(None, raw)
            self.env.flush_all()
        request = self.env["industrial.request"].search(
            [("subject", "=", "Status")], order="id desc", limit=1
        )
        self.assertEqual(request.lead_id, self.deal)
