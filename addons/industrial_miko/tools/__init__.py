from .miko_client import (
    AmiClient,
    MikoAuthError,
    MikoError,
    MikoNoAnswerError,
    MikoProtocolError,
    MikoRecordingExpiredError,
    MikoRestClient,
    MikoUnavailableError,
)
