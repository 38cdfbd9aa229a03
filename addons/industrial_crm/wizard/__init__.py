from . import industrial_request_route
from . import industrial_call_task_wizard
