/** Which torrents a card shows, and in which order: filters, search and sort. */
import type { StateFilter, Torrent } from "./protocol.js";
import type { ChangeSet, TorrentStore } from "./store.js";

export const SORT_KEYS = [
  "name",
  "added_on",
  "progress",
  "size",
  "ratio",
  "download_speed",
  "upload_speed",
  "eta",
] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export interface TorrentQuery {
  state: StateFilter;
  /** null: any category; "": torrents without one. */
  category: string | null;
  /** null: any tag; "": torrents without tags. */
  tag: string | null;
  search: string;
  sortBy: SortKey;
  descending: boolean;
}

export const DEFAULT_QUERY: TorrentQuery = {
  state: "all",
  category: null,
  tag: null,
  search: "",
  sortBy: "name",
  descending: false,
};

/** The fields whose change can move a torrent in, out or within a query's result. */
function fieldsThatMove(query: TorrentQuery): ReadonlySet<string> {
  const fields = new Set<string>([query.sortBy]);
  if (query.state !== "all") fields.add("filters");
  if (query.search.trim() !== "") fields.add("name");
  if (query.category !== null) fields.add("category");
  if (query.tag !== null) fields.add("tags");
  return fields;
}

/** Whether a torrent passes the query's state, category, tag and search filters. */
export function matches(torrent: Torrent, query: TorrentQuery): boolean {
  if (query.state !== "all" && !torrent.filters.includes(query.state)) {
    return false;
  }
  if (query.category !== null && torrent.category !== query.category) {
    return false;
  }
  if (query.tag !== null) {
    if (query.tag === "" ? torrent.tags.length > 0 : !torrent.tags.includes(query.tag)) {
      return false;
    }
  }
  const search = query.search.trim().toLocaleLowerCase();
  return search === "" || torrent.name.toLocaleLowerCase().includes(search);
}

/**
 * The order of a query: by its key, unknown values (an ETA of "never") last
 * either way, then by hash and server so that equal values keep one order.
 */
export function comparator(
  query: Pick<TorrentQuery, "sortBy" | "descending">,
  collator: Intl.Collator,
): (a: Torrent, b: Torrent) => number {
  const { sortBy, descending } = query;
  const direction = descending ? -1 : 1;
  const tieBreak = (a: Torrent, b: Torrent): number =>
    a.hash < b.hash ? -1 : a.hash > b.hash ? 1 : a.entry_id < b.entry_id ? -1 : a.entry_id > b.entry_id ? 1 : 0;
  return (a, b) => {
    const x = a[sortBy];
    const y = b[sortBy];
    if (x === null || y === null) {
      if (x === y) return tieBreak(a, b);
      return x === null ? 1 : -1;
    }
    let order: number;
    if (sortBy === "name") order = collator.compare(x as string, y as string);
    else if (typeof x === "string") order = x < y ? -1 : x > y ? 1 : 0;
    else order = (x) - (y as number);
    return order !== 0 ? order * direction : tieBreak(a, b);
  };
}

/** Filters and sorts every torrent of a store. */
export function runQuery(
  torrents: Iterable<Torrent>,
  query: TorrentQuery,
  collator: Intl.Collator,
): Torrent[] {
  const rows: Torrent[] = [];
  for (const torrent of torrents) if (matches(torrent, query)) rows.push(torrent);
  return rows.sort(comparator(query, collator));
}

/**
 * A store's torrents as a query shows them, kept up to date change by change:
 * only the torrents a change moves are taken out and merged back in, so a
 * delta that changes no filtered or sorted field costs no sort at all.
 */
export class TorrentList {
  rows: Torrent[] = [];
  private query: TorrentQuery = DEFAULT_QUERY;
  private moving: ReadonlySet<string> = fieldsThatMove(DEFAULT_QUERY);
  private collator: Intl.Collator;

  constructor(
    private readonly store: TorrentStore,
    language = "en",
  ) {
    this.collator = collatorFor(language);
  }

  /** Shows the store's torrents through another query (or another language's order). */
  setQuery(query: TorrentQuery, language?: string): void {
    this.query = query;
    this.moving = fieldsThatMove(query);
    if (language !== undefined) this.collator = collatorFor(language);
    this.rebuild();
  }

  /** Recomputes everything from the store. */
  rebuild(): void {
    this.rows = runQuery(this.store.torrents.values(), this.query, this.collator);
  }

  /** Applies what changed in the store; returns whether the rows' order or membership changed. */
  update(change: ChangeSet): boolean {
    if (change.reset) {
      this.rebuild();
      return true;
    }
    const moved = new Set<string>([...change.added, ...change.removed]);
    for (const [key, fields] of change.changed) {
      if (intersects(fields, this.moving)) moved.add(key);
    }
    if (moved.size === 0) return false;
    // Torrents are changed in place, so the objects to take out are known by
    // identity: no key is built for the rows that stay.
    const out = new Set<Torrent>(change.gone.values());
    const incoming: Torrent[] = [];
    for (const key of moved) {
      const torrent = this.store.torrents.get(key);
      if (torrent === undefined) continue;
      out.add(torrent);
      if (matches(torrent, this.query)) incoming.push(torrent);
    }
    const kept = this.rows.filter((torrent) => !out.has(torrent));
    const order = comparator(this.query, this.collator);
    incoming.sort(order);
    this.rows =
      incoming.length * Math.log2(kept.length + 2) < kept.length
        ? insertSorted(kept, incoming, order)
        : mergeSorted(kept, incoming, order);
    return true;
  }
}

/** Puts a few sorted items into a long sorted list by binary search: few comparisons. */
function insertSorted<T>(list: T[], items: T[], order: (x: T, y: T) => number): T[] {
  let low = 0;
  for (const item of items) {
    // Items are sorted, so each goes after the one before it.
    let high = list.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (order(list[middle] as T, item) <= 0) low = middle + 1;
      else high = middle;
    }
    list.splice(low, 0, item);
    low += 1;
  }
  return list;
}

function intersects(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  for (const item of a) if (b.has(item)) return true;
  return false;
}

function mergeSorted<T>(a: T[], b: T[], order: (x: T, y: T) => number): T[] {
  if (b.length === 0) return a;
  const merged: T[] = new Array<T>(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) {
    merged[k++] = order(a[i] as T, b[j] as T) <= 0 ? (a[i++] as T) : (b[j++] as T);
  }
  while (i < a.length) merged[k++] = a[i++] as T;
  while (j < b.length) merged[k++] = b[j++] as T;
  return merged;
}

const collators = new Map<string, Intl.Collator>();

/** A name collator for a language, made once. */
export function collatorFor(language: string): Intl.Collator {
  let collator = collators.get(language);
  if (collator === undefined) {
    collator = new Intl.Collator(language, { sensitivity: "base", numeric: true });
    collators.set(language, collator);
  }
  return collator;
}
