"""The fleet's totals, kept current one server update at a time.

Every poll of every server updates the switcher's fleet sensors. Adding up
all servers again for each of them would cost the fleet's size on every
poll; instead each server's share is taken out of the totals and its new one
put in, so a poll costs the same with five servers as with five hundred.
"""

from __future__ import annotations

from dataclasses import dataclass

from .coordinator import QBittorrentCoordinator
from .health import HealthStatus

# The torrent counts the fleet's sensors show; only these are added up.
FLEET_COUNT_KEYS = ("total", "downloading", "seeding")

_NO_COUNTS = (0,) * len(FLEET_COUNT_KEYS)
_COUNT_INDEX = {key: index for index, key in enumerate(FLEET_COUNT_KEYS)}


@dataclass(frozen=True, slots=True)
class FleetShare:
    """Servers online or unhealthy, speeds and counts: of one server or the fleet."""

    online: int = 0
    unhealthy: int = 0
    download_speed: int = 0
    upload_speed: int = 0
    counts: tuple[int, ...] = _NO_COUNTS

    def count(self, key: str) -> int:
        """Torrents in the count `key` (one of FLEET_COUNT_KEYS) of the servers online."""
        return self.counts[_COUNT_INDEX[key]]


_NOTHING = FleetShare()


def _share_of(coordinator: QBittorrentCoordinator) -> FleetShare:
    health = coordinator.health
    if not health.is_up:
        # A server that does not answer is offline, unhealthy, and its last
        # figures are out of every sum.
        return FleetShare(unhealthy=1)
    maindata = coordinator.maindata
    state = maindata.server_state
    return FleetShare(
        online=1,
        unhealthy=int(health.status is HealthStatus.UNHEALTHY),
        download_speed=state.download_speed or 0,
        upload_speed=state.upload_speed or 0,
        counts=tuple(maindata.count(key) for key in FLEET_COUNT_KEYS),
    )


class FleetTotals:
    """Sums over the loaded servers; only those online add speeds and counts."""

    __slots__ = ("_shares", "sum")

    def __init__(self) -> None:
        """Start with no server."""
        self._shares: dict[str, FleetShare] = {}
        # The loaded servers' shares added up.
        self.sum = _NOTHING

    def share(self, entry_id: str) -> FleetShare:
        """What a server adds to the totals: nothing when it is not loaded."""
        return self._shares.get(entry_id, _NOTHING)

    def update(self, entry_id: str, coordinator: QBittorrentCoordinator) -> None:
        """Count a server with what it shows now, in place of what it showed."""
        self._replace(entry_id, _share_of(coordinator))

    def remove(self, entry_id: str) -> None:
        """Leave out a server that is no longer loaded."""
        self._replace(entry_id, _NOTHING)

    def _replace(self, entry_id: str, share: FleetShare) -> None:
        old = self._shares.pop(entry_id, _NOTHING)
        if share is not _NOTHING:
            self._shares[entry_id] = share
        total = self.sum
        self.sum = FleetShare(
            online=total.online - old.online + share.online,
            unhealthy=total.unhealthy - old.unhealthy + share.unhealthy,
            download_speed=total.download_speed
            - old.download_speed
            + share.download_speed,
            upload_speed=total.upload_speed - old.upload_speed + share.upload_speed,
            counts=tuple(
                now - before + after
                for now, before, after in zip(
                    total.counts, old.counts, share.counts, strict=True
                )
            ),
        )
