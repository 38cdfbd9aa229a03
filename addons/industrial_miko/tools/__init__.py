from .miko_client import (
    AmiClient,
    MikoAuthError,
    MikoError,
    MikoProtocolError,
    MikoRestClient,
    MikoUnavailableError,
)
