import csv
import logging
import os

from lxml import etree

from odoo import api, models
from odoo.addons.base.models.ir_model import MODULE_UNINSTALL_FLAG
from odoo.modules.module import get_manifest, get_module_path

_logger = logging.getLogger(__name__)

#: Documents of Odoo's demo shop that have no "active" field: cancelled where they can
#: be, then deleted, in this order (deliveries and productions before the orders that
#: made them, stock before the products' quants).
DEMO_DOCUMENTS = (
    "mail.activity",
    "mail.message",
    "account.analytic.line",
    "project.update",
    "project.milestone",
    "hr.resume.line",
    "hr.employee.skill",
    "stock.picking",
    "mrp.production",
    "sale.order",
    "purchase.order",
    "stock.quant",
    "mailing.trace",
    "mailing.subscription",
    "crm.tag",
)
#: Records with an "active" field that stay active: archiving them changes how the
#: company works (locations, warehouses, calendars, price lists), not what staff see.
KEEP_ACTIVE = {
    "res.company", "stock.location", "stock.warehouse", "stock.picking.type", "stock.route",
    "resource.calendar", "product.pricelist", "uom.uom", "account.journal", "account.account",
    "account.tax", "account.payment.term", "payment.provider", "payment.method", "mail.alias",
    "ir.ui.view", "ir.ui.menu", "ir.actions.server", "ir.cron", "ir.rule", "res.currency",
    "mrp.workcenter", "stock.storage.category", "account.analytic.account", "account.analytic.plan",
    "mail.activity.type", "mail.template", "sms.template", "crm.team", "crm.stage",
}


class IrModelData(models.Model):
    _inherit = "ir.model.data"

    @api.model
    def _industrial_demo_odoo_records(self):
        """The records that the demo files of the installed Odoo modules (not ours)
        created: the ids a module's demo files define that its data files do not."""
        demo_modules = self.env["ir.module.module"].sudo().search([
            ("state", "=", "installed"), ("demo", "=", True), ("name", "not like", "industrial_%"),
        ])
        names = {}
        for module in demo_modules.mapped("name"):
            manifest = get_manifest(module)
            path = get_module_path(module, display_warning=False)
            if not manifest or not path:
                continue
            demo_ids = self._industrial_file_ids(path, manifest.get("demo", []))
            data_ids = self._industrial_file_ids(path, manifest.get("data", []))
            if demo_ids - data_ids:
                names[module] = demo_ids - data_ids
        records = self.sudo().search([("module", "in", list(names))])
        return records.filtered(lambda d: d.name in names[d.module])

    @api.model
    def _industrial_file_ids(self, path, files):
        """The unqualified ids defined by the given XML and CSV files of a module."""
        ids = set()
        for name in files:
            full = os.path.join(path, name)
            if not os.path.isfile(full):
                continue
            if name.endswith(".xml"):
                for node in etree.parse(full).iter("record"):
                    if node.get("id") and "." not in node.get("id"):
                        ids.add(node.get("id"))
            elif name.endswith(".csv"):
                with open(full, encoding="utf-8") as stream:
                    ids |= {row["id"] for row in csv.DictReader(stream) if row.get("id") and "." not in row["id"]}
        return ids

    @api.model
    def _industrial_demo_retire_odoo_demo(self):
        """Demo data only: Odoo's own demo (a furniture shop, its customers, employees,
        projects, orders and mailings) off the screens of our demo company. Records with
        an "active" field are archived; the shop's documents are cancelled and deleted,
        as Odoo's chart template loader drops demo entries. Never on a database without
        demo data; ours (industrial_*) is never touched."""
        data = self._industrial_demo_odoo_records()
        by_model = {}
        for record in data:
            by_model.setdefault(record.model, set()).add(record.res_id)
        force = self.env(su=True, context={MODULE_UNINSTALL_FLAG: True, "tracking_disable": True})
        for model in DEMO_DOCUMENTS:
            if model in by_model and model in force:
                self._industrial_drop_documents(force[model].browse(by_model.pop(model)).exists())
        for model, ids in by_model.items():
            if model in KEEP_ACTIVE or model not in force or "active" not in force[model]._fields:
                continue
            records = force[model].browse(ids).exists().filtered("active")
            if model == "res.partner":
                records = records.filtered(lambda p: not p.user_ids.filtered("active") and not p.ref_company_ids)
            elif model == "res.users":
                records = records.filtered(lambda u: u.id != self.env.ref("base.user_admin").id)
            elif model == "product.product":
                records.product_tmpl_id.filtered("active").write({"active": False})
                records = records.filtered("active")
            records.write({"active": False})
        _logger.info("Odoo's own demo records taken off the demo: %s models", len(by_model))
        return True

    @api.model
    def _industrial_drop_documents(self, records):
        if "picking_ids" in records._fields:
            self._industrial_drop_documents(records.picking_ids)
        cancel = {
            "stock.picking": "action_cancel", "mrp.production": "action_cancel",
            "sale.order": "_action_cancel", "purchase.order": "button_cancel",
        }.get(records._name)
        if cancel:
            for record in records:
                try:
                    with self.env.cr.savepoint():
                        getattr(record, cancel)()
                except Exception:  # noqa: BLE001 - done documents cannot be cancelled; deleted below
                    _logger.debug("Demo %s %s not cancelled", record._name, record.id)
        if records._name == "stock.picking":
            records.move_ids.move_line_ids.unlink()
            records.move_ids.unlink()
        records.unlink()
