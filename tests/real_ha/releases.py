"""The Home Assistant releases the real-Home-Assistant tests run: the pinned one and the newest.

The pinned release is the one in the project's .venv (the test harness's,
requirements_test.txt). The newest is the one requirements_ha_newest.txt
names, which scripts/setup installs into a venv of its own under the cache.
A release that is not installed fails the test with "run scripts/setup".
"""

from __future__ import annotations

import os
from pathlib import Path
import re
import sys

from homeassistant import const

REPO_ROOT = Path(__file__).resolve().parents[2]
NEWEST_REQUIREMENTS = REPO_ROOT / "requirements_ha_newest.txt"
PINNED_RELEASE: str = const.__version__


class HomeAssistantMissingError(RuntimeError):
    """A Home Assistant release the tests need is not installed."""


def _cache_dir() -> Path:
    """The project's cache, found as scripts/lib/common.sh finds it."""
    if configured := os.environ.get("QBM_CACHE_DIR"):
        return Path(configured).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "qbittorrent_multi"


def newest_release() -> str:
    """The release requirements_ha_newest.txt pins."""
    text = NEWEST_REQUIREMENTS.read_text(encoding="utf-8")
    match = re.search(r"^homeassistant==(\S+)", text, re.MULTILINE)
    if match is None:
        raise HomeAssistantMissingError(f"{NEWEST_REQUIREMENTS} pins no homeassistant")
    return match.group(1)


RELEASES: tuple[str, ...] = (PINNED_RELEASE, newest_release())


def hass_command(release: str) -> Path:
    """The `hass` of a release: the .venv's for the pinned one, else the cached venv's."""
    if release == PINNED_RELEASE:
        return Path(sys.executable).with_name("hass")
    command = _cache_dir() / f"home-assistant-{release}" / "bin" / "hass"
    if not (command.is_file() and os.access(command, os.X_OK)):
        raise HomeAssistantMissingError(
            f"{command} is missing: run scripts/setup to install Home Assistant {release}"
        )
    return command
