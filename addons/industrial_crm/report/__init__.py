from . import industrial_funnel_report
from . import industrial_activity_report
