from . import test_calculation
from . import test_access
from . import test_commissioning
from . import test_tours
