import importlib.util
import os

from odoo.modules.module import get_module_path
from odoo.tests import TransactionCase, tagged

SCRIPT = os.path.join(get_module_path("industrial_crm"), "migrations", "18.0.1.3.0", "pre-migrate.py")


def _pre_migrate():
    spec = importlib.util.spec_from_file_location("industrial_crm_pre_migrate_1_3", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@tagged("post_install", "-at_install")
class TestModuleSplit(TransactionCase):
    """A database of the last release, where marketing was part of industrial_crm, updated:
    every marketing record, xml id and table ownership passes to industrial_marketing,
    which the same update then loads as installed; industrial_crm keeps its own."""

    def _xmlids(self, module):
        self.env.cr.execute("SELECT name, res_id FROM ir_model_data WHERE module = %s", [module])
        return dict(self.env.cr.fetchall())

    def _module_ids(self):
        self.env.cr.execute("SELECT name, id FROM ir_module_module WHERE name IN ('industrial_crm', %s)",
                            ["industrial_marketing"])
        ids = dict(self.env.cr.fetchall())
        return ids["industrial_crm"], ids["industrial_marketing"]

    def _ownership(self, table, module_id):
        self.env.cr.execute(f"SELECT count(*) FROM {table} WHERE module = %s", [module_id])  # noqa: S608
        return self.env.cr.fetchone()[0]

    def _make_old_database(self):
        """Put the marketing xml ids and tables back under industrial_crm, as the last release had them."""
        cr = self.env.cr
        crm_id, marketing_id = self._module_ids()
        crm_names = self._xmlids("industrial_crm")
        # shared names (the models both modules extend, the settings view of each) are industrial_crm's own;
        # Odoo reflects the inherits of every model under each module it loads
        cr.execute("""
            UPDATE ir_model_data SET module = 'industrial_crm'
             WHERE module = 'industrial_marketing' AND NOT (name = ANY(%s)) AND model != 'ir.model.inherit'
            RETURNING name
        """, [list(crm_names)])
        moved = {name for (name,) in cr.fetchall()}
        for table in ("ir_model_constraint", "ir_model_relation"):
            cr.execute(f"UPDATE {table} SET module = %s WHERE module = %s", [crm_id, marketing_id])  # noqa: S608
        cr.execute("UPDATE ir_module_module SET state = 'uninstalled' WHERE id = %s", [marketing_id])
        return moved

    def test_marketing_records_pass_to_the_new_module(self):
        _crm_id, marketing_id = self._module_ids()
        before = self._xmlids("industrial_marketing")
        crm_before = self._xmlids("industrial_crm")
        owned = {table: self._ownership(table, marketing_id) for table in ("ir_model_constraint", "ir_model_relation")}
        segments = self.env["industrial.marketing.segment"].with_context(active_test=False).search_count([])

        moved = self._make_old_database()
        self.assertIn("model_industrial_marketing_segment", moved)
        self.assertIn("menu_industrial_call_tasks", moved)
        self.assertIn("field_res_config_settings__industrial_mailchimp_api_key", moved)
        self.assertFalse(self._xmlids("industrial_marketing").keys() & moved)

        _pre_migrate().migrate(self.env.cr, "18.0.1.2.0")

        after = self._xmlids("industrial_marketing")
        self.assertEqual({name: after.get(name) for name in moved}, {name: before[name] for name in moved},
                         "every marketing xml id is back, on the same record")
        self.assertEqual(self._xmlids("industrial_crm"), crm_before, "industrial_crm keeps its own")
        self.assertEqual(
            {table: self._ownership(table, marketing_id) for table in owned}, owned,
            "the tables and constraints of the moved models are the new module's to drop",
        )
        self.env.cr.execute("SELECT state FROM ir_module_module WHERE id = %s", [marketing_id])
        self.assertEqual(self.env.cr.fetchone()[0], "to upgrade", "loaded in the same update, as installed")
        self.assertEqual(
            self.env["industrial.marketing.segment"].with_context(active_test=False).search_count([]), segments)
        self.assertIn("group_marketer", crm_before, "the marketer group stays in industrial_crm")

    def test_current_databases_are_left_alone(self):
        before = (self._xmlids("industrial_marketing"), self._xmlids("industrial_crm"))
        _pre_migrate().migrate(self.env.cr, "18.0.1.2.0")
        self.assertEqual((self._xmlids("industrial_marketing"), self._xmlids("industrial_crm")), before)
        self.env.cr.execute("SELECT state FROM ir_module_module WHERE name = 'industrial_marketing'")
        self.assertEqual(self.env.cr.fetchone()[0], "installed")
