from . import industrial_call_task_report
