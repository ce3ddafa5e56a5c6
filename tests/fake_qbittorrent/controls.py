"""The fake's endpoints for one torrent and its place: location, queue, force start, files, export.

Statuses and texts are those real 4.2.5, 4.5.2, 5.1.0 and 5.3.0 servers
answer (tests/contract/test_torrent_controls.py holds the fake to them).
"""

from __future__ import annotations

from typing import Any

from .endpoints import (
    Call,
    Endpoint,
    EndpointGroup,
    Handler,
    Reply,
    as_bool,
    json_reply,
    text_reply,
)
from .records import running_state
from .torrent_content import FILE_PRIORITIES

_BITTORRENT = "application/x-bittorrent"
_QUEUE_OFF = "Torrent queueing must be enabled"


class ControlEndpoints(EndpointGroup):
    """Handlers for the endpoints that steer single torrents, by "group/name"."""

    def table(self) -> dict[str, Endpoint]:
        """The endpoints of this flavour (export only where the WebAPI has it)."""
        flavour = self._server.flavour
        table = {
            "torrents/files": Endpoint(self._files, read_only=True, required=("hash",)),
            "torrents/trackers": Endpoint(
                self._trackers, read_only=True, required=("hash",)
            ),
            "torrents/setLocation": Endpoint(
                self._set_location, required=("hashes", "location")
            ),
            "torrents/topPrio": Endpoint(self._queue("top"), required=("hashes",)),
            "torrents/bottomPrio": Endpoint(
                self._queue("bottom"), required=("hashes",)
            ),
            "torrents/increasePrio": Endpoint(self._queue("up"), required=("hashes",)),
            "torrents/decreasePrio": Endpoint(
                self._queue("down"), required=("hashes",)
            ),
            "torrents/setForceStart": Endpoint(
                self._force_start, required=("hashes", "value")
            ),
            "torrents/setSuperSeeding": Endpoint(
                self._field("super_seeding", "value"), required=("hashes", "value")
            ),
            "torrents/setAutoManagement": Endpoint(
                self._field("auto_tmm", "enable"), required=("hashes", "enable")
            ),
            "torrents/rename": Endpoint(self._rename, required=("hash", "name")),
            "torrents/filePrio": Endpoint(
                self._file_priority, required=("hash", "id", "priority")
            ),
            "torrents/editCategory": Endpoint(
                self._edit_category, required=("category", "savePath")
            ),
        }
        if flavour.can_export:
            # qBittorrent serves it to GET and POST alike.
            table["torrents/export"] = Endpoint(
                self._export, read_only=True, required=("hash",)
            )
        return table

    # -- shared by the handlers -------------------------------------------------

    def _not_found(self) -> Reply:
        """An unknown torrent: "Not Found" (4.2: no body), unlike an unknown endpoint."""
        if not self._server.flavour.error_bodies:
            return Reply(status=404, content_type=None)
        return text_reply("Not Found", 404)

    def _record(self, call: Call) -> tuple[str, dict[str, Any]] | None:
        info_hash = call.params["hash"].strip().lower()
        record = self._model.torrents.get(info_hash)
        return None if record is None else (info_hash, dict(record))

    # -- reading --------------------------------------------------------------------

    def _files(self, call: Call) -> Reply:
        found = self._record(call)
        if found is None:
            return self._not_found()
        content = self._model.content.of(*found)
        with_index = self._server.flavour.files_have_index
        files = []
        for index, file in enumerate(content.files):
            entry = {
                "availability": -1,
                "is_seed": file["progress"] >= 1,
                "name": file["name"],
                "piece_range": [0, 0],
                "priority": file["priority"],
                "progress": file["progress"],
                "size": file["size"],
            }
            if with_index:
                entry["index"] = index
            files.append(entry)
        return json_reply(files)

    def _trackers(self, call: Call) -> Reply:
        found = self._record(call)
        if found is None:
            return self._not_found()
        sticky = [
            {"msg": "", "status": 0, "tier": -1, "url": f"** [{name}] **"}
            for name in ("DHT", "PeX", "LSD")
        ]
        real = [
            {"msg": "", "status": 1, "tier": 0, "url": url}
            for url in self._model.content.of(*found).trackers
        ]
        return json_reply(sticky + real)

    def _export(self, call: Call) -> Reply:
        found = self._record(call)
        if found is None:
            return self._not_found()
        content = self._model.content.of(*found)
        if content.metainfo is None:
            return text_reply(
                "Unable to export torrent file. Error: Missing metadata", 409
            )
        return Reply(body=content.metainfo, content_type=_BITTORRENT)

    # -- changing -------------------------------------------------------------------

    def _set_location(self, call: Call) -> Reply:
        location = call.params["location"].strip()
        if not location:
            return text_reply("Save path cannot be empty", 400)
        if location in self._model.unmakeable_paths:
            return text_reply("Cannot make save path", 409)
        for info_hash in self._model.resolve(call.params["hashes"]):
            self._model.store.update(
                info_hash, {"save_path": location, "auto_tmm": False}
            )
        return text_reply("")

    def _queue(self, direction: str) -> Handler:
        def handler(call: Call) -> Reply:
            if not self._model.server_state["queueing"]:
                return text_reply(_QUEUE_OFF, 409)
            self._move_in_queue(self._model.resolve(call.params["hashes"]), direction)
            return text_reply("")

        return handler

    def _move_in_queue(self, hashes: list[str], direction: str) -> None:
        """Queue positions 1..n for unfinished torrents; finished ones have none (0)."""
        torrents = self._model.torrents
        queue = sorted(
            (h for h, record in torrents.items() if record["priority"] > 0),
            key=lambda h: torrents[h]["priority"],
        )
        for info_hash in hashes if direction in ("top", "up") else reversed(hashes):
            if info_hash not in queue:
                continue
            position = queue.index(info_hash)
            queue.remove(info_hash)
            new_position = {
                "top": 0,
                "bottom": len(queue),
                "up": max(position - 1, 0),
                "down": min(position + 1, len(queue)),
            }[direction]
            queue.insert(new_position, info_hash)
        for position, info_hash in enumerate(queue, start=1):
            self._model.store.update(info_hash, {"priority": position})

    def _force_start(self, call: Call) -> Reply:
        forced = as_bool(call.params["value"])
        stopped_prefix = self._server.flavour.stopped_prefix
        for info_hash in self._model.resolve(call.params["hashes"]):
            record = self._model.torrents[info_hash]
            fields: dict[str, Any] = {"force_start": forced}
            # qBittorrent starts a torrent it force-starts.
            if forced:
                fields["state"] = "forcedUP" if record["progress"] >= 1 else "forcedDL"
            elif record["state"].startswith("forced") or record["state"].startswith(
                stopped_prefix
            ):
                fields["state"] = running_state(dict(record))
            self._model.store.update(info_hash, fields)
        return text_reply("")

    def _field(self, name: str, param: str) -> Handler:
        def handler(call: Call) -> Reply:
            value = as_bool(call.params[param])
            for info_hash in self._model.resolve(call.params["hashes"]):
                self._model.store.update(info_hash, {name: value})
            return text_reply("")

        return handler

    def _rename(self, call: Call) -> Reply:
        name = call.params["name"].strip()
        if not name:
            return text_reply("Incorrect torrent name", 409)
        found = self._record(call)
        if found is None:
            return self._not_found()
        self._model.store.update(found[0], {"name": name})
        return text_reply("")

    def _file_priority(self, call: Call) -> Reply:
        params = call.params
        if not params["priority"].lstrip("-").isdigit():
            return text_reply("Priority must be an integer", 400)
        if int(params["priority"]) not in FILE_PRIORITIES:
            return text_reply("Priority is not valid", 400)
        found = self._record(call)
        if found is None:
            return self._not_found()
        content = self._model.content.of(*found)
        if not content.has_metadata:
            return text_reply("Torrent's metadata has not yet downloaded", 409)
        ids = params["id"].split("|")
        if not all(part.lstrip("-").isdigit() for part in ids):
            return text_reply("File IDs must be integers", 400)
        indexes = [int(part) for part in ids]
        if any(not 0 <= index < len(content.files) for index in indexes):
            return text_reply("File ID is not valid", 409)
        for index in indexes:
            content.files[index]["priority"] = int(params["priority"])
        return text_reply("")

    def _edit_category(self, call: Call) -> Reply:
        name = call.params["category"]
        if not name:
            return text_reply("Category cannot be empty", 400)
        category = self._model.categories.get(name)
        if category is None:
            status = self._server.flavour.missing_category_status
            text = (
                "Category does not exist"
                if status == 404
                else "Unable to edit category"
            )
            return text_reply(text, status)
        category["savePath"] = call.params["savePath"]
        return text_reply("")
