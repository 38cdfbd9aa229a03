from . import amount_words
from . import requisites
from .smsru_client import (
    SmsRuAuthError,
    SmsRuClient,
    SmsRuError,
    SmsRuFundsError,
    SmsRuProtocolError,
    SmsRuUnavailableError,
)
