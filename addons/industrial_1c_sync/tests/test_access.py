from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import OneCSyncCommon


@tagged("post_install", "-at_install")
class TestAccess(OneCSyncCommon):

    def test_only_exchange_admin_edits_connections(self):
        for user in (self.user_manager, self.user_head, self.user_director, self.user_dispatcher):
            with self.assertRaises(AccessError):
                self.connection.with_user(user).write({"base_url": "http://evil.example"})
        with self.assertRaises(AccessError):
            self.connection.with_user(self.user_director).read(["password"])
        self.assertEqual(self.connection.with_user(self.user_manager).read(["name"])[0]["name"], "UT 11 test")

    def test_sales_read_the_log_of_their_records(self):
        deal, _request = self._deal_with_request()
        self.connection._run_sync()
        other_deal = self._create_deal(name="Other", user_id=self.user_manager_2.id)
        Log = self.env["industrial.1c.sync.log"]
        mine = Log.create({"connection_id": self.connection.id, "entity": "x", "direction": "in",
                           "state": "failed", "lead_id": deal.id})
        theirs = Log.create({"connection_id": self.connection.id, "entity": "x", "direction": "in",
                             "state": "failed", "lead_id": other_deal.id})
        visible = Log.with_user(self.user_manager).search([("id", "in", (mine | theirs).ids)])
        self.assertEqual(visible, mine)
        with self.assertRaises(AccessError):
            mine.with_user(self.user_manager).write({"resolved": True})
        self.assertEqual(Log.with_user(self.user_director).search([("id", "in", (mine | theirs).ids)]), mine | theirs)
        with self.assertRaises(AccessError):
            Log.with_user(self.user_marketer).search([])

    def test_sales_see_1c_documents_of_their_directions(self):
        deal, _request = self._deal_with_request()
        other_deal = self._create_deal(name="Other", direction_id=self.direction_pump.id,
                                       team_id=self.team_pump.id, user_id=self.user_manager_other.id)
        Document = self.env["industrial.1c.document"]
        docs = Document.create([
            {"connection_id": self.connection.id, "kind": "order", "ref_key": "a%s" % i, "lead_id": lead.id}
            for i, lead in enumerate(deal | other_deal)
        ])
        self.assertEqual(Document.with_user(self.user_manager).search([("id", "in", docs.ids)]), docs[0])
        self.assertEqual(Document.with_user(self.user_manager_other).search([("id", "in", docs.ids)]), docs[1])
        self.assertEqual(Document.with_user(self.user_director).search([("id", "in", docs.ids)]), docs)
        with self.assertRaises(AccessError):
            docs[0].with_user(self.user_manager).write({"amount": 1})
