# Helpers called by the demo data only (as Odoo's account/demo does).
from . import res_company
from . import sale_order
from . import ir_model_data
