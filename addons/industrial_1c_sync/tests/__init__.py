from . import test_client
from . import test_sync
from . import test_access
from . import test_errors
from . import test_trade
from . import test_bindings
from . import test_background
from . import test_mappers
