"""Real qBittorrent servers (4.2, 4.5, 5.1 and 5.3) started for live tests.

Each server gets a private profile, WebUI port, listening port and download
directory under a temporary directory, and a configuration written before it
starts: WebUI on 127.0.0.1 only, a known username and PBKDF2 password, no DHT,
LSD, PeX or port forwarding (these machines have no network beyond loopback),
and a ban threshold high enough that tests of wrong passwords never lock the
suite out. Processes are stopped by `stop()`, by the pytest fixtures, by a
finalizer when the object is collected, at interpreter exit, and by the kernel
(parent-death signal) if the test process itself is killed.
"""

from __future__ import annotations

import base64
from collections.abc import Iterator, Mapping
import contextlib
import hashlib
import http.client
import json
import os
from pathlib import Path
import secrets
import shutil
import socket
import subprocess
import tempfile
import time
from typing import Any, Literal, Self
from urllib.parse import urlencode
import weakref

from tests.child_process import start_child

type Version = Literal["4.2", "4.5", "5.1", "5.3"]

# Every supported release line, each the build of one Debian suite (bullseye,
# bookworm, trixie, forky) that scripts/setup unpacks and wraps.
VERSIONS: tuple[Version, ...] = ("4.2", "4.5", "5.1", "5.3")
RELEASES: Mapping[Version, str] = {
    "4.2": "4.2.5",
    "4.5": "4.5.2",
    "5.1": "5.1.0",
    "5.3": "5.3.0",
}
# API keys arrived in 5.2.
VERSIONS_WITH_API_KEYS: frozenset[Version] = frozenset({"5.3"})
DEFAULT_BIN_DIR = Path.home() / ".cache" / "qbittorrent_multi" / "bin"
START_TIMEOUT = 20.0
# A start that ends cleanly before serving is tried again, up to this many times.
START_ATTEMPTS = 3
STOP_TIMEOUT = 15.0
PBKDF2_ITERATIONS = 100_000
DEFAULT_USERNAME = "admin"
# High enough that no test of a wrong password can ban the shared servers.
DEFAULT_MAX_AUTH_FAILURES = 1000


class QBittorrentMissingError(RuntimeError):
    """The qbittorrent-nox binary for a version is not installed."""


class QBittorrentStartError(RuntimeError):
    """qBittorrent did not start serving its WebUI."""


def bin_dir() -> Path:
    """Directory holding qbittorrent-nox-<version> for each version."""
    configured = os.environ.get("QBM_QBITTORRENT_BIN_DIR")
    return Path(configured).expanduser() if configured else DEFAULT_BIN_DIR


def binary_path(version: Version) -> Path:
    """Path of the binary for a version; QBittorrentMissingError if it is absent."""
    path = bin_dir() / f"qbittorrent-nox-{version}"
    if not (path.is_file() and os.access(path, os.X_OK)):
        raise QBittorrentMissingError(
            f"{path} is missing: run scripts/setup to install qBittorrent {version}"
        )
    return path


def pbkdf2_password(password: str, salt: bytes | None = None) -> str:
    """The WebUI\\Password_PBKDF2 value qBittorrent stores for a password."""
    salt = secrets.token_bytes(16) if salt is None else salt
    key = hashlib.pbkdf2_hmac("sha512", password.encode(), salt, PBKDF2_ITERATIONS, 64)
    return f"@ByteArray({base64.b64encode(salt).decode()}:{base64.b64encode(key).decode()})"


def _unguarded_socket_class() -> type[socket.socket]:
    """The real socket class, even while pytest-socket has swapped in its guard.

    Home Assistant's test plugin blocks socket creation in tests that did not
    request `socket_enabled`, but a session-scoped server can be started from
    any test; its own loopback checks must not depend on which test that is.
    """
    try:
        import pytest_socket
    except ImportError:
        return socket.socket
    return pytest_socket._true_socket


@contextlib.contextmanager
def loopback_sockets() -> Iterator[None]:
    """Lift pytest-socket's guard for the duration of a synchronous loopback call."""
    saved_socket, saved_getaddrinfo = socket.socket, socket.getaddrinfo
    socket.socket = _unguarded_socket_class()  # type: ignore[misc]
    with contextlib.suppress(ImportError):
        import pytest_socket

        if socket.getaddrinfo is pytest_socket._guarded_getaddrinfo:
            socket.getaddrinfo = pytest_socket._true_getaddrinfo
    try:
        yield
    finally:
        socket.socket = saved_socket  # type: ignore[misc]
        socket.getaddrinfo = saved_getaddrinfo


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with _unguarded_socket_class()(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _http(
    port: int,
    method: str,
    path: str,
    *,
    form: Mapping[str, str] | None = None,
    headers: Mapping[str, str] | None = None,
    timeout: float = 5.0,
) -> tuple[int, dict[str, str], bytes]:
    """One synchronous HTTP request to 127.0.0.1:port (no event loop needed)."""
    body = urlencode(form).encode() if form is not None else None
    all_headers = dict(headers or {})
    if body is not None:
        all_headers["Content-Type"] = "application/x-www-form-urlencoded"
    with loopback_sockets():
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
        try:
            connection.request(method, path, body=body, headers=all_headers)
            response = connection.getresponse()
            return (
                response.status,
                {key.lower(): value for key, value in response.getheaders()},
                response.read(),
            )
        finally:
            connection.close()


def _write_ini(path: Path, sections: Mapping[str, Mapping[str, str]]) -> None:
    """Write a QSettings-style ini file ("/" in keys is spelled "\\")."""
    lines: list[str] = []
    for section, values in sections.items():
        lines.append(f"[{section}]")
        lines.extend(
            f"{key.replace('/', chr(92))}={value}" for key, value in values.items()
        )
        lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8")


def _set_ini_value(path: Path, section: str, key: str, value: str) -> None:
    """Replace (or add) one key in a QSettings ini file, keeping everything else."""
    key = key.replace("/", "\\")
    lines = path.read_text(encoding="utf-8").splitlines()
    header = f"[{section}]"
    if header not in lines:
        lines += ["", header, f"{key}={value}"]
    else:
        start = lines.index(header) + 1
        end = next(
            (i for i in range(start, len(lines)) if lines[i].startswith("[")),
            len(lines),
        )
        for i in range(start, end):
            if lines[i].split("=", 1)[0] == key:
                lines[i] = f"{key}={value}"
                break
        else:
            lines.insert(start, f"{key}={value}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _stop_process(process: subprocess.Popen[bytes] | None) -> None:
    """Terminate a qBittorrent process and reap it (kill if it hangs)."""
    if process is None or process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(STOP_TIMEOUT)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def _cleanup(processes: list[subprocess.Popen[bytes]], root: Path, keep: bool) -> None:
    """Finalizer: stop every process of an instance and remove its files."""
    for process in processes:
        _stop_process(process)
    if not keep:
        shutil.rmtree(root, ignore_errors=True)


class RealQBittorrent:
    """One qbittorrent-nox process with its own profile, port and download directory."""

    def __init__(
        self,
        version: Version,
        *,
        username: str = DEFAULT_USERNAME,
        password: str | None = None,
        max_auth_failures: int = DEFAULT_MAX_AUTH_FAILURES,
        ban_seconds: int = 3600,
        session_timeout: int = 3600,
        root: Path | None = None,
    ) -> None:
        """Prepare (but do not start) a server; raises QBittorrentMissingError early."""
        self._version: Version = version
        self._binary = binary_path(version)
        self._username = username
        self._password = password if password is not None else secrets.token_urlsafe(12)
        self._api_key: str | None = None
        keep = root is not None
        self._root = (
            root
            if root is not None
            else Path(tempfile.mkdtemp(prefix=f"qbt{version}-"))
        )
        self.profile_dir = self._root / "profile"
        self._downloads_dir = self._root / "downloads"
        self.log_path = self._root / "process.log"
        self.config_path = (
            self.profile_dir / "qBittorrent" / "config" / "qBittorrent.conf"
        )
        self.port = free_port()
        self.torrenting_port = free_port()
        self._processes: list[subprocess.Popen[bytes]] = []
        self._process: subprocess.Popen[bytes] | None = None
        self._finalizer = weakref.finalize(
            self, _cleanup, self._processes, self._root, keep
        )
        self._write_config(max_auth_failures, ban_seconds, session_timeout)

    # -- facts tests use ----------------------------------------------------

    @property
    def version(self) -> Version:
        """The release line: "4.2", "4.5", "5.1" or "5.3"."""
        return self._version

    @property
    def url(self) -> str:
        """WebUI base URL (no trailing slash)."""
        return f"http://127.0.0.1:{self.port}"

    @property
    def username(self) -> str:
        """WebUI username."""
        return self._username

    @property
    def password(self) -> str:
        """Current WebUI password."""
        return self._password

    @property
    def api_key(self) -> str | None:
        """The API key from the last rotate_api_key() (5.2+), if any."""
        return self._api_key

    @property
    def downloads_dir(self) -> Path:
        """Default save path of the server."""
        return self._downloads_dir

    @property
    def running(self) -> bool:
        """True while the process is alive."""
        return self._process is not None and self._process.poll() is None

    # -- configuration ------------------------------------------------------

    def _write_config(
        self, max_auth_failures: int, ban_seconds: int, session_timeout: int
    ) -> None:
        self.config_path.parent.mkdir(parents=True, exist_ok=True)
        self._downloads_dir.mkdir(parents=True, exist_ok=True)
        downloads = self._downloads_dir.as_posix()
        _write_ini(
            self.config_path,
            {
                "LegalNotice": {"Accepted": "true"},
                "BitTorrent": {
                    "Session/Port": str(self.torrenting_port),
                    "Session/DefaultSavePath": downloads,
                    "Session/TempPathEnabled": "false",
                    "Session/DHTEnabled": "false",
                    "Session/LSDEnabled": "false",
                    "Session/PeXEnabled": "false",
                    "Session/AnonymousModeEnabled": "false",
                },
                "Network": {"PortForwardingEnabled": "false"},
                "Preferences": {
                    "Connection/PortRangeMin": str(self.torrenting_port),
                    "Connection/UPnP": "false",
                    "Connection/ResolvePeerCountries": "false",
                    "Downloads/SavePath": downloads,
                    "General/Locale": "en",
                    "WebUI/Enabled": "true",
                    "WebUI/Address": "127.0.0.1",
                    "WebUI/Port": str(self.port),
                    "WebUI/UseUPnP": "false",
                    "WebUI/HostHeaderValidation": "false",
                    "WebUI/LocalHostAuth": "true",
                    "WebUI/Username": self._username,
                    "WebUI/Password_PBKDF2": f'"{pbkdf2_password(self._password)}"',
                    "WebUI/MaxAuthenticationFailCount": str(max_auth_failures),
                    "WebUI/BanDuration": str(ban_seconds),
                    "WebUI/SessionTimeout": str(session_timeout),
                },
            },
        )

    def set_password(self, password: str) -> None:
        """Change the WebUI password (restarts the server if it is running)."""
        was_running = self.running
        self.stop()
        value = f'"{pbkdf2_password(password)}"'
        _set_ini_value(self.config_path, "Preferences", "WebUI/Password_PBKDF2", value)
        # qBittorrent 5 moves its WebUI settings into a [WebUI] section on its
        # first start and reads them only from there afterwards.
        if "[WebUI]" in self.config_path.read_text(encoding="utf-8").splitlines():
            _set_ini_value(self.config_path, "WebUI", "Password_PBKDF2", value)
        self._password = password
        if was_running:
            self.start()

    # -- lifecycle ----------------------------------------------------------

    def start(self) -> None:
        """Start the process and wait until the WebUI answers (QBittorrentStartError if not)."""
        if self.running:
            return
        command = [
            str(self._binary),
            f"--profile={self.profile_dir}",
            f"--webui-port={self.port}",
        ]
        if self._version.startswith("5."):
            # 4.x reads the acceptance from the configuration written above.
            command.append("--confirm-legal-notice")
        env = {**os.environ, "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"}
        for attempt in range(1, START_ATTEMPTS + 1):
            self._process = start_child(command, self.log_path, env)
            self._processes.append(self._process)
            try:
                self._wait_until_ready()
            except QBittorrentStartError:
                # Rarely (about once in a dozen full runs), qBittorrent 4.2
                # logs its start and then exits cleanly before serving. A
                # failure of any other kind, or a third one, is the test's.
                if self._process.returncode != 0 or attempt == START_ATTEMPTS:
                    raise
                time.sleep(0.5)
            else:
                return

    def _wait_until_ready(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            assert self._process is not None
            if self._process.poll() is not None:
                raise QBittorrentStartError(
                    f"qBittorrent {self._version} exited with code {self._process.returncode}"
                    f" before its WebUI answered:\n{self.log_tail()}"
                )
            with contextlib.suppress(OSError):
                _http(self.port, "GET", "/api/v2/app/webapiVersion", timeout=1.0)
                return
            time.sleep(0.1)
        _stop_process(self._process)
        raise QBittorrentStartError(
            f"qBittorrent {self._version} did not answer on {self.url}"
            f" within {START_TIMEOUT:.0f} s:\n{self.log_tail()}"
        )

    def log_tail(self, lines: int = 30) -> str:
        """Last lines of the process output and qBittorrent's own log."""
        parts: list[str] = []
        own_log = self.profile_dir / "qBittorrent" / "data" / "logs" / "qbittorrent.log"
        for path in (self.log_path, own_log):
            if path.exists():
                text = path.read_text(encoding="utf-8", errors="replace").splitlines()
                parts.append(f"--- {path.name} ---\n" + "\n".join(text[-lines:]))
        return "\n".join(parts) or "(no output)"

    def stop(self) -> None:
        """Terminate the process and wait for it to exit."""
        _stop_process(self._process)
        self._process = None

    def restart(self) -> None:
        """Stop and start again with the same profile, port and data."""
        self.stop()
        self.start()

    def move(self) -> None:
        """Serve the WebUI on another free port, as after moving the server (restarts it)."""
        was_running = self.running
        self.stop()
        # The command line's --webui-port wins over the profile's setting.
        self.port = free_port()
        if was_running:
            self.start()

    def close(self) -> None:
        """Stop the process and delete the temporary files."""
        self.stop()
        self._finalizer()

    def __enter__(self) -> Self:
        """Start on entering a with-block."""
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        """Stop and clean up on leaving a with-block."""
        self.close()

    # -- WebAPI helpers that tests need before any client exists -------------

    def login_cookie(self) -> str:
        """Log in and return the Cookie header value of the new session."""
        status, headers, body = _http(
            self.port,
            "POST",
            "/api/v2/auth/login",
            form={"username": self._username, "password": self._password},
        )
        cookie = headers.get("set-cookie", "").split(";", 1)[0]
        if status not in (200, 204) or not cookie:
            raise QBittorrentStartError(
                f"login to qBittorrent {self._version} failed: HTTP {status} {body[:100]!r}"
            )
        return cookie

    def rotate_api_key(self) -> str:
        """Create a new API key (qBittorrent 5.2+) and return it."""
        if self._version not in VERSIONS_WITH_API_KEYS:
            raise NotImplementedError(f"qBittorrent {self._version} has no API keys")
        status, _, body = _http(
            self.port,
            "POST",
            "/api/v2/app/rotateAPIKey",
            form={},
            headers={"Cookie": self.login_cookie()},
        )
        if status != 200:
            raise QBittorrentStartError(f"rotateAPIKey failed: HTTP {status}")
        reply: dict[str, Any] = json.loads(body)
        self._api_key = str(reply["apiKey"])
        return self._api_key

    def __repr__(self) -> str:
        """Version and URL, never the password."""
        return f"<RealQBittorrent {self._version} {self.url}>"
