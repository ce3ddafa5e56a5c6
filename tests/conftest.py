"""Shared test setup.

The integration is imported before Home Assistant's test harness puts its own
testing `custom_components` package first on the path; without this, HA
reports the integration as not found.
"""

import pytest

import custom_components.qbittorrent_multi  # noqa: F401

# Real and fake qBittorrent servers, for every test folder.
pytest_plugins = ["tests.live_fixtures"]


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Keep the tests of one real Home Assistant on one worker.

    `scripts/test` spreads the suite over the machine's cores. A real Home
    Assistant (one per release, with its four servers) takes seconds to start
    and is shared by its tests, so they are grouped by release: each instance
    starts once, on the worker that runs its group, while the other workers
    take the rest of the suite. Runs first: xdist reads the groups in its own
    hook.
    """
    for item in items:
        callspec = getattr(item, "callspec", None)
        release = callspec.params.get("instance") if callspec is not None else None
        if release is not None:
            item.add_marker(pytest.mark.xdist_group(f"home-assistant-{release}"))
