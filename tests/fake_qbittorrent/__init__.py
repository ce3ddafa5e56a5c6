"""A fake qBittorrent WebAPI for tests and benchmarks (flavours "4.2", "4.5", "5.1", "5.3").

    server = FakeQBittorrent("5.3")
    url = await server.start()
    server.add_torrent(name="ubuntu.iso", state="downloading", dlspeed=1_000_000)
    server.fail_next("status_502")
    ...
    await server.stop()

Run standalone with `python -m tests.fake_qbittorrent --help`.
"""

from .flavours import BANNED_MESSAGE, FLAVOURS, Flavour, FlavourName
from .misbehaviour import FailureMode
from .server import (
    DEFAULT_PASSWORD,
    DEFAULT_USERNAME,
    FakeQBittorrent,
    RecordedRequest,
)
from .tls import SelfSignedCertificate, self_signed_certificate

__all__ = [
    "BANNED_MESSAGE",
    "DEFAULT_PASSWORD",
    "DEFAULT_USERNAME",
    "FLAVOURS",
    "FailureMode",
    "FakeQBittorrent",
    "Flavour",
    "FlavourName",
    "RecordedRequest",
    "SelfSignedCertificate",
    "self_signed_certificate",
]
