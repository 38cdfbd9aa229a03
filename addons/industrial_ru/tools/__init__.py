from .smsru_client import (
    SmsRuAuthError,
    SmsRuClient,
    SmsRuError,
    SmsRuFundsError,
    SmsRuProtocolError,
    SmsRuUnavailableError,
)
