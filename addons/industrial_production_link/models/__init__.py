from . import industrial_readiness_mixin
from . import mrp_production
from . import mrp_workorder
from . import purchase_order_line
from . import sale_order_line
from . import sale_order
from . import stock_move
from . import crm_lead
