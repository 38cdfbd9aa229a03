"""Open an action the way the web client does, to catch access errors a menu would show."""

from lxml import etree

from odoo.tools.safe_eval import safe_eval

from odoo.addons.mail.tools.discuss import Store

RELATIONAL = ("many2one", "many2many", "one2many")


def fields_spec(arch, fields_info):
    """The ``web_read`` specification the client builds from a view: relations show their names."""
    spec = {}
    for node in etree.fromstring(arch).xpath("//field[not(ancestor::field)]"):
        name = node.get("name")
        info = fields_info.get(name, {})
        spec[name] = {"fields": {"display_name": {}}} if info.get("type") in RELATIONAL else {}
    return spec


def open_action(env, xmlid, user, records=None):
    """Load every view of the window action ``xmlid`` as ``user`` and read what each shows:
    list and kanban rows, kanban columns, pivot and graph groups, the form and its chatter
    for ``records``. Returns ``{view type: what was read}``."""
    env.invalidate_all()  # each request of the client starts with an empty cache
    action = env.ref(xmlid)
    eval_context = {"uid": user.id}
    context = safe_eval(action.context or "{}", eval_context)
    model = env[action.res_model].with_user(user).with_context(
        **{key: value for key, value in context.items() if not key.startswith("search_default_")})
    views = [(view_id or False, view_type) for view_id, view_type in action.views]
    result = model.get_views(views + [(action.search_view_id.id, "search")],
                             {"load_filters": True, "toolbar": True})
    fields_info = result["models"][action.res_model]["fields"]
    domain = safe_eval(action.domain or "[]", eval_context)
    if records is not None:
        domain = domain + [("id", "in", records.ids)]
    read = {}
    for view_type, view in result["views"].items():
        arch = view["arch"]
        if view_type in ("list", "kanban"):
            spec = fields_spec(arch, fields_info)
            read[view_type] = model.web_search_read(domain, spec, limit=80)["records"]
            if view_type == "kanban" and "stage_id" in fields_info:
                read["kanban_groups"] = model.web_read_group(domain, ["stage_id"], ["stage_id"])
        elif view_type in ("pivot", "graph"):
            measures = [f"{node.get('name')}:sum" for node in etree.fromstring(arch).xpath(
                "//field[@type='measure']")]
            rows = [node.get("name") for node in etree.fromstring(arch).xpath(
                "//field[@type='row' or @type='col' or not(@type)]")]
            read[view_type] = model.read_group(domain, measures, rows[:1], lazy=True)
        elif view_type == "form" and records:
            spec = fields_spec(arch, fields_info)
            read["form"] = model.browse(records.ids).web_read(spec)
            if hasattr(model, "_thread_to_store"):
                for record in model.browse(records.ids):
                    Store(record, as_thread=True, request_list=[
                        "activities", "attachments", "followers", "scheduledMessages", "suggestedRecipients",
                    ]).get_result()
    return read
