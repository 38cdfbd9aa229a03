# Helpers called by the demo data only (as Odoo's account/demo does).
from . import tier_validation
