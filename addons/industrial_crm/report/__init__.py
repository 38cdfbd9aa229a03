from . import industrial_funnel_report
