import { describe, expect, it } from "vitest";
import type { Torrent } from "../src/protocol.js";
import { collatorFor, DEFAULT_QUERY, matches, runQuery, TorrentList, type TorrentQuery } from "../src/query.js";
import { TorrentStore } from "../src/store.js";
import { NAS, SEEDBOX, server, torrent } from "./fakes.js";

const collator = collatorFor("en");
const names = (torrents: Torrent[]): string[] => torrents.map((t) => t.name);
const query = (overrides: Partial<TorrentQuery>): TorrentQuery => ({ ...DEFAULT_QUERY, ...overrides });

describe("filters", () => {
  it("shows in a state chip only the torrents whose filters contain it", () => {
    const stopped = torrent({ name: "stopped", filters: ["downloading", "stopped"] });
    const seeding = torrent({ name: "seeding", filters: ["seeding"] });

    expect(names(runQuery([stopped, seeding], query({ state: "stopped" }), collator))).toEqual(["stopped"]);
    expect(names(runQuery([stopped, seeding], query({ state: "downloading" }), collator))).toEqual(["stopped"]);
    expect(names(runQuery([stopped, seeding], query({ state: "all" }), collator))).toEqual(["seeding", "stopped"]);
  });

  it("filters by category, and by no category", () => {
    const linux = torrent({ name: "linux", category: "linux" });
    const none = torrent({ name: "none", category: "" });

    expect(matches(linux, query({ category: "linux" }))).toBe(true);
    expect(matches(none, query({ category: "linux" }))).toBe(false);
    expect(matches(none, query({ category: "" }))).toBe(true);
    expect(matches(linux, query({ category: "" }))).toBe(false);
  });

  it("filters by tag, and by no tags", () => {
    const tagged = torrent({ tags: ["iso", "keep"] });
    const untagged = torrent({ tags: [] });

    expect(matches(tagged, query({ tag: "keep" }))).toBe(true);
    expect(matches(untagged, query({ tag: "keep" }))).toBe(false);
    expect(matches(untagged, query({ tag: "" }))).toBe(true);
    expect(matches(tagged, query({ tag: "" }))).toBe(false);
  });

  it("searches names without regard to case or surrounding spaces", () => {
    const debian = torrent({ name: "Debian 12 netinst" });

    expect(matches(debian, query({ search: "  DEBIAN 12 " }))).toBe(true);
    expect(matches(debian, query({ search: "ubuntu" }))).toBe(false);
  });
});

describe("sorting", () => {
  it("sorts names as people read them: case-blind, numbers by value", () => {
    const torrents = ["b", "A 10", "a 9", "C"].map((name) => torrent({ name }));

    expect(names(runQuery(torrents, query({ sortBy: "name" }), collator))).toEqual(["a 9", "A 10", "b", "C"]);
  });

  it.each([
    ["progress", [10, 50, 99.5]],
    ["size", [1, 2, 3]],
    ["ratio", [0, 1.5, 2]],
    ["download_speed", [0, 10, 2000]],
    ["upload_speed", [5, 6, 7]],
  ] as const)("sorts by %s both ways", (key, values) => {
    const torrents = [values[1], values[2], values[0]].map((value) => torrent({ [key]: value, name: String(value) }));

    const up = runQuery(torrents, query({ sortBy: key }), collator);
    const down = runQuery(torrents, query({ sortBy: key, descending: true }), collator);

    expect(up.map((t) => t[key])).toEqual([...values]);
    expect(down.map((t) => t[key])).toEqual([...values].reverse());
  });

  it("sorts by time added", () => {
    const torrents = ["2025-03-01T00:00:00+00:00", "2024-12-31T23:00:00+00:00", "2025-01-01T00:00:00+00:00"].map(
      (added_on) => torrent({ added_on, name: added_on }),
    );

    expect(names(runQuery(torrents, query({ sortBy: "added_on", descending: true }), collator))).toEqual([
      "2025-03-01T00:00:00+00:00",
      "2025-01-01T00:00:00+00:00",
      "2024-12-31T23:00:00+00:00",
    ]);
  });

  it("puts an unknown ETA last in either direction", () => {
    const torrents = [torrent({ name: "never", eta: null }), torrent({ name: "soon", eta: 5 }), torrent({ name: "later", eta: 500 })];

    expect(names(runQuery(torrents, query({ sortBy: "eta" }), collator))).toEqual(["soon", "later", "never"]);
    expect(names(runQuery(torrents, query({ sortBy: "eta", descending: true }), collator))).toEqual([
      "later",
      "soon",
      "never",
    ]);
  });

  it("orders equal values by hash, then server, the same way every time", () => {
    const a = torrent({ hash: "b".repeat(40), size: 1, entry_id: SEEDBOX });
    const b = torrent({ hash: "a".repeat(40), size: 1 });
    const c = torrent({ hash: "b".repeat(40), size: 1, entry_id: NAS });

    const sorted = runQuery([a, b, c], query({ sortBy: "size", descending: true }), collator);

    expect(sorted).toEqual([b, c, a]);
  });
});

describe("the list kept up to date change by change", () => {
  // A seeded generator: the same changes every run.
  function random(seed: number): () => number {
    let state = seed;
    return () => {
      state = (state * 1103515245 + 12345) % 2147483648;
      return state / 2147483648;
    };
  }

  it.each(["name", "download_speed", "eta", "progress"] as const)(
    "equals a full filter and sort after many deltas, sorted by %s",
    (sortBy) => {
      const next = random(sortBy.length);
      const store = new TorrentStore();
      const initial = Array.from({ length: 300 }, (_, i) =>
        torrent({
          name: `t${Math.floor(next() * 100)}`,
          download_speed: Math.floor(next() * 10),
          eta: next() < 0.3 ? null : Math.floor(next() * 50),
          progress: Math.floor(next() * 100),
          filters: next() < 0.5 ? ["downloading"] : ["seeding"],
          entry_id: i % 2 ? NAS : SEEDBOX,
        }),
      );
      store.apply({
        kind: "snapshot",
        view: "all",
        active_entry_id: NAS,
        servers: [server(), server({ entry_id: SEEDBOX })],
        torrents: initial,
      });
      const list = new TorrentList(store);
      const shown = query({ sortBy, state: "downloading", search: "t1", descending: sortBy !== "name" });
      list.setQuery(shown);
      let hashes = initial.map((t) => ({ entry_id: t.entry_id, hash: t.hash }));
      for (let round = 0; round < 40; round += 1) {
        const pick = (): { entry_id: string; hash: string } => hashes[Math.floor(next() * hashes.length)]!;
        const target = pick();
        const removed = next() < 0.2 ? pick() : undefined;
        const added = torrent({ name: `t1${round}`, filters: ["downloading"], entry_id: target.entry_id });
        const change = store.apply({
          kind: "delta",
          entry_id: target.entry_id,
          added: [added],
          removed: removed?.entry_id === target.entry_id ? [removed.hash] : [],
          changed: [
            {
              hash: target.hash,
              download_speed: Math.floor(next() * 10),
              eta: next() < 0.5 ? null : 3,
              name: `t${Math.floor(next() * 30)}`,
              filters: next() < 0.5 ? ["downloading"] : ["seeding"],
            },
          ],
        });
        list.update(change);
        hashes = [...store.torrents.values()].map((t) => ({ entry_id: t.entry_id, hash: t.hash }));
        expect(list.rows).toEqual(runQuery(store.torrents.values(), shown, collatorFor("en")));
      }
    },
  );

  it("does not reorder when no changed field is filtered or sorted on", () => {
    const store = new TorrentStore();
    const a = torrent({ name: "a" });
    const b = torrent({ name: "b" });
    store.apply({ kind: "snapshot", view: "active", active_entry_id: NAS, servers: [server()], torrents: [b, a] });
    const list = new TorrentList(store);
    list.setQuery(query({ sortBy: "name" }));
    const rows = list.rows;

    const moved = list.update(store.apply({ kind: "delta", entry_id: NAS, changed: [{ hash: a.hash, progress: 99 }] }));

    expect(moved).toBe(false);
    expect(list.rows).toBe(rows);
    expect(list.rows[0]?.progress).toBe(99);
  });
});
