"""The caller's name the exchange waits for (ModuleHttpAlert's incoming-call request):
one indexed search that reads only the name and the company of the contact."""

from odoo.tests import tagged

from .common import MikoCommon


@tagged("post_install", "-at_install")
class TestCallerLookup(MikoCommon):
    def test_name_from_a_narrow_read(self):
        company = self.env["res.partner"].create({"name": "Cryogenmash JSC", "is_company": True})
        contact = self.env["res.partner"].create({"name": "Known Caller", "mobile": "+7 916 123-45-67",
                                                  "parent_id": company.id})
        self.env.flush_all()
        self.env.invalidate_all()
        with self.assertQueryCount(3):  # the contact, its company's name, the connection
            partner, name = self.Call._caller_lookup(self.connection, "+79161234567")
        self.assertEqual((partner, name), (contact, "Known Caller (Cryogenmash JSC)"))
        self.assertEqual(partner.email, contact.email, "the rest of the contact is still read on demand")

    def test_unknown_and_latin(self):
        self.assertEqual(self.Call._caller_lookup(self.connection, "+79160000000"),
                         (self.env["res.partner"], ""))
        self.assertEqual(self.Call._caller_lookup(self.connection, False), (self.env["res.partner"], ""))
        self.env["res.partner"].create({"name": "Иван Петров", "phone": "+7 495 765-43-21"})
        self.connection.caller_name_latin = True
        self.assertEqual(self.Call._caller_lookup(self.connection, "+74957654321")[1], "Ivan Petrov")
