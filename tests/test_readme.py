"""The README's two commands exist and fail clearly when the platform is missing."""
import os
import subprocess
import sys
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


class TestReadmeCommands(unittest.TestCase):
    def test_readme_documents_both_commands(self):
        with open(os.path.join(ROOT, "README.md"), encoding="utf-8") as readme:
            text = readme.read()
        for command in ("make run", "make test", "N passed, N failed"):
            self.assertIn(command, text)
        with open(os.path.join(ROOT, "Makefile"), encoding="utf-8") as makefile:
            targets = makefile.read()
        for target in ("run:", "test:", "bench:"):
            self.assertIn(target, targets)

    def _check(self, env):
        return subprocess.run(
            ["bash", "-c", "source tools/env.sh && odoo_addons_path >/dev/null && ensure_postgres"],
            cwd=ROOT, env={**os.environ, **env}, capture_output=True, text=True, timeout=120,
        )

    def test_clear_error_without_odoo(self):
        # python -S cannot see site-packages, where Odoo is installed
        fake = os.path.join(ROOT, ".test-logs", "python-without-site")
        os.makedirs(os.path.dirname(fake), exist_ok=True)
        with open(fake, "w", encoding="utf-8") as script:
            script.write(f"#!/bin/sh\nexec {sys.executable} -S \"$@\"\n")
        os.chmod(fake, 0o755)
        result = self._check({"PYTHON": fake})
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("Error: Odoo 18.0 is not importable", result.stderr)
        self.assertEqual(len(result.stderr.strip().splitlines()), 1, result.stderr)

    def test_clear_error_without_postgres(self):
        result = self._check({"PGHOST": "127.0.0.1", "PGPORT": "1"})
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("Error: PostgreSQL does not answer on 127.0.0.1:1", result.stderr)

    def test_ci_fails_without_odoo(self):
        with open(os.path.join(ROOT, ".ci", "run"), encoding="utf-8") as ci:
            text = ci.read()
        self.assertIn("make test", text)
        self.assertIn("import odoo", text)


if __name__ == "__main__":
    unittest.main()
