from . import industrial_call_mixin
from . import industrial_pbx_connection
from . import industrial_pbx_extension
from . import industrial_call
from . import res_partner
from . import crm_lead
from . import industrial_request
