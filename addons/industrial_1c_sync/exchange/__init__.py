"""The 1C exchange in layers (cf. OCA connector): ``mappers`` translate one 1C object each,
the ``importer`` and the ``exporter`` fetch, match and write, bound through
``industrial.1c.binding``; ``industrial.1c.connection`` is the backend that runs them."""
from .exporter import Exporter
from .importer import Importer
from .run import ExchangeRun
