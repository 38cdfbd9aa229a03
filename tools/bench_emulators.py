"""The suite's emulators loaded by path for the benchmark drivers, which run outside Odoo
(the add-on packages themselves need an Odoo registry to import)."""
import importlib.util
import os

ADDONS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "addons")


def miko_emulator():
    """``industrial_miko/tools/miko_emulator.py`` as a module."""
    path = os.path.join(ADDONS, "industrial_miko", "tools", "miko_emulator.py")
    spec = importlib.util.spec_from_file_location("miko_emulator", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
