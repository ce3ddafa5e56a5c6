"""Logging in, sessions, bans and API keys, on fake and real servers of every line.

Every test runs against the fake and the real qBittorrent of each version it
names; where they disagree the real server is right and the fake is fixed.
"""

from __future__ import annotations

import re

import pytest

from .conftest import FRESH_MAX_AUTH_FAILURES, ApiFactory, Target, WebApi, only

# 5.2 changed the login reply: 204 and 401 instead of 200 "Ok." and "Fails.".
LOGIN_OK = {
    "4.2": (200, "Ok."),
    "4.5": (200, "Ok."),
    "5.1": (200, "Ok."),
    "5.3": (204, ""),
}
LOGIN_WRONG_PASSWORD = {
    "4.2": (200, "Fails."),
    "4.5": (200, "Fails."),
    "5.1": (200, "Fails."),
    "5.3": (401, "Unauthorized"),
}
# 4.2 sends its plain errors without a body.
FORBIDDEN = {"4.2": "", "4.5": "Forbidden", "5.1": "Forbidden", "5.3": "Forbidden"}
NOT_FOUND = {
    "4.2": "",
    "4.5": "Not Found",
    "5.1": "Not Found",
    "5.3": "Endpoint does not exist",
}
BANNED = (
    "Your IP address has been banned after too many failed authentication attempts."
)
STOP_ENDPOINT = {"4.2": "pause", "4.5": "pause", "5.1": "stop", "5.3": "stop"}


def _session_cookie(target: Target) -> str:
    """4.x and 5.1 call the cookie SID; 5.2 on names it after the port."""
    return f"QBT_SID_{target.port}" if target.version == "5.3" else "SID"


async def test_login_with_the_right_password_opens_a_session(
    target: Target, api_for: ApiFactory
) -> None:
    """Up to 5.1 the reply is 200 "Ok."; 5.3 answers 204; a session cookie either way."""
    api = api_for(target)

    reply = await api.login(target.username, target.password)

    assert (reply.status, reply.text) == LOGIN_OK[target.version]
    assert api.cookie_names() == {_session_cookie(target)}
    assert (await api.get("app/version")).status == 200


async def test_login_with_a_wrong_password_is_refused(
    target: Target, api_for: ApiFactory
) -> None:
    """Up to 5.1 the reply is 200 "Fails."; 5.3 answers 401; no session either way."""
    api = api_for(target)

    reply = await api.login(target.username, "not-the-password")

    assert (reply.status, reply.text) == LOGIN_WRONG_PASSWORD[target.version]
    assert api.cookie_names() == set()
    assert (await api.get("app/version")).status == 403


async def test_api_calls_without_a_session_are_forbidden(
    target: Target, api_for: ApiFactory
) -> None:
    """Reads and actions alike get 403 before any login."""
    api = api_for(target)
    stop = STOP_ENDPOINT[target.version]

    replies = [
        await api.get("app/version"),
        await api.get("sync/maindata", rid="0"),
        await api.post(f"torrents/{stop}", {"hashes": "all"}),
        await api.post("torrents/nonexistent", {}),
    ]

    forbidden = (403, FORBIDDEN[target.version])
    assert [(reply.status, reply.text) for reply in replies] == [forbidden] * 4


async def test_login_with_a_live_session_succeeds_whatever_the_password(
    target: Target, api: WebApi
) -> None:
    """A client that still holds a session is not asked for the password again."""
    reply = await api.login(target.username, "not-the-password")

    assert (reply.status, reply.text) == LOGIN_OK[target.version]


async def test_logout_ends_the_session(target: Target, api: WebApi) -> None:
    """After auth/logout the old session cookie no longer works."""
    reply = await api.post("auth/logout")

    assert reply.status == 200
    assert (await api.get("app/version")).status == 403


async def test_repeated_failed_logins_ban_the_address(
    fresh_target: Target, api_for: ApiFactory
) -> None:
    """After the configured number of failures even the right password gets 403 and a reason."""
    api = api_for(fresh_target)
    for _ in range(FRESH_MAX_AUTH_FAILURES):
        reply = await api.login(fresh_target.username, "not-the-password")
        assert (reply.status, reply.text) == LOGIN_WRONG_PASSWORD[fresh_target.version]

    reply = await api.login(fresh_target.username, fresh_target.password)

    assert (reply.status, reply.text) == (403, BANNED)


@pytest.mark.parametrize("target", only("5.3"), indirect=True)
async def test_an_api_key_authorises_without_a_session(
    target: Target, api: WebApi, api_for: ApiFactory
) -> None:
    """A key from app/rotateAPIKey works as `Authorization: Bearer`, maindata deltas included."""
    rotated = await api.post("app/rotateAPIKey")
    assert rotated.status == 200
    key = rotated.json()["apiKey"]
    assert re.fullmatch(r"qbt_[A-Za-z0-9]{28}", key)
    keyed = api_for(target)
    bearer = {"Authorization": f"Bearer {key}"}

    version = await keyed.get("app/version", headers=bearer)
    full = (await keyed.get("sync/maindata", headers=bearer, rid="0")).json()
    delta = (
        await keyed.get("sync/maindata", headers=bearer, rid=str(full["rid"]))
    ).json()

    assert (version.status, version.text) == (200, "v5.3.0")
    assert full["full_update"] is True
    assert "full_update" not in delta
    assert keyed.cookie_names() == set()


@pytest.mark.parametrize("target", only("5.3"), indirect=True)
async def test_a_wrong_api_key_is_forbidden(
    target: Target, api_for: ApiFactory
) -> None:
    """An unknown key gets 403 "Forbidden" (and no ban: it is not a login)."""
    api = api_for(target)

    reply = await api.get(
        "app/version", headers={"Authorization": "Bearer qbt_" + "x" * 28}
    )

    assert (reply.status, reply.text) == (403, "Forbidden")


@pytest.mark.parametrize("target", only("4.2", "4.5", "5.1"), indirect=True)
async def test_lines_before_5_2_have_no_api_keys(target: Target, api: WebApi) -> None:
    """app/rotateAPIKey does not exist before 5.2."""
    reply = await api.post("app/rotateAPIKey")

    assert (reply.status, reply.text) == (404, NOT_FOUND[target.version])
