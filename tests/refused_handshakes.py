"""Let a TLS client refuse the fake server's certificate without failing the test."""

import asyncio
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

_REFUSED_HANDSHAKE = "Error on transport creation for incoming connection"


@contextmanager
def ignoring_refused_handshakes() -> Iterator[None]:
    """Keep the fake server's side of a refused TLS handshake out of the test result.

    The fake serves in the test's own event loop, which runs in debug mode:
    there asyncio reports a handshake the client gave up on (because it does
    not trust the certificate) as an error of the loop, failing the test.
    Every other error of the loop still reaches the handler set before.
    """
    loop = asyncio.get_running_loop()
    previous = loop.get_exception_handler()

    def handler(loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
        if context.get("message") == _REFUSED_HANDSHAKE:
            return
        if previous is None:
            loop.default_exception_handler(context)
        else:
            previous(loop, context)

    loop.set_exception_handler(handler)
    try:
        yield
    finally:
        loop.set_exception_handler(previous)
