"""The README's XML-RPC example, run as written (parsed from README.md, not copied),
as each role that takes requests.

Runs against the live server `make test` starts (ODOO_URL, ODOO_DB).
"""
import os
import re
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
URL = os.environ.get("ODOO_URL", "http://127.0.0.1:8069")
DB = os.environ.get("ODOO_DB", "industrial")


def readme_example():
    with open(os.path.join(ROOT, "README.md"), encoding="utf-8") as readme:
        text = readme.read()
    section = text.split("## For integrators (XML-RPC)", 1)[1]
    return re.search(r"```python\n(.*?)```", section, re.S).group(1)


class TestReadmeExample(unittest.TestCase):
    def run_example(self, login):
        code = readme_example()
        # the example's own server, database and user are the only things swapped
        for documented, actual in (('"http://localhost:8069"', repr(URL)), ('"industrial"', repr(DB)),
                                   ('"dispatcher"', repr(login))):
            self.assertIn(documented, code)
            code = code.replace(documented, actual)
        namespace = {}
        exec(compile(code, "README.md", "exec"), namespace)  # noqa: S102 - the documented example itself
        return namespace["result"]

    def test_example_as_dispatcher_and_manager(self):
        for login in ("dispatcher", "manager_pump", "head_pump"):
            with self.subTest(login=login):
                result = self.run_example(login)
                self.assertEqual(
                    set(result), {"number", "request_id", "lead_id", "partner_id", "is_new_customer"}
                )
                self.assertRegex(result["number"], r"^REQ-\d{4}-\d{5}$")
                self.assertTrue(result["lead_id"])
                self.assertTrue(result["partner_id"])


if __name__ == "__main__":
    unittest.main()
