from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestInstall(TransactionCase):
    def test_group_installed_for_admin(self):
        """The module's administrator group exists and the admin holds it."""
        group = self.env.ref("industrial_1c_sync.group_1c_sync_manager")
        self.assertIn(self.env.ref("base.user_admin"), group.users)
        self.assertEqual(group.category_id, self.env.ref("industrial_crm.module_category_industrial_crm"))
