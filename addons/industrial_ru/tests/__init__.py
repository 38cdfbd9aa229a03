from . import test_sms_gateway
from . import test_customer_notices
from . import test_smsru_client
from . import test_requisites
from . import test_vat
from . import test_reports
from . import test_settings_tour
