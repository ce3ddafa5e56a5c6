"""How a WebUI URL becomes the server's identity."""

from __future__ import annotations

import pytest

from custom_components.qbittorrent_multi.client import ServerVersion, normalise_url


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("http://NAS.local:8080/", "http://nas.local:8080"),
        ("HTTP://192.168.1.2:8080", "http://192.168.1.2:8080"),
        (
            "https://seedbox.example.com:443/qbittorrent/",
            "https://seedbox.example.com/qbittorrent",
        ),
        ("http://host/qbt/api/v2/", "http://host/qbt"),
        ("  http://host:8080  ", "http://host:8080"),
        ("http://[::1]:8080/", "http://[::1]:8080"),
    ],
)
def test_equivalent_urls_share_one_form(given: str, expected: str) -> None:
    """Case, default ports, trailing slashes and a pasted API path don't make a new server."""
    assert normalise_url(given) == expected


@pytest.mark.parametrize(
    ("given", "reason"),
    [
        ("nas.local:8080", "http:// or https://"),
        ("ftp://nas.local", "http:// or https://"),
        ("http://", "http:// or https://"),
        ("http://admin:secret@nas.local:8080", "credentials"),
        ("http://nas.local:8080/?user=admin", "query"),
        ("http://nas.local:8080/#top", "query or fragment"),
    ],
)
def test_urls_that_cannot_name_a_server_are_refused(given: str, reason: str) -> None:
    """A URL without scheme or host, or with credentials or a query, is refused."""
    with pytest.raises(ValueError, match=reason):
        normalise_url(given)


def test_refusal_never_repeats_a_password_from_the_url() -> None:
    """The error for a URL with credentials does not echo them."""
    with pytest.raises(ValueError) as info:
        normalise_url("http://admin:hunter2@nas.local")
    assert "hunter2" not in str(info.value)


@pytest.mark.parametrize(
    ("api", "stop_start", "ids"),
    [((2, 8, 19), False, False), ((2, 11, 0), True, False), ((2, 16, 2), True, True)],
)
def test_features_follow_the_webapi_version(
    api: tuple[int, int, int], stop_start: bool, ids: bool
) -> None:
    """Stop/start arrived with WebAPI 2.11, added-torrent ids with 2.14."""
    version = ServerVersion(app="v", api=api)
    assert version.uses_stop_start is stop_start
    assert version.add_returns_ids is ids
