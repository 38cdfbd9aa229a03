import importlib.util
import os

from odoo.tests import tagged

from .common import IndustrialCrmCommon

MIGRATIONS = os.path.join(os.path.dirname(os.path.dirname(__file__)), "migrations", "18.0.1.2.0")


def _script(name):
    spec = importlib.util.spec_from_file_location(name, os.path.join(MIGRATIONS, f"{name}.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@tagged("post_install", "-at_install")
class TestDirectionMigration(IndustrialCrmCommon):
    """A database of the last release, where a direction kept its own name, head,
    members and alias beside its team, keeps them all on the team it now is."""

    def _make_old_schema(self):
        self.env["res.lang"]._activate_lang("ru_RU")
        cr = self.env.cr
        cr.execute("""
            ALTER TABLE industrial_direction
                ADD COLUMN name jsonb, ADD COLUMN head_id integer, ADD COLUMN sequence integer,
                ADD COLUMN active boolean, ADD COLUMN color integer, ADD COLUMN alias_id integer;
            ALTER TABLE industrial_direction DROP CONSTRAINT industrial_direction_team_uniq;
            CREATE TABLE industrial_direction_member_rel (direction_id integer, user_id integer);
        """)
        old_alias = self.env["mail.alias"].create({
            "alias_name": "old-vacuum",
            "alias_model_id": self.env["ir.model"]._get_id("industrial.request"),
        })
        self.team_hv.alias_name = "crm-vacuum-team"
        cr.execute("""
            UPDATE industrial_direction
               SET name = '{"en_US": "High Vacuum Dept", "ru_RU": "Высокий вакуум"}', head_id = %s,
                   sequence = 3, active = true, color = 5, alias_id = %s
             WHERE id = %s
        """, [self.user_head_other.id, old_alias.id, self.direction_hv.id])
        cr.execute("INSERT INTO industrial_direction_member_rel VALUES (%s, %s)",
                   [self.direction_hv.id, self.user_manager_other.id])
        twin_lead = self.env["crm.lead"].create({"name": "Twin", "type": "lead"})
        cr.execute("""
            INSERT INTO industrial_direction (code, team_id, company_id, name, active, sequence)
            VALUES ('T_TWIN', %s, %s, '{"en_US": "Twin"}', true, 20) RETURNING id
        """, [self.team_hv.id, self.env.company.id])
        twin_id = cr.fetchone()[0]
        cr.execute("UPDATE crm_lead SET direction_id = %s, team_id = %s WHERE id = %s",
                   [twin_id, self.team_hv.id, twin_lead.id])
        self.env.invalidate_all()
        return old_alias, twin_id, twin_lead

    def test_old_direction_values_move_to_its_team(self):
        old_alias, twin_id, twin_lead = self._make_old_schema()
        _script("pre-migrate").migrate(self.env.cr, "18.0.1.1.0")
        _script("post-migrate").migrate(self.env.cr, "18.0.1.1.0")
        self.env.invalidate_all()

        team = self.direction_hv.team_id
        self.assertEqual(team, self.team_hv)
        self.assertEqual(team.name, "High Vacuum Dept")
        self.assertEqual(team.with_context(lang="ru_RU").name, "Высокий вакуум")
        self.assertEqual(team.user_id, self.user_head_other)
        self.assertIn(self.user_manager_other, team.member_ids)
        self.assertEqual((team.sequence, team.color), (3, 5))
        self.assertEqual(team.alias_name, "old-vacuum", "the direction's address keeps working")
        self.assertEqual(team.alias_id.alias_model_id.model, "industrial.request")
        self.assertFalse(old_alias.exists())
        self.env.cr.execute("""
            SELECT count(*) FROM information_schema.columns
             WHERE table_name = 'industrial_direction' AND column_name IN ('name', 'head_id', 'alias_id')
        """)
        self.assertEqual(self.env.cr.fetchone()[0], 0)
        self.env.cr.execute("SELECT to_regclass('industrial_direction_member_rel')")
        self.assertIsNone(self.env.cr.fetchone()[0])

        twin = self.env["industrial.direction"].browse(twin_id)
        self.assertNotEqual(twin.team_id, self.team_hv, "a shared team is split")
        self.assertEqual(twin.name, "Twin")
        self.assertEqual(twin_lead.team_id, twin.team_id)

    def test_new_databases_are_left_alone(self):
        teams = self.env["crm.team"].search_count([])
        _script("pre-migrate").migrate(self.env.cr, "18.0.1.1.0")
        _script("post-migrate").migrate(self.env.cr, "18.0.1.1.0")
        self.assertEqual(self.env["crm.team"].search_count([]), teams)
        self.assertEqual(self.direction_hv.team_id.alias_name, "t-vacuum")
