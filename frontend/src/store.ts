/** The subscribed state: servers and torrents by (entry_id, hash), and their counts. */
import {
  FILTER_KEYS,
  type DeltaEvent,
  type FilterKey,
  type ServerDescription,
  type SnapshotEvent,
  type StateFilter,
  type Torrent,
  type TorrentsEvent,
  type ViewKind,
} from "./protocol.js";

/** A torrent's key: the same hash may be on two servers. */
export function torrentKey(entryId: string, hash: string): string {
  return `${entryId} ${hash}`;
}

export function keyOf(torrent: Torrent): string {
  return torrentKey(torrent.entry_id, torrent.hash);
}

/** What one or more events changed, so a view can update only that. */
export class ChangeSet {
  reset = false;
  servers = false;
  readonly added = new Set<string>();
  readonly removed = new Set<string>();
  /** The objects of torrents removed or replaced, by key, for lists that hold them. */
  readonly gone = new Map<string, Torrent>();
  /** Per changed torrent, the names of the fields that changed. */
  readonly changed = new Map<string, Set<string>>();

  get empty(): boolean {
    return (
      !this.reset &&
      !this.servers &&
      this.added.size === 0 &&
      this.removed.size === 0 &&
      this.changed.size === 0
    );
  }

  /** Adds what `other` changed to this set. */
  merge(other: ChangeSet): void {
    this.reset ||= other.reset;
    this.servers ||= other.servers;
    for (const key of other.added) this.added.add(key);
    for (const key of other.removed) this.removed.add(key);
    for (const [key, torrent] of other.gone) this.gone.set(key, torrent);
    for (const [key, fields] of other.changed) {
      const known = this.changed.get(key);
      if (known === undefined) this.changed.set(key, new Set(fields));
      else for (const field of fields) known.add(field);
    }
  }
}

const COUNTED: ReadonlySet<string> = new Set(FILTER_KEYS);

type Counts = Record<"total" | FilterKey, number>;

function noCounts(): Counts {
  const counts = { total: 0 } as Counts;
  for (const key of FILTER_KEYS) counts[key] = 0;
  return counts;
}

export type StoreListener = (change: ChangeSet) => void;

/** Holds what the torrents subscription sent and applies each event by key. */
export class TorrentStore {
  /** False until the first snapshot (and again after `clear`). */
  loaded = false;
  view: ViewKind | null = null;
  activeEntryId: string | null = null;
  readonly servers = new Map<string, ServerDescription>();
  readonly torrents = new Map<string, Torrent>();
  private counts: Counts = noCounts();
  private readonly listeners = new Set<StoreListener>();

  /** Calls `listener` with what each applied event changed; returns the way to stop. */
  subscribe(listener: StoreListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** How many torrents a state chip counts: "all" is every torrent. */
  count(filter: StateFilter): number {
    return this.counts[filter === "all" ? "total" : filter];
  }

  /** Forgets everything, as before the first snapshot. */
  clear(): void {
    this.servers.clear();
    this.torrents.clear();
    this.counts = noCounts();
    this.loaded = false;
    this.view = null;
    this.activeEntryId = null;
    const change = new ChangeSet();
    change.reset = true;
    change.servers = true;
    this.notify(change);
  }

  /** Applies one event of the torrents subscription. */
  apply(event: TorrentsEvent): ChangeSet {
    const change = new ChangeSet();
    switch (event.kind) {
      case "snapshot":
        this.applySnapshot(event, change);
        break;
      case "delta":
        this.applyDelta(event, change);
        break;
      case "server":
        this.servers.set(event.server.entry_id, event.server);
        change.servers = true;
        break;
      case "server_removed":
        this.removeServer(event.entry_id, change);
        break;
    }
    this.notify(change);
    return change;
  }

  private notify(change: ChangeSet): void {
    for (const listener of this.listeners) listener(change);
  }

  private applySnapshot(event: SnapshotEvent, change: ChangeSet): void {
    this.servers.clear();
    this.torrents.clear();
    this.counts = noCounts();
    this.view = event.view;
    this.activeEntryId = event.active_entry_id;
    for (const server of event.servers) this.servers.set(server.entry_id, server);
    for (const torrent of event.torrents) {
      this.torrents.set(keyOf(torrent), torrent);
      this.countIn(torrent.filters, 1);
    }
    this.loaded = true;
    change.reset = true;
    change.servers = true;
  }

  private applyDelta(event: DeltaEvent, change: ChangeSet): void {
    const entryId = event.entry_id;
    for (const hash of event.removed ?? []) {
      const key = torrentKey(entryId, hash);
      const torrent = this.torrents.get(key);
      if (torrent === undefined) continue;
      this.torrents.delete(key);
      this.countIn(torrent.filters, -1);
      change.removed.add(key);
      change.gone.set(key, torrent);
      change.added.delete(key);
      change.changed.delete(key);
    }
    for (const torrent of event.added ?? []) {
      const key = torrentKey(entryId, torrent.hash);
      const known = this.torrents.get(key);
      if (known !== undefined) {
        this.countIn(known.filters, -1);
        change.gone.set(key, known);
      }
      // A torrent's server is the delta's, whatever the torrent says.
      const added = { ...torrent, entry_id: entryId };
      this.torrents.set(key, added);
      this.countIn(added.filters, 1);
      change.added.add(key);
    }
    for (const update of event.changed ?? []) {
      const key = torrentKey(entryId, update.hash);
      const torrent = this.torrents.get(key);
      // A change to a torrent never listed cannot be shown; the next
      // snapshot brings it whole.
      if (torrent === undefined) continue;
      const fields = new Set<string>();
      for (const field of Object.keys(update)) {
        if (field !== "hash" && field !== "entry_id") fields.add(field);
      }
      if (fields.size === 0) continue;
      if (fields.has("filters")) this.countIn(torrent.filters, -1);
      const { hash, entry_id } = torrent;
      Object.assign(torrent, update, { hash, entry_id });
      if (fields.has("filters")) this.countIn(torrent.filters, 1);
      const known = change.changed.get(key);
      if (known === undefined) change.changed.set(key, fields);
      else for (const field of fields) known.add(field);
    }
    const server = this.servers.get(entryId);
    if (
      server !== undefined &&
      (event.categories !== undefined || event.tags !== undefined)
    ) {
      this.servers.set(entryId, {
        ...server,
        categories: event.categories ?? server.categories,
        tags: event.tags ?? server.tags,
      });
      change.servers = true;
    }
  }

  private removeServer(entryId: string, change: ChangeSet): void {
    this.servers.delete(entryId);
    change.servers = true;
    for (const [key, torrent] of this.torrents) {
      if (torrent.entry_id !== entryId) continue;
      this.torrents.delete(key);
      this.countIn(torrent.filters, -1);
      change.removed.add(key);
      change.gone.set(key, torrent);
    }
  }

  private countIn(filters: readonly FilterKey[], step: 1 | -1): void {
    this.counts.total += step;
    for (const filter of filters) {
      // "total" is every torrent already; names the card does not know are left out.
      if (COUNTED.has(filter)) this.counts[filter] += step;
    }
  }
}
