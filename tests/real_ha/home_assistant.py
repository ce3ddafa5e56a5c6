"""A real Home Assistant process (`hass -c DIR`) with this integration installed.

Not the test harness: the same `hass` a user runs, of the pinned release (this
repository's .venv) or the newest (see releases.py), with a configuration
directory of its own. The directory gets the
development instance's configuration.yaml, the integration linked into
custom_components/ and the blueprints linked into blueprints/, so the instance
loads exactly the files in the work tree.
"""

from __future__ import annotations

import contextlib
import http.client
import json
from pathlib import Path
import shutil
import subprocess
import time
from typing import Self

from tests.child_process import start_child
from tests.real_ha.releases import PINNED_RELEASE, hass_command
from tests.real_qbittorrent import free_port, loopback_sockets

REPO_ROOT = Path(__file__).resolve().parents[2]
INTEGRATION_DIR = REPO_ROOT / "custom_components" / "qbittorrent_multi"
BLUEPRINTS_DIR = REPO_ROOT / "blueprints" / "automation" / "qbittorrent_multi"
DEV_CONFIGURATION = REPO_ROOT / "config" / "configuration.yaml"
# The files configuration.yaml includes; Home Assistant's editors write to them.
INCLUDED_FILES = ("automations.yaml", "scripts.yaml", "scenes.yaml")
START_TIMEOUT = 90.0
STOP_TIMEOUT = 30.0


class HomeAssistantStartError(RuntimeError):
    """Home Assistant exited or did not answer in time."""


def prepare_config_dir(config_dir: Path, *, host: str, port: int) -> None:
    """Install the integration and the blueprints into a configuration directory.

    Links, not copies: an instance started from it runs the work tree's code.
    Blueprints are linked file by file because Home Assistant does not look
    inside a linked directory when it lists blueprints. The HTTP server is set
    to listen on `host`:`port`.
    """
    write_http_settings(config_dir, host=host, port=port)
    components = config_dir / "custom_components"
    components.mkdir(parents=True, exist_ok=True)
    _link(components / INTEGRATION_DIR.name, INTEGRATION_DIR)
    blueprints = config_dir / "blueprints" / "automation" / BLUEPRINTS_DIR.name
    blueprints.mkdir(parents=True, exist_ok=True)
    for blueprint in sorted(BLUEPRINTS_DIR.glob("*.yaml")):
        _link(blueprints / blueprint.name, blueprint)
    for name in INCLUDED_FILES:
        (config_dir / name).touch(exist_ok=True)


def write_http_settings(config_dir: Path, *, host: str, port: int) -> None:
    """Make Home Assistant listen on `host`:`port` from its next start.

    Home Assistant keeps its HTTP settings in storage, not in YAML: YAML is
    imported once, as an unconfirmed trial that reverts after five minutes.
    The settings are written in the store's first format instead, which Home
    Assistant reads as confirmed settings (and fills with its defaults).
    """
    storage = config_dir / ".storage"
    storage.mkdir(parents=True, exist_ok=True)
    settings = {
        "version": 1,
        "minor_version": 1,
        "key": "http",
        "data": {"server_host": [host], "server_port": port},
    }
    (storage / "http").write_text(json.dumps(settings, indent=2), encoding="utf-8")


def _link(link: Path, target: Path) -> None:
    if link.is_symlink() or link.exists():
        if link.is_symlink() and link.resolve() == target.resolve():
            return
        link.unlink()
    link.symlink_to(target)


def http_status(port: int, path: str, timeout: float = 2.0) -> int | None:
    """Status of one GET to 127.0.0.1:port, None when nothing answers."""
    with loopback_sockets():
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
        try:
            connection.request("GET", path)
            return connection.getresponse().status
        except OSError:
            return None
        finally:
            connection.close()


class RealHomeAssistant:
    """One `hass` process serving on 127.0.0.1 and a free port."""

    def __init__(
        self,
        config_dir: Path,
        *,
        port: int | None = None,
        release: str = PINNED_RELEASE,
    ) -> None:
        """Prepare `config_dir` (the development configuration, the integration)."""
        self.release = release
        self.config_dir = config_dir
        self.port = port if port is not None else free_port()
        self.log_path = config_dir / "home-assistant.log"
        self._console_path = config_dir / "console.log"
        self._process: subprocess.Popen[bytes] | None = None
        config_dir.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(DEV_CONFIGURATION, config_dir / "configuration.yaml")
        prepare_config_dir(config_dir, host="127.0.0.1", port=self.port)

    @property
    def url(self) -> str:
        """Base URL of the instance (no trailing slash)."""
        return f"http://127.0.0.1:{self.port}"

    @property
    def running(self) -> bool:
        """True while the process is alive."""
        return self._process is not None and self._process.poll() is None

    def start(self) -> None:
        """Start `hass` and wait until its HTTP server answers."""
        command = [
            str(hass_command(self.release)),
            "--config",
            str(self.config_dir),
            # Every requirement is installed already; nothing is downloaded.
            "--skip-pip",
            "--log-no-color",
        ]
        self._process = start_child(command, self._console_path)
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise HomeAssistantStartError(
                    f"hass exited with code {self._process.returncode}:\n"
                    f"{self.log_tail()}"
                )
            if http_status(self.port, "/api/onboarding") == 200:
                return
            time.sleep(0.2)
        raise HomeAssistantStartError(
            f"hass did not answer on {self.url} within {START_TIMEOUT:.0f} s:\n"
            f"{self.log_tail()}"
        )

    def stop(self) -> None:
        """Stop Home Assistant the way Ctrl-C does, and wait for it."""
        process, self._process = self._process, None
        if process is None or process.poll() is not None:
            return
        process.terminate()
        try:
            process.wait(STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()

    def log_text(self) -> str:
        """Everything Home Assistant has logged so far."""
        with contextlib.suppress(FileNotFoundError):
            return self.log_path.read_text(encoding="utf-8", errors="replace")
        return ""

    def log_tail(self, lines: int = 40) -> str:
        """The end of the log and of the console output, for failure messages."""
        parts = []
        for path in (self.log_path, self._console_path):
            with contextlib.suppress(FileNotFoundError):
                text = path.read_text(encoding="utf-8", errors="replace")
                parts.append(
                    f"--- {path.name}\n" + "\n".join(text.splitlines()[-lines:])
                )
        return "\n".join(parts) or "(no output)"

    def __enter__(self) -> Self:
        """Start on entering a with-block."""
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        """Stop on leaving a with-block."""
        self.stop()
