import re

from odoo.tests import TransactionCase, tagged

# the suite modules that bring their own administrator group
ADMIN_GROUP_MODULES = {"industrial_1c_sync", "industrial_miko", "industrial_production_link"}


@tagged("post_install", "-at_install")
class TestSuiteInstall(TransactionCase):
    """One check for every suite module, in place of one copy per module."""

    def test_group_installed_for_admin(self):
        """Each module's administrator group (``<module>.group_<x>_manager``) exists,
        sits under Industrial CRM and the admin holds it."""
        installed = set(self.env["ir.module.module"].search([
            ("name", "=like", "industrial\\_%"), ("state", "=", "installed"),
        ]).mapped("name"))
        xmlids = self.env["ir.model.data"].search([
            ("module", "in", list(installed)), ("model", "=", "res.groups"),
        ]).filtered(lambda d: re.fullmatch(r"group_\w+_manager", d.name))
        self.assertEqual(set(xmlids.mapped("module")), ADMIN_GROUP_MODULES & installed)
        category = self.env.ref("industrial_crm.module_category_industrial_crm")
        for data in xmlids:
            group = self.env["res.groups"].browse(data.res_id)
            with self.subTest(group=data.complete_name):
                self.assertIn(self.env.ref("base.user_admin"), group.users)
                self.assertEqual(group.category_id, category)
