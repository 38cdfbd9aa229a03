import logging

from psycopg2.extras import Json

from odoo import SUPERUSER_ID, api

_logger = logging.getLogger(__name__)

OLD_COLUMNS = ("name", "head_id", "sequence", "active", "color", "alias_id")


def migrate(cr, version):
    """Each direction's name, head, managers, order, colour and email alias move to
    its sales team, which the direction now is. Two directions that shared a team
    each get their own; the old columns, member table and aliases are dropped."""
    cr.execute("""
        SELECT column_name FROM information_schema.columns
         WHERE table_name = 'industrial_direction' AND column_name IN %s
    """, [OLD_COLUMNS])
    present = {row[0] for row in cr.fetchall()}
    if "name" not in present:
        return
    env = api.Environment(cr, SUPERUSER_ID, {"active_test": False, "mail_create_nosubscribe": True})
    # a manager of two directions stays in both teams (the old member lists allowed it)
    env["ir.config_parameter"].set_param("sales_team.membership_multi", "True")
    cr.execute("""
        SELECT d.id, d.team_id, d.name, d.head_id, d.sequence, d.active, d.color, a.alias_name, d.alias_id
          FROM industrial_direction d
     LEFT JOIN mail_alias a ON a.id = d.alias_id
      ORDER BY d.id
    """)
    rows = cr.fetchall()
    members = {}
    cr.execute("SELECT to_regclass('industrial_direction_member_rel')")
    if cr.fetchone()[0]:
        cr.execute("SELECT direction_id, user_id FROM industrial_direction_member_rel")
        for direction_id, user_id in cr.fetchall():
            members.setdefault(direction_id, []).append(user_id)
    old_aliases = [row[8] for row in rows if row[8]]
    cr.execute("ALTER TABLE industrial_direction " + ", ".join(
        f'DROP COLUMN IF EXISTS "{column}"' for column in OLD_COLUMNS))
    if old_aliases:
        cr.execute("DELETE FROM mail_alias WHERE id IN %s", [tuple(old_aliases)])
    cr.execute("DROP TABLE IF EXISTS industrial_direction_member_rel")

    Direction = env["industrial.direction"]
    seen_teams = set()
    for direction_id, team_id, name, head_id, sequence, active, color, alias_name, _alias in rows:
        direction = Direction.browse(direction_id)
        team = env["crm.team"].browse(team_id)
        if team_id in seen_teams:
            team = team.copy({"name": team.name, "alias_name": False})
            direction.team_id = team
            cr.execute("UPDATE crm_lead SET team_id = %s WHERE direction_id = %s", [team.id, direction_id])
            _logger.info("Direction %s shared its sales team with another one: it got its own team %s",
                         direction_id, team.id)
        seen_teams.add(team.id)
        if name:
            cr.execute("UPDATE crm_team SET name = %s WHERE id = %s", [Json(name) if isinstance(name, dict) else Json({"en_US": name}), team.id])
        team.write({
            "user_id": head_id or False,
            "sequence": sequence or 10,
            "active": bool(active),
            "color": color or 0,
        })
        if members.get(direction_id):
            team.write({"member_ids": [(4, user_id) for user_id in members[direction_id]]})
        if alias_name:
            team.alias_id.alias_name = alias_name
    env.invalidate_all()
    Direction.search([]).team_id._industrial_sync_alias()
    Direction._invalidate_user_directions()
