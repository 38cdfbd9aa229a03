from . import sms_sms
from . import res_partner
from . import res_config_settings
from . import mail_thread
from . import calendar_event
from . import account_move
