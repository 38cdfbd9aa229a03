from . import onec_client
