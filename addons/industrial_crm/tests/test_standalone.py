import ast
import os

from odoo.modules.module import get_manifest, get_module_path
from odoo.tests import TransactionCase, tagged

MARKETING_ONLY = {"mass_mailing", "mailchimp3", "xlsxwriter", "mailing.", "industrial_marketing"}


@tagged("post_install", "-at_install")
class TestStandalone(TransactionCase):
    """industrial_crm installs without Email Marketing: marketing is industrial_marketing's."""

    def _closure(self, name):
        """The modules a database with only ``name`` installed holds, auto-installed links included."""
        Module = self.env["ir.module.module"]
        wanted = {name}
        todo = [name]
        while todo:
            module = Module.search([("name", "=", todo.pop())])
            for dep in module.dependencies_id.mapped("name"):
                if dep not in wanted:
                    wanted.add(dep)
                    todo.append(dep)
        grown = True
        while grown:
            links = Module.search([("auto_install", "=", True), ("name", "not in", list(wanted))]).filtered(
                lambda m: set(m.dependencies_id.filtered("auto_install_required").mapped("name")) <= wanted)
            grown = bool(links)
            wanted |= set(links.mapped("name"))
        return wanted

    def test_no_mass_mailing_in_a_database_of_industrial_crm_only(self):
        modules = self._closure("industrial_crm")
        self.assertIn("crm", modules)
        self.assertNotIn("mass_mailing", modules)
        self.assertNotIn("industrial_marketing", modules)
        self.assertIn("mass_mailing", self._closure("industrial_marketing"))

    def test_manifest_and_code_need_no_marketing_package(self):
        manifest = get_manifest("industrial_crm")
        self.assertNotIn("mass_mailing", manifest["depends"])
        self.assertEqual(manifest["external_dependencies"]["python"], ["phonenumbers"])
        root = get_module_path("industrial_crm")
        for folder in ("models", "wizard", "report", "tools", "controllers"):
            for dirpath, _dirs, files in os.walk(os.path.join(root, folder)):
                for filename in files:
                    if not filename.endswith(".py"):
                        continue
                    with open(os.path.join(dirpath, filename), encoding="utf-8") as source:
                        tree = ast.parse(source.read())
                    imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import)
                                for alias in node.names}
                    imported |= {node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
                    strings = {node.value for node in ast.walk(tree)
                               if isinstance(node, ast.Constant) and isinstance(node.value, str)}
                    found = {word for word in MARKETING_ONLY for text in imported | strings if word in text}
                    self.assertFalse(found, f"{filename} needs {found}")
