// A stand-in for Home Assistant's `hass` in the dev page and the browser
// benchmark: a fake connection that speaks the card's WebSocket API from
// seeded, generated servers, and a fake callService that changes them.
// Not shipped with the integration.

const DOMAIN = "qbittorrent_multi";

/** A small seeded generator (mulberry32): the same seed gives the same torrents. */
export function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Raw qBittorrent states, their normalised state and filters, as the
// integration's sync.py maps them.
const STATES = [
  ["downloading", "downloading", ["downloading", "active"]],
  ["stalledDL", "stalled", ["downloading", "stalled"]],
  ["uploading", "seeding", ["seeding", "active"]],
  ["stalledUP", "seeding", ["seeding", "stalled"]],
  ["stalledUP", "seeding", ["seeding", "stalled"]],
  ["stalledUP", "seeding", ["seeding", "stalled"]],
  ["stoppedUP", "stopped", ["stopped"]],
  ["stoppedDL", "stopped", ["downloading", "stopped"]],
  ["queuedDL", "queued", ["downloading", "queued"]],
  ["checkingUP", "checking", ["seeding", "checking"]],
  ["metaDL", "metadata", ["downloading", "active"]],
  ["error", "errored", ["errored"]],
];
const WORDS = [
  "debian", "ubuntu", "fedora", "arch", "mint", "alpine", "gentoo", "nixos",
  "server", "desktop", "live", "netinst", "amd64", "arm64", "dvd", "iso",
  "big", "buck", "bunny", "sintel", "tears", "of", "steel", "cosmos", "laundromat",
  "open", "movie", "project", "archive", "collection", "1080p", "4k", "flac",
];
const CATEGORIES = ["", "linux", "movies", "music", "backups"];
const TAGS = ["iso", "hd", "keep", "seedbox", "weekly"];

function hex(next, length) {
  let text = "";
  for (let i = 0; i < length; i += 1) text += Math.floor(next() * 16).toString(16);
  return text;
}

function makeTorrent(next, entryId, index) {
  const [raw, state, filters] = STATES[Math.floor(next() * STATES.length)];
  const words = 2 + Math.floor(next() * 5);
  const name = Array.from({ length: words }, () => WORDS[Math.floor(next() * WORDS.length)]).join(".");
  const size = Math.floor(2 ** (20 + next() * 16));
  const done = state === "seeding" || raw === "stoppedUP";
  const progress = done ? 100 : Math.round(next() * 1000) / 10;
  const downloading = raw === "downloading" || raw === "metaDL";
  const download = downloading ? Math.floor(next() * 8 * 2 ** 20) : 0;
  const upload = raw === "uploading" || downloading ? Math.floor(next() * 2 ** 20) : 0;
  const tags = TAGS.filter(() => next() < 0.15);
  const added = Date.UTC(2025, 0, 1) + Math.floor(next() * 300 * 86400) * 1000;
  return {
    entry_id: entryId,
    hash: `${hex(next, 32)}${index.toString(16).padStart(8, "0")}`,
    name: `${name}.${index}`,
    state,
    filters: raw === "stalledDL" && upload > 0 ? [...filters, "active"] : filters,
    progress,
    size,
    downloaded: Math.floor((size * progress) / 100),
    uploaded: Math.floor(size * next() * 2),
    download_speed: download,
    upload_speed: upload,
    eta: download > 0 ? Math.floor((size * (100 - progress)) / 100 / download) : null,
    ratio: Math.round(next() * 3000) / 1000,
    category: CATEGORIES[Math.floor(next() * CATEGORIES.length)],
    tags,
    save_path: `/downloads/${name.split(".")[0]}`,
    added_on: new Date(added).toISOString().replace(".000Z", "+00:00"),
    completion_on: done ? new Date(added + 3600_000).toISOString().replace(".000Z", "+00:00") : null,
  };
}

const SERVER_NAMES = ["NAS", "Seedbox", "Raspberry Pi", "Office", "Cloud", "Garage"];
const COLORS = ["#4caf50", null, "#e91e63", null, null, null];
const HEALTH = ["healthy", "healthy", "warning", "unhealthy", "healthy", "healthy"];

/** Generated servers with their torrents, and the subscriptions that watch them. */
export class MockFleet {
  constructor({ servers = 3, torrents = 200, seed = 1, down = false } = {}) {
    this.next = random(seed);
    this.servers = [];
    this.subscribers = new Set();
    this.fleetSubscribers = new Set();
    this.calls = [];
    this.failNext = null;
    for (let i = 0; i < servers; i += 1) {
      const entryId = `01JSERVER${String(i + 1).padStart(17, "0")}`;
      const count = i === 0 ? torrents : Math.max(1, Math.floor(torrents / (i + 2)));
      const list = new Map();
      for (let n = 0; n < count; n += 1) {
        const torrent = makeTorrent(this.next, entryId, n);
        list.set(torrent.hash, torrent);
      }
      this.servers.push({
        entry_id: entryId,
        name: SERVER_NAMES[i % SERVER_NAMES.length],
        color: COLORS[i % COLORS.length],
        available: !(down && i === servers - 1),
        error: down && i === servers - 1 ? "Connection refused" : null,
        health: down && i === servers - 1 ? "unhealthy" : HEALTH[i % HEALTH.length],
        response_time_ms: 8 + Math.round(this.next() * 120),
        torrents: list,
        categories: CATEGORIES.filter((c) => c !== ""),
        tags: TAGS,
      });
    }
    this.active = this.servers[0]?.entry_id ?? null;
    this.counter = torrents;
  }

  describe(server) {
    const { entry_id, name, color, available, error, categories, tags } = server;
    return { entry_id, name, color, available, error, categories: [...categories], tags: [...tags] };
  }

  covered(choice) {
    if (choice === "all") return this.servers;
    const id = choice === "active" ? this.active : choice;
    return this.servers.filter((server) => server.entry_id === id);
  }

  snapshot(choice) {
    const servers = this.covered(choice);
    return {
      kind: "snapshot",
      view: choice === "all" || choice === "active" ? choice : "server",
      active_entry_id: this.active,
      servers: servers.map((server) => this.describe(server)),
      torrents: servers.flatMap((server) => (server.available ? [...server.torrents.values()] : [])),
    };
  }

  fleetMessage() {
    return {
      kind: "fleet",
      active_entry_id: this.active,
      servers: this.servers.map((server) => {
        const counts = { total: server.torrents.size };
        let down = 0;
        let up = 0;
        for (const torrent of server.torrents.values()) {
          for (const filter of torrent.filters) counts[filter] = (counts[filter] ?? 0) + 1;
          down += torrent.download_speed;
          up += torrent.upload_speed;
        }
        return {
          entry_id: server.entry_id,
          name: server.name,
          color: server.color,
          active: server.entry_id === this.active,
          loaded: true,
          available: server.available,
          health: server.health,
          response_time_ms: server.available ? server.response_time_ms : null,
          version: "v5.1.0",
          download_speed: server.available ? down : 0,
          upload_speed: server.available ? up : 0,
          counts,
        };
      }),
    };
  }

  /** Sends an event to every subscription that watches `entryId`, as JSON would bring it. */
  send(entryId, event) {
    for (const subscriber of this.subscribers) {
      const watched =
        subscriber.server === "all" ||
        subscriber.server === entryId ||
        (subscriber.server === "active" && entryId === this.active);
      if (watched) subscriber.callback(structuredClone(event));
    }
  }

  sendFleet() {
    const message = this.fleetMessage();
    for (const callback of this.fleetSubscribers) callback(structuredClone(message));
  }

  /** One poll of every server: `share` of its torrents change progress and speeds. */
  churn(share = 0.01) {
    for (const server of this.servers) {
      if (!server.available) continue;
      const torrents = [...server.torrents.values()];
      const count = Math.max(1, Math.round(torrents.length * share));
      const changed = [];
      for (let i = 0; i < count; i += 1) {
        const torrent = torrents[Math.floor(this.next() * torrents.length)];
        const change = { hash: torrent.hash };
        if (torrent.progress < 100) {
          change.progress = Math.min(100, Math.round((torrent.progress + this.next() * 3) * 10) / 10);
        }
        change.download_speed = torrent.progress < 100 ? Math.floor(this.next() * 4 * 2 ** 20) : 0;
        change.upload_speed = this.next() < 0.5 ? Math.floor(this.next() * 2 ** 19) : 0;
        // A seeding torrent is active while it uploads and stalled while it does not.
        if (torrent.state === "seeding") {
          const filters = change.upload_speed > 0 ? ["seeding", "active"] : ["seeding", "stalled"];
          if (filters.join() !== torrent.filters.join()) change.filters = filters;
        }
        Object.assign(torrent, change);
        changed.push(change);
      }
      this.send(server.entry_id, { kind: "delta", entry_id: server.entry_id, changed });
    }
    this.sendFleet();
  }

  connection() {
    return {
      subscribeMessage: async (callback, message) => {
        if (message.type === `${DOMAIN}/servers/subscribe`) {
          this.fleetSubscribers.add(callback);
          setTimeout(() => callback(structuredClone(this.fleetMessage())), 0);
          return async () => this.fleetSubscribers.delete(callback);
        }
        if (message.type !== `${DOMAIN}/torrents/subscribe`) {
          throw { code: "unknown_command", message: "Unknown command." };
        }
        const server = message.server ?? "active";
        if (!["active", "all"].includes(server) && !this.servers.some((s) => s.entry_id === server)) {
          throw { code: "not_found", message: `No server with entry id ${server}` };
        }
        const subscriber = { callback, server };
        this.subscribers.add(subscriber);
        setTimeout(() => callback(structuredClone(this.snapshot(server))), 0);
        return async () => this.subscribers.delete(subscriber);
      },
    };
  }

  async callService(domain, service, data = {}) {
    this.calls.push({ domain, service, data });
    await new Promise((resolve) => setTimeout(resolve, 150));
    if (this.failNext !== null) {
      const message = this.failNext;
      this.failNext = null;
      throw { code: "home_assistant_error", message };
    }
    const server = this.servers.find((s) => s.entry_id === (data.server ?? this.active));
    if (service === "switch_server") {
      this.active = data.server;
      for (const subscriber of this.subscribers) {
        if (subscriber.server === "active") subscriber.callback(structuredClone(this.snapshot("active")));
      }
      this.sendFleet();
      return;
    }
    if (server === undefined) throw { code: "service_validation_error", message: "Unknown server." };
    const hashes = data.hashes ?? [];
    const changed = [];
    const removed = [];
    const added = [];
    const set = (torrent, change) => {
      Object.assign(torrent, change);
      changed.push({ hash: torrent.hash, ...change });
    };
    for (const hash of hashes) {
      const torrent = server.torrents.get(hash);
      if (torrent === undefined) continue;
      if (service === "stop_torrents") {
        set(torrent, {
          state: "stopped",
          filters: torrent.progress >= 100 ? ["stopped"] : ["downloading", "stopped"],
          download_speed: 0,
          upload_speed: 0,
        });
      } else if (service === "start_torrents") {
        set(torrent, {
          state: torrent.progress >= 100 ? "seeding" : "downloading",
          filters: torrent.progress >= 100 ? ["seeding", "stalled"] : ["downloading", "active"],
        });
      } else if (service === "set_torrent_category") {
        set(torrent, { category: data.category });
      } else if (service === "add_torrent_tags") {
        set(torrent, { tags: [...new Set([...torrent.tags, ...data.tags])].sort() });
      } else if (service === "remove_torrent_tags") {
        set(torrent, { tags: torrent.tags.filter((tag) => !data.tags.includes(tag)) });
      } else if (service === "delete_torrents") {
        server.torrents.delete(hash);
        removed.push(hash);
      }
    }
    if (service === "add_torrent") {
      for (const url of data.urls ?? []) {
        this.counter += 1;
        const torrent = makeTorrent(this.next, server.entry_id, this.counter);
        Object.assign(torrent, {
          name: decodeURIComponent(/dn=([^&]+)/.exec(url)?.[1] ?? url.slice(0, 40)),
          category: data.category ?? "",
          tags: data.tags ?? [],
          progress: 0,
          state: data.stopped ? "stopped" : "metadata",
          filters: data.stopped ? ["downloading", "stopped"] : ["downloading", "active"],
        });
        server.torrents.set(torrent.hash, torrent);
        added.push(torrent);
      }
    }
    this.send(server.entry_id, { kind: "delta", entry_id: server.entry_id, added, changed, removed });
    this.sendFleet();
  }

  /** A `hass` object for the card. */
  hass({ language = "en", dark = false } = {}) {
    return {
      connection: this.connection(),
      callService: (domain, service, data) => this.callService(domain, service, data),
      locale: { language, number_format: "language", time_format: "language" },
      language,
      themes: { darkMode: dark },
    };
  }
}
