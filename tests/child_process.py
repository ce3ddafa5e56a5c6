"""Servers the tests start as child processes of their own."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
import shutil
import subprocess


def start_child(
    command: list[str], output: Path, env: Mapping[str, str] | None = None
) -> subprocess.Popen[bytes]:
    """Start `command` with its output appended to `output`.

    It dies with the test process, even one killed outright, where setpriv
    is there to ask for that.
    """
    if setpriv := shutil.which("setpriv"):
        command = [setpriv, "--pdeathsig", "TERM", "--", *command]
    with output.open("ab") as log:
        # Our own binaries and fixed flags, never outside input.
        return subprocess.Popen(  # noqa: S603
            command,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            env=env,
            start_new_session=True,
        )
