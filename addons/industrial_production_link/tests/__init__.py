from . import test_access
from . import test_coverage
from . import test_readiness
from . import test_views
from . import test_language
