import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { StateFilter, Torrent } from "../src/protocol.js";
import { STATE_FILTERS } from "../src/protocol.js";
import { TorrentStore } from "../src/store.js";
import { server } from "./fakes.js";

// Shared with the Python tests, which prove the same torrents give these sensor counts.
const fixture = JSON.parse(
  readFileSync(new URL("../../tests/fixtures/torrent_counts.json", import.meta.url), "utf8"),
) as {
  counts: Record<string, number>;
  counts_by_server: Record<string, Record<string, number>>;
  cases: { server: string; qbittorrent: { state: string }; torrent: Torrent }[];
};

const sensorKey = (filter: StateFilter): string => (filter === "all" ? "total" : filter);

describe("state chip counts", () => {
  it("covers every state name of qBittorrent 4.x and 5.x", () => {
    const states = new Set(fixture.cases.map((c) => c.qbittorrent.state));
    for (const state of [
      "downloading", "forcedDL", "metaDL", "forcedMetaDL", "allocating", "stalledDL", "queuedDL",
      "checkingDL", "pausedDL", "stoppedDL", "uploading", "forcedUP", "stalledUP", "queuedUP",
      "checkingUP", "pausedUP", "stoppedUP", "checkingResumeData", "moving", "error",
      "missingFiles", "unknown",
    ]) {
      expect(states).toContain(state);
    }
  });

  it("equal the sensors' counts over every server in the all view", () => {
    const store = new TorrentStore();
    const servers = Object.keys(fixture.counts_by_server);
    store.apply({
      kind: "snapshot",
      view: "all",
      active_entry_id: servers[0] ?? null,
      servers: servers.map((entry_id) => server({ entry_id })),
      torrents: fixture.cases.map((c) => c.torrent),
    });

    for (const filter of STATE_FILTERS) {
      expect([filter, store.count(filter)]).toEqual([filter, fixture.counts[sensorKey(filter)]]);
    }
  });

  it.each(Object.keys(fixture.counts_by_server))("equal the sensors' counts of server %s", (entryId) => {
    const store = new TorrentStore();
    store.apply({
      kind: "snapshot",
      view: "server",
      active_entry_id: entryId,
      servers: [server({ entry_id: entryId })],
      torrents: fixture.cases.filter((c) => c.server === entryId).map((c) => c.torrent),
    });

    for (const filter of STATE_FILTERS) {
      expect([filter, store.count(filter)]).toEqual([filter, fixture.counts_by_server[entryId]?.[sensorKey(filter)]]);
    }
  });

  it("stay equal when torrents arrive one delta at a time", () => {
    const store = new TorrentStore();
    const servers = Object.keys(fixture.counts_by_server);
    store.apply({
      kind: "snapshot",
      view: "all",
      active_entry_id: null,
      servers: servers.map((entry_id) => server({ entry_id })),
      torrents: [],
    });
    for (const c of fixture.cases) store.apply({ kind: "delta", entry_id: c.server, added: [c.torrent] });

    for (const filter of STATE_FILTERS) {
      expect([filter, store.count(filter)]).toEqual([filter, fixture.counts[sensorKey(filter)]]);
    }
  });
});
