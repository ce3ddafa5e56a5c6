"""Versions and the rules every request meets, on fake and real servers of every line."""

from __future__ import annotations

import re

from .conftest import Target, WebApi

VERSIONS = {
    "4.2": ("v4.2.5", "2.5.1"),
    "4.5": ("v4.5.2", "2.8.19"),
    "5.1": ("v5.1.0", "2.11.4"),
    "5.3": ("v5.3.0", "2.16.2"),
}
# 4.2 sends text without a charset.
TEXT = {
    "4.2": "text/plain",
    "4.5": "text/plain; charset=UTF-8",
    "5.1": "text/plain; charset=UTF-8",
    "5.3": "text/plain; charset=UTF-8",
}
# (stop, start) endpoints: 5.0 renamed pause/resume.
RUN_CONTROL = {
    "4.2": ("pause", "resume"),
    "4.5": ("pause", "resume"),
    "5.1": ("stop", "start"),
    "5.3": ("stop", "start"),
}
NOT_FOUND = {
    "4.2": "",
    "4.5": "Not Found",
    "5.1": "Not Found",
    "5.3": "Endpoint does not exist",
}
MISSING_HASHES = {
    "4.2": "",
    "4.5": "Bad Request",
    "5.1": "Bad Request",
    "5.3": "Missing required parameters: hashes",
}


async def test_versions_have_the_documented_formats(
    target: Target, api: WebApi
) -> None:
    """app/version is "v" + x.y.z, app/webapiVersion is 2.x.y, both plain text."""
    app = await api.get("app/version")
    webapi = await api.get("app/webapiVersion")

    assert (app.text, webapi.text) == VERSIONS[target.version]
    assert re.fullmatch(r"v\d+\.\d+\.\d+", app.text)
    assert re.fullmatch(r"2\.\d+\.\d+", webapi.text)
    assert app.headers["Content-Type"] == TEXT[target.version]


async def test_actions_must_be_posted_from_4_5_on(target: Target, api: WebApi) -> None:
    """GET on an action (or on auth/login) is 405; 4.2 still serves it."""
    stop = RUN_CONTROL[target.version][0]

    replies = [
        await api.get(f"torrents/{stop}", hashes="all"),
        await api.get("auth/login"),
    ]

    statuses = [(reply.status, reply.text) for reply in replies]
    if target.version == "4.2":
        assert statuses == [(200, ""), (200, "Ok.")]
    else:
        assert statuses == [(405, "Method Not Allowed")] * 2


async def test_missing_parameters_are_a_bad_request(
    target: Target, api: WebApi
) -> None:
    """A missing required parameter is 400; 5.3 names it, 4.2 says nothing."""
    reply = await api.post("torrents/setCategory", {"category": "x"})

    assert (reply.status, reply.text) == (400, MISSING_HASHES[target.version])


async def test_the_other_lines_run_control_endpoints_do_not_exist(
    target: Target, api: WebApi
) -> None:
    """4.x has only pause/resume, 5.x only stop/start; the other pair is 404."""
    other = "5.3" if target.version.startswith("4.") else "4.5"
    stop, start = RUN_CONTROL[other]

    replies = [
        await api.post(f"torrents/{stop}", {"hashes": "all"}),
        await api.post(f"torrents/{start}", {"hashes": "all"}),
    ]

    assert [(reply.status, reply.text) for reply in replies] == [
        (404, NOT_FOUND[target.version])
    ] * 2
