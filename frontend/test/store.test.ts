import { describe, expect, it } from "vitest";
import type { SnapshotEvent } from "../src/protocol.js";
import { TorrentStore, torrentKey } from "../src/store.js";
import { NAS, SEEDBOX, server, torrent } from "./fakes.js";

function snapshot(overrides: Partial<SnapshotEvent> = {}): SnapshotEvent {
  return {
    kind: "snapshot",
    view: "active",
    active_entry_id: NAS,
    servers: [server()],
    torrents: [],
    ...overrides,
  };
}

describe("the torrent store", () => {
  it("holds a snapshot's servers and torrents by server and hash", () => {
    const store = new TorrentStore();
    const a = torrent({ name: "debian" });
    store.apply(snapshot({ torrents: [a] }));

    expect(store.loaded).toBe(true);
    expect(store.view).toBe("active");
    expect(store.activeEntryId).toBe(NAS);
    expect(store.servers.get(NAS)?.name).toBe("NAS");
    expect(store.torrents.get(torrentKey(NAS, a.hash))?.name).toBe("debian");
  });

  it("keeps the same hash on two servers apart", () => {
    const store = new TorrentStore();
    const hash = "a".repeat(40);
    store.apply(
      snapshot({
        view: "all",
        servers: [server(), server({ entry_id: SEEDBOX, name: "Seedbox" })],
        torrents: [torrent({ hash, name: "on nas" }), torrent({ hash, entry_id: SEEDBOX, name: "on seedbox" })],
      }),
    );

    expect(store.torrents.size).toBe(2);
    expect(store.torrents.get(torrentKey(SEEDBOX, hash))?.name).toBe("on seedbox");
    expect(store.count("all")).toBe(2);
  });

  it("applies a delta's changed fields and keeps every other field", () => {
    const store = new TorrentStore();
    const a = torrent({ name: "debian", progress: 10, download_speed: 5 });
    store.apply(snapshot({ torrents: [a] }));

    const change = store.apply({
      kind: "delta",
      entry_id: NAS,
      changed: [{ hash: a.hash, progress: 41.2 }],
    });

    const held = store.torrents.get(torrentKey(NAS, a.hash));
    expect(held?.progress).toBe(41.2);
    expect(held?.download_speed).toBe(5);
    expect(held?.name).toBe("debian");
    expect([...(change.changed.get(torrentKey(NAS, a.hash)) ?? [])]).toEqual(["progress"]);
  });

  it("adds and removes the torrents a delta names, and counts them", () => {
    const store = new TorrentStore();
    const gone = torrent({ filters: ["seeding"] });
    store.apply(snapshot({ torrents: [gone] }));
    const added = torrent({ filters: ["downloading", "active"] });

    store.apply({ kind: "delta", entry_id: NAS, added: [added], removed: [gone.hash] });

    expect([...store.torrents.keys()]).toEqual([torrentKey(NAS, added.hash)]);
    expect(store.count("all")).toBe(1);
    expect(store.count("seeding")).toBe(0);
    expect(store.count("downloading")).toBe(1);
  });

  it("moves a torrent between counts when its filters change", () => {
    const store = new TorrentStore();
    const a = torrent({ state: "downloading", filters: ["downloading", "active"] });
    store.apply(snapshot({ torrents: [a] }));

    store.apply({
      kind: "delta",
      entry_id: NAS,
      changed: [{ hash: a.hash, state: "stopped", filters: ["downloading", "stopped"] }],
    });

    expect(store.count("active")).toBe(0);
    expect(store.count("stopped")).toBe(1);
    expect(store.count("downloading")).toBe(1);
    expect(store.count("all")).toBe(1);
  });

  it("ignores a change to a torrent it never held", () => {
    const store = new TorrentStore();
    store.apply(snapshot());

    const change = store.apply({
      kind: "delta",
      entry_id: NAS,
      changed: [{ hash: "f".repeat(40), progress: 3 }],
    });

    expect(store.torrents.size).toBe(0);
    expect(change.empty).toBe(true);
  });

  it("takes a delta's new categories and tags for its server", () => {
    const store = new TorrentStore();
    store.apply(snapshot());

    store.apply({ kind: "delta", entry_id: NAS, categories: ["linux"], tags: ["iso"] });

    expect(store.servers.get(NAS)?.categories).toEqual(["linux"]);
    expect(store.servers.get(NAS)?.tags).toEqual(["iso"]);
  });

  it("marks a server down and up again, keeping its torrents", () => {
    const store = new TorrentStore();
    store.apply(snapshot({ torrents: [torrent()] }));

    store.apply({ kind: "server", server: server({ available: false, error: "Connection refused" }) });
    expect(store.servers.get(NAS)?.available).toBe(false);
    expect(store.servers.get(NAS)?.error).toBe("Connection refused");
    expect(store.torrents.size).toBe(1);

    store.apply({ kind: "server", server: server() });
    expect(store.servers.get(NAS)?.available).toBe(true);
    expect(store.servers.get(NAS)?.error).toBeNull();
  });

  it("adds a server it did not know from a server event", () => {
    const store = new TorrentStore();
    store.apply(snapshot({ view: "all" }));

    store.apply({ kind: "server", server: server({ entry_id: SEEDBOX, name: "Seedbox" }) });

    expect([...store.servers.keys()]).toEqual([NAS, SEEDBOX]);
  });

  it("drops a removed server and every torrent of it", () => {
    const store = new TorrentStore();
    const kept = torrent();
    store.apply(
      snapshot({
        view: "all",
        servers: [server(), server({ entry_id: SEEDBOX })],
        torrents: [kept, torrent({ entry_id: SEEDBOX }), torrent({ entry_id: SEEDBOX, filters: ["seeding"] })],
      }),
    );

    const change = store.apply({ kind: "server_removed", entry_id: SEEDBOX });

    expect([...store.servers.keys()]).toEqual([NAS]);
    expect([...store.torrents.keys()]).toEqual([torrentKey(NAS, kept.hash)]);
    expect(store.count("all")).toBe(1);
    expect(store.count("seeding")).toBe(0);
    expect(change.removed.size).toBe(2);
  });

  it("replaces everything with the new snapshot that follows a switch of the active server", () => {
    const store = new TorrentStore();
    store.apply(snapshot({ torrents: [torrent(), torrent()] }));
    const other = torrent({ entry_id: SEEDBOX, name: "from seedbox" });

    const change = store.apply(
      snapshot({
        active_entry_id: SEEDBOX,
        servers: [server({ entry_id: SEEDBOX, name: "Seedbox" })],
        torrents: [other],
      }),
    );

    expect(change.reset).toBe(true);
    expect(store.activeEntryId).toBe(SEEDBOX);
    expect([...store.servers.keys()]).toEqual([SEEDBOX]);
    expect([...store.torrents.values()].map((t) => t.name)).toEqual(["from seedbox"]);
    expect(store.count("all")).toBe(1);
  });

  it("tells its listeners what each event changed", () => {
    const store = new TorrentStore();
    const seen: boolean[] = [];
    const stop = store.subscribe((change) => seen.push(change.reset));
    store.apply(snapshot());
    store.apply({ kind: "delta", entry_id: NAS, added: [torrent()] });
    stop();
    store.apply(snapshot());

    expect(seen).toEqual([true, false]);
  });
});
