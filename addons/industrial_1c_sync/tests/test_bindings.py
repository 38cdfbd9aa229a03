import importlib.util
import os

from psycopg2 import IntegrityError

from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import OneCSyncCommon
from .test_sync import COUNTERPARTIES, PARTNERS

MIGRATION = os.path.join(os.path.dirname(os.path.dirname(__file__)), "migrations", "18.0.0.3.0", "post-migrate.py")
KEY_A = "11111111-2222-4333-8444-555555555555"
KEY_B = "66666666-7777-4888-8999-aaaaaaaaaaaa"


@tagged("post_install", "-at_install")
class TestPartnerBindings(OneCSyncCommon):
    """A company's 1C keys live on a binding: one per connection and 1C key, one per
    connection and company; res.partner holds no 1C column."""

    def _bind(self, partner, key, connection=None):
        return self.env["industrial.1c.binding"].create({
            "connection_id": (connection or self.connection).id, "entity": COUNTERPARTIES,
            "ref_key": key, "partner_id": partner.id,
        })

    def test_no_1c_columns_on_partner(self):
        for fname in ("onec_partner_key", "onec_counterparty_key"):
            self.assertFalse(self.env["res.partner"]._fields[fname].store, fname)
        self.assertNotIn("onec_counterparty_version", self.env["res.partner"]._fields)

    def test_key_bound_once_per_connection(self):
        other = self.env["res.partner"].create({"name": "Other Co", "is_company": True})
        self._bind(self.customer, KEY_A)
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError), self.env.cr.savepoint():
            self._bind(other, KEY_A)

    def test_company_bound_once_per_connection(self):
        self._bind(self.customer, KEY_A)
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError), self.env.cr.savepoint():
            self._bind(self.customer, KEY_B)

    def test_same_key_on_two_connections(self):
        second = self.connection.copy({"name": "UT 11 second"})
        self._bind(self.customer, KEY_A)
        self._bind(self.customer, KEY_A, second)
        self.assertEqual(len(self.customer.onec_binding_ids), 2)
        self.assertEqual(self.customer.onec_counterparty_key, KEY_A)
        self.assertEqual(self.env["res.partner"].search([("onec_counterparty_key", "=", KEY_A)]), self.customer)
        self.assertIn(self.customer, self.env["res.partner"].search([("onec_counterparty_key", "!=", False)]))
        self.assertNotIn(self.customer, self.env["res.partner"].search([("onec_counterparty_key", "=", False)]))

    def test_export_and_import_keep_one_binding(self):
        self._deal_with_request()
        self.connection._run_sync()
        binding = self.customer.onec_binding_ids
        self.assertEqual(len(binding), 1)
        self.assertEqual(binding.ref_key, self._one(COUNTERPARTIES)["Ref_Key"])
        self.assertEqual(binding.partner_ref_key, self._one(PARTNERS)["Ref_Key"])
        self.assertEqual(binding.partner_data_version, self._one(PARTNERS)["DataVersion"])
        self.server.touch(COUNTERPARTIES, binding.ref_key, НаименованиеПолное="Cryogenmash (1C)")
        self.connection._run_sync()
        self.assertEqual(self.customer.onec_binding_ids, binding, "updated, not bound twice")
        self.assertEqual(binding.data_version, self._one(COUNTERPARTIES)["DataVersion"])

    def test_deleted_in_1c_unbinds_and_sends_again(self):
        self._deal_with_request()
        self.connection._run_sync()
        binding = self.customer.onec_binding_ids
        del self.server.data[PARTNERS][binding.partner_ref_key]
        del self.server.data[COUNTERPARTIES][binding.ref_key]
        self.customer.name = "Cryogenmash PJSC"
        self.connection._run_sync()
        self.assertFalse(self.customer.onec_binding_ids)
        self.assertIn("Deleted in 1C", self._logs(state="failed").message)
        self.connection._run_sync()
        self.assertEqual(self.customer.onec_binding_ids.partner_ref_key, self._one(PARTNERS)["Ref_Key"])


def _migrate(cr):
    spec = importlib.util.spec_from_file_location("onec_post_migrate", MIGRATION)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.migrate(cr, "18.0.0.2.0")


@tagged("post_install", "-at_install")
class TestPartnerKeysMigration(OneCSyncCommon):
    """A database of the last release kept the 1C keys and DataVersions on res_partner:
    they become bindings of the connection, and the columns go."""

    def _make_old_schema(self):
        self.env["industrial.1c.connection"].search([("id", "!=", self.connection.id)]).active = False
        cr = self.env.cr
        cr.execute("""
            ALTER TABLE res_partner ADD COLUMN onec_partner_key varchar, ADD COLUMN onec_counterparty_key varchar,
                ADD COLUMN onec_partner_version varchar, ADD COLUMN onec_counterparty_version varchar
        """)
        self.partner_other = self.env["res.partner"].create({"name": "Other Co", "is_company": True})
        self.twin = self.env["res.partner"].create({"name": "Twin of Cryogenmash", "is_company": True})
        self.bound = self.env["res.partner"].create({"name": "Bound already", "is_company": True})
        self.env["industrial.1c.binding"].create({
            "connection_id": self.connection.id, "entity": COUNTERPARTIES, "ref_key": "33333333-0000-4000-8000-000000000003",
            "partner_id": self.bound.id, "data_version": "new",
        })
        rows = [
            (self.customer.id, "p-1", KEY_A, "pv-1", "cv-1"),
            (self.twin.id, "p-2", KEY_A, "pv-2", "cv-2"),  # the same key on a later company
            (self.partner_other.id, "p-3", KEY_B, "pv-3", "cv-3"),
            (self.bound.id, "p-4", "44444444-0000-4000-8000-000000000004", "pv-4", "old"),
        ]
        for pid, pkey, ckey, pver, cver in rows:
            cr.execute("""
                UPDATE res_partner SET onec_partner_key = %s, onec_counterparty_key = %s,
                       onec_partner_version = %s, onec_counterparty_version = %s WHERE id = %s
            """, [pkey, ckey, pver, cver, pid])
        self.env.invalidate_all()

    def test_partner_columns_become_bindings(self):
        self._make_old_schema()
        Binding = self.env["industrial.1c.binding"]
        before = Binding.search_count([])
        _migrate(self.env.cr)
        self.env.invalidate_all()
        self.assertEqual(Binding.search_count([]), before + 2, "the customer and the other company")
        customer = self.customer.onec_binding_ids
        self.assertEqual((customer.connection_id, customer.entity, customer.ref_key, customer.data_version,
                          customer.partner_ref_key, customer.partner_data_version, customer.state),
                         (self.connection, COUNTERPARTIES, KEY_A, "cv-1", "p-1", "pv-1", "synced"))
        self.assertEqual(self.partner_other.onec_binding_ids.ref_key, KEY_B)
        self.assertFalse(self.twin.onec_binding_ids, "a key is bound once: the oldest company keeps it")
        self.assertEqual(self.bound.onec_binding_ids.data_version, "new", "an existing binding is kept")
        self.env.cr.execute("""
            SELECT column_name FROM information_schema.columns
             WHERE table_name = 'res_partner' AND column_name LIKE 'onec%%'
        """)
        self.assertEqual([r[0] for r in self.env.cr.fetchall()], ["onec_dirty"])

    def test_migrated_binding_is_used_by_the_next_run(self):
        self._make_old_schema()
        counterparty = self.server.add(COUNTERPARTIES, Ref_Key=KEY_A, Description="Cryogenmash JSC",
                                       ИНН="7701234578", КПП="770101001")
        self.server.data[COUNTERPARTIES][KEY_A]["DataVersion"] = "cv-1"
        _migrate(self.env.cr)
        self.env.invalidate_all()
        partners = self.env["res.partner"].search_count([])
        self.connection.sync_partners_out = False
        self.connection._run_sync()
        self.assertEqual(self.env["res.partner"].search_count([]), partners, "bound: matched, not created")
        self.assertFalse(self._logs(ref_key=counterparty["Ref_Key"]), "DataVersion unchanged: nothing written")

    def test_no_old_columns_is_a_no_op(self):
        before = self.env["industrial.1c.binding"].search_count([])
        _migrate(self.env.cr)
        self.assertEqual(self.env["industrial.1c.binding"].search_count([]), before)
