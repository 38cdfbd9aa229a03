from . import test_sms_gateway
from . import test_customer_notices
from . import test_smsru_client
