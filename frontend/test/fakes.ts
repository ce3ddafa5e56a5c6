/** Test doubles: torrents, servers and a connection that records subscriptions. */
import type { Connection, HomeAssistant } from "../src/hass.js";
import type { FleetServer, ServerDescription, Torrent } from "../src/protocol.js";

export const NAS = "01JNAS0000000000000000000";
export const SEEDBOX = "01JSEEDBOX000000000000000";

let counter = 0;

/** A torrent in the WebSocket shape; each call gets a new hash unless one is given. */
export function torrent(overrides: Partial<Torrent> = {}): Torrent {
  counter += 1;
  return {
    entry_id: NAS,
    hash: counter.toString(16).padStart(40, "0"),
    name: `torrent ${counter}`,
    state: "downloading",
    filters: ["downloading", "active"],
    progress: 50,
    size: 1048576,
    downloaded: 524288,
    uploaded: 0,
    download_speed: 1024,
    upload_speed: 0,
    eta: 512,
    ratio: 0,
    category: "",
    tags: [],
    save_path: "/downloads",
    added_on: "2025-01-01T00:00:00+00:00",
    completion_on: null,
    ...overrides,
  };
}

export function server(overrides: Partial<ServerDescription> = {}): ServerDescription {
  return {
    entry_id: NAS,
    name: "NAS",
    color: null,
    available: true,
    error: null,
    categories: [],
    tags: [],
    ...overrides,
  };
}

export function fleetServer(overrides: Partial<FleetServer> = {}): FleetServer {
  return {
    entry_id: NAS,
    name: "NAS",
    color: null,
    active: true,
    loaded: true,
    available: true,
    health: "healthy",
    response_time_ms: 12.5,
    version: "v5.1.0",
    download_speed: 1048576,
    upload_speed: 2048,
    counts: { total: 0 },
    ...overrides,
  };
}

export interface Subscribed {
  message: Record<string, unknown>;
  /** What the card gave subscribeMessage: called even after the end, like a late message. */
  callback: (event: unknown) => void;
  send: (event: unknown) => void;
  ended: boolean;
}

/** A connection whose subscriptions the test feeds by hand. */
export class FakeConnection implements Connection {
  readonly subscriptions: Subscribed[] = [];
  refuse: { code: string; message: string } | null = null;

  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the Connection's signature
  subscribeMessage<T>(
    callback: (message: T) => void,
    message: Record<string, unknown>,
  ): Promise<() => Promise<void>> {
    // Home Assistant rejects with {code, message}, not an Error.
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
    if (this.refuse !== null) return Promise.reject(this.refuse);
    const subscribed: Subscribed = {
      message,
      callback: callback as (event: unknown) => void,
      send: (event) => {
        if (!subscribed.ended) callback(event as T);
      },
      ended: false,
    };
    this.subscriptions.push(subscribed);
    return Promise.resolve(() => {
      subscribed.ended = true;
      return Promise.resolve();
    });
  }

  /** The live subscriptions of a type ("torrents" or "servers"). */
  live(kind: "torrents" | "servers"): Subscribed[] {
    return this.subscriptions.filter(
      (s) => !s.ended && s.message.type === `qbittorrent_multi/${kind}/subscribe`,
    );
  }

  /** The one live subscription of a type. */
  one(kind: "torrents" | "servers"): Subscribed {
    const found = this.live(kind);
    if (found.length !== 1) throw new Error(`${found.length} live ${kind} subscriptions`);
    return found[0]!;
  }
}

export interface ServiceCall {
  domain: string;
  service: string;
  data: Record<string, unknown>;
}

/** A hass with a fake connection that records action calls; `fail` makes the next ones reject. */
export function fakeHass(language = "en"): {
  hass: HomeAssistant;
  connection: FakeConnection;
  calls: ServiceCall[];
  fail: (message: string | null) => void;
} {
  const connection = new FakeConnection();
  const calls: ServiceCall[] = [];
  let failure: string | null = null;
  const hass: HomeAssistant = {
    connection,
    locale: { language, number_format: "language" },
    language,
    callService: (domain, service, data = {}) => {
      calls.push({ domain, service, data });
      return failure === null
        ? Promise.resolve(undefined)
        : // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- Home Assistant's shape
          Promise.reject({ code: "home_assistant_error", message: failure });
    },
  };
  return { hass, connection, calls, fail: (message) => (failure = message) };
}
