from . import industrial_calculation_report
