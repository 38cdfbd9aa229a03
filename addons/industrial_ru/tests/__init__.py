from . import test_requisites
from . import test_vat
from . import test_reports
