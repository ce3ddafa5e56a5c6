/** Which torrents a card shows, and in which order: filters, search and sort. */
import type { StateFilter, Torrent } from "./protocol.js";
import { type ChangeSet, keyOf, type TorrentStore } from "./store.js";

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

/** The fields whose change can move a torrent in or out of a query's result. */
const FILTERED_FIELDS: ReadonlySet<string> = new Set([
  "filters",
  "name",
  "category",
  "tags",
]);

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
      if (fields.has(this.query.sortBy) || intersects(fields, FILTERED_FIELDS)) {
        moved.add(key);
      }
    }
    if (moved.size === 0) return false;
    const kept = this.rows.filter((torrent) => !moved.has(keyOf(torrent)));
    const incoming: Torrent[] = [];
    for (const key of moved) {
      const torrent = this.store.torrents.get(key);
      if (torrent !== undefined && matches(torrent, this.query)) incoming.push(torrent);
    }
    const order = comparator(this.query, this.collator);
    incoming.sort(order);
    this.rows = mergeSorted(kept, incoming, order);
    return true;
  }
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
