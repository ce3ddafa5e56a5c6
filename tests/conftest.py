"""Shared test setup.

The integration is imported before Home Assistant's test harness puts its own
testing `custom_components` package first on the path; without this, HA
reports the integration as not found.
"""

import custom_components.qbittorrent_multi  # noqa: F401

# Real and fake qBittorrent servers, for every test folder.
pytest_plugins = ["tests.live_fixtures"]
