from . import industrial_1c_connection
from . import industrial_1c_document
from . import industrial_1c_sync_log
from . import res_partner
from . import crm_lead
from . import industrial_1c_binding
from . import product_product
from . import sale_order
