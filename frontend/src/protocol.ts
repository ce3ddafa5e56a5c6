/** The messages of the integration's WebSocket API (docs/websocket-api.md). */

/** The states a torrent is shown in that are also count keys. */
const COUNTED_STATES = ["downloading", "seeding", "stopped", "stalled", "checking", "queued", "errored"] as const;

/** The count keys a torrent can be in, besides "total". */
export const FILTER_KEYS = [...COUNTED_STATES, "active"] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

/** The state chips: every count key, "all" (the total) first. */
export const STATE_FILTERS = ["all", ...FILTER_KEYS] as const;
export type StateFilter = (typeof STATE_FILTERS)[number];

export const TORRENT_STATES = [...COUNTED_STATES, "moving", "metadata", "unknown"] as const;
export type TorrentState = (typeof TORRENT_STATES)[number];

export interface Torrent {
  entry_id: string;
  hash: string;
  name: string;
  state: TorrentState;
  filters: FilterKey[];
  progress: number;
  size: number;
  downloaded: number;
  uploaded: number;
  download_speed: number;
  upload_speed: number;
  eta: number | null;
  ratio: number;
  category: string;
  tags: string[];
  save_path: string;
  added_on: string | null;
  completion_on: string | null;
}

/** A delta's change to one torrent: its hash and only the fields that changed. */
export type TorrentChange = Partial<Omit<Torrent, "entry_id" | "hash">> & {
  hash: string;
};

export interface ServerDescription {
  entry_id: string;
  name: string;
  color: string | null;
  available: boolean;
  error: string | null;
  categories: string[];
  tags: string[];
}

export type ViewKind = "active" | "all" | "server";

export interface SnapshotEvent {
  kind: "snapshot";
  view: ViewKind;
  active_entry_id: string | null;
  servers: ServerDescription[];
  torrents: Torrent[];
}

export interface DeltaEvent {
  kind: "delta";
  entry_id: string;
  added?: Torrent[];
  changed?: TorrentChange[];
  removed?: string[];
  categories?: string[];
  tags?: string[];
}

export interface ServerEvent {
  kind: "server";
  server: ServerDescription;
}

export interface ServerRemovedEvent {
  kind: "server_removed";
  entry_id: string;
}

export type TorrentsEvent =
  | SnapshotEvent
  | DeltaEvent
  | ServerEvent
  | ServerRemovedEvent;

export type Health = "healthy" | "warning" | "unhealthy";

export interface FleetServer {
  entry_id: string;
  name: string;
  color: string | null;
  active: boolean;
  loaded: boolean;
  available: boolean;
  health: Health | null;
  response_time_ms: number | null;
  version: string | null;
  download_speed: number;
  upload_speed: number;
  counts: Partial<Record<"total" | FilterKey, number>>;
}

export interface FleetEvent {
  kind: "fleet";
  active_entry_id: string | null;
  servers: FleetServer[];
}

/** The `server` of a torrents subscription. */
export type ServerChoice = "active" | "all" | (string & {});

export const TORRENTS_SUBSCRIBE = "qbittorrent_multi/torrents/subscribe";
export const SERVERS_SUBSCRIBE = "qbittorrent_multi/servers/subscribe";
export const DOMAIN = "qbittorrent_multi";
