from . import test_install
from . import test_client
from . import test_cdr_sync
from . import test_events
from . import test_webhook
from . import test_click_to_call
from . import test_access
from . import test_errors
