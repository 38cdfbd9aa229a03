from . import industrial_request_route
from . import industrial_satisfaction_call_wizard
from . import industrial_satisfaction_outcome_wizard
