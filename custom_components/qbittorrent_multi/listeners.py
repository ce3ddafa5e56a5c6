"""A list of callbacks told whenever something they follow changed."""

from __future__ import annotations

from collections.abc import Callable

from homeassistant.core import CALLBACK_TYPE, callback


class Listeners[*Args]:
    """Callbacks to call with the same arguments, each until it removes itself."""

    __slots__ = ("_callbacks",)

    def __init__(self) -> None:
        """Start with none."""
        self._callbacks: list[Callable[[*Args], None]] = []

    @callback
    def add(self, listener: Callable[[*Args], None]) -> CALLBACK_TYPE:
        """Call `listener` from now on; return the function that stops it."""
        self._callbacks.append(listener)

        @callback
        def remove() -> None:
            self._callbacks.remove(listener)

        return remove

    def __len__(self) -> int:
        """How many listeners there are."""
        return len(self._callbacks)

    @callback
    def notify(self, *args: *Args) -> None:
        """Call every listener."""
        for listener in list(self._callbacks):
            listener(*args)
