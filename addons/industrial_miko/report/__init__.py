from . import industrial_call_report
