from . import amount_words
from . import requisites
