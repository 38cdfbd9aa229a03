import logging

_logger = logging.getLogger(__name__)

NEW_MODULE = "industrial_marketing"
# models that moved, with everything Odoo keys by model (cf. odoo/upgrade-util src/util/modules.py move_model);
# the ir.model.inherit xml ids are left alone: Odoo reflects them under each module it loads
MOVED_MODELS = (
    "industrial.marketing.segment",
    "industrial.mailchimp.member",
    "industrial.mailchimp.sync",
    "industrial.mailchimp.sync.line",
    "industrial.telemarketing.export",
    "industrial.call.task.wizard",
    "industrial.call.task.report",
)
# xml ids tied to no moved model
MOVED_XMLIDS = (
    "menu_industrial_marketing_audiences",
    "menu_industrial_marketing_segments",
    "menu_industrial_mailchimp_syncs",
    "menu_industrial_telemarketing_exports",
    "menu_industrial_call_tasks",
    "field_res_config_settings__industrial_mailchimp_api_key",
    "field_res_config_settings__industrial_mailchimp_base_url",
    "field_res_config_settings__industrial_mailchimp_batch_size",
)
# (model of the xml id, SQL giving the ids of its records that belong to a moved model)
OWNED_BY_MODEL = (
    ("ir.model", "SELECT id FROM ir_model WHERE model IN %(models)s"),
    ("ir.model.fields", "SELECT id FROM ir_model_fields WHERE model IN %(models)s"),
    ("ir.model.fields.selection", """
        SELECT s.id FROM ir_model_fields_selection s JOIN ir_model_fields f ON f.id = s.field_id
         WHERE f.model IN %(models)s"""),
    ("ir.model.constraint", """
        SELECT c.id FROM ir_model_constraint c JOIN ir_model m ON m.id = c.model WHERE m.model IN %(models)s"""),
    ("ir.model.relation", """
        SELECT r.id FROM ir_model_relation r JOIN ir_model m ON m.id = r.model WHERE m.model IN %(models)s"""),
    ("ir.model.access", """
        SELECT a.id FROM ir_model_access a JOIN ir_model m ON m.id = a.model_id WHERE m.model IN %(models)s"""),
    ("ir.rule", "SELECT r.id FROM ir_rule r JOIN ir_model m ON m.id = r.model_id WHERE m.model IN %(models)s"),
    ("ir.ui.view", "SELECT id FROM ir_ui_view WHERE model IN %(models)s"),
    ("ir.actions.act_window", "SELECT id FROM ir_act_window WHERE res_model IN %(models)s"),
    ("ir.actions.server", "SELECT id FROM ir_act_server WHERE model_name IN %(models)s"),
    ("ir.cron", """
        SELECT c.id FROM ir_cron c JOIN ir_act_server s ON s.id = c.ir_actions_server_id
         WHERE s.model_name IN %(models)s"""),
)


def migrate(cr, version):
    """Marketing left industrial_crm for industrial_marketing: hand its records over with
    their data, as odoo/upgrade-util's ``move_model`` does, and have industrial_marketing
    loaded in this same update, as already installed (its records exist), so that the end
    of the update finds every moved xml id loaded and deletes nothing."""
    params = {"models": MOVED_MODELS, "old": "industrial_crm", "new": NEW_MODULE}
    for model, ids_query in OWNED_BY_MODEL:
        _move_xmlids(cr, f"d.model = %(model)s AND d.res_id IN ({ids_query})", dict(params, model=model))
    # the records of the moved models themselves (the demo segments) and the named ones
    _move_xmlids(cr, "(d.model IN %(models)s OR d.name IN %(names)s)", dict(params, names=MOVED_XMLIDS))
    cr.execute("SELECT id, state FROM ir_module_module WHERE name = %s", [NEW_MODULE])
    row = cr.fetchone()
    if not row:
        _logger.warning("%s is not in the addons path: install it to work with the marketing data again "
                        "(its records are kept, now under its name).", NEW_MODULE)
        return
    new_id, state = row
    cr.execute("SELECT id FROM ir_module_module WHERE name = 'industrial_crm'")
    old_id = cr.fetchone()[0]
    # database-level ownership (dropped with the owner module on uninstall)
    cr.execute("""
        UPDATE ir_model_constraint c SET module = %s FROM ir_model m
         WHERE m.id = c.model AND m.model IN %s AND c.module = %s
    """, [new_id, MOVED_MODELS, old_id])
    cr.execute("""
        UPDATE ir_model_relation r SET module = %s FROM ir_model m
         WHERE m.id = r.model AND m.model IN %s AND r.module = %s
    """, [new_id, MOVED_MODELS, old_id])
    if state in ("uninstalled", "to install"):
        cr.execute("""
            UPDATE ir_module_module
               SET state = 'to upgrade', demo = (SELECT demo FROM ir_module_module WHERE name = 'industrial_crm')
             WHERE id = %s
        """, [new_id])
        _logger.info("Marketing moved from industrial_crm to %s, which is updated with its data.", NEW_MODULE)


def _move_xmlids(cr, where, params):
    """Rename the module of the matching xml ids; where the new module already has the
    name (reflected by a previous run), the old one is a duplicate and goes."""
    cr.execute(f"""
        DELETE FROM ir_model_data d USING ir_model_data o
         WHERE d.module = %(old)s AND o.module = %(new)s AND o.name = d.name AND {where}
    """, params)
    cr.execute(f"UPDATE ir_model_data d SET module = %(new)s WHERE d.module = %(old)s AND {where}", params)
