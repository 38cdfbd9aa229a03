"""Staff read the interface in Russian: every module's ru.po is complete."""
import glob
import os
import re
import unittest

import polib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PLACEHOLDER = re.compile(r"%\(\w+\)s|%s|\{\{.*?\}\}")


class TestRussianTranslation(unittest.TestCase):
    def test_every_module_has_complete_ru_po(self):
        modules = sorted(glob.glob(os.path.join(ROOT, "addons", "*", "__manifest__.py")))
        self.assertEqual(len(modules), 8)
        for manifest in modules:
            folder = os.path.dirname(manifest)
            name = os.path.basename(folder)
            with self.subTest(module=name):
                po = polib.pofile(os.path.join(folder, "i18n", "ru.po"))
                pot = polib.pofile(os.path.join(folder, "i18n", f"{name}.pot"))
                self.assertEqual(po.untranslated_entries(), [])
                self.assertEqual(po.fuzzy_entries(), [])
                missing = {e.msgid for e in pot} - {e.msgid for e in po}
                self.assertEqual(missing, set(), "strings of the .pot missing from ru.po")
                for entry in po:
                    self.assertEqual(
                        sorted(PLACEHOLDER.findall(entry.msgid)), sorted(PLACEHOLDER.findall(entry.msgstr)),
                        entry.msgid,
                    )
