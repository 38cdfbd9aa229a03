from . import test_discount_approval
from . import test_invoice_approval
from . import test_configuration
from . import test_access
from . import test_approval_tour
