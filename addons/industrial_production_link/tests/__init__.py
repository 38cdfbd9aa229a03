from . import test_install
from . import test_coverage
from . import test_readiness
