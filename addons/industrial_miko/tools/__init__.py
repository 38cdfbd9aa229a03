from .miko_client import (
    AmiClient,
    MikoAuthError,
    MikoError,
    MikoNoAnswerError,
    MikoProtocolError,
    MikoRestClient,
    MikoUnavailableError,
)
