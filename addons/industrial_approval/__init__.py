from . import models
from . import demo
