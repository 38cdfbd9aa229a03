from . import industrial_call_task_wizard
