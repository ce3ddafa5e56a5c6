// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from "vitest";
import { OVERSCAN } from "../src/card.js";
import { PALETTE } from "../src/fleet.js";
import type { SnapshotEvent, Torrent } from "../src/protocol.js";
import { $, $$, mountCard, settle, text } from "./dom.js";
import { fakeHass, fleetServer, NAS, SEEDBOX, server, torrent } from "./fakes.js";

afterEach(() => {
  document.body.replaceChildren();
});

function snapshot(torrents: Torrent[], overrides: Partial<SnapshotEvent> = {}): SnapshotEvent {
  return { kind: "snapshot", view: "active", active_entry_id: NAS, servers: [server()], torrents, ...overrides };
}

async function cardWith(torrents: Torrent[], config: Record<string, unknown> = {}, overrides: Partial<SnapshotEvent> = {}) {
  const fake = fakeHass();
  const card = await mountCard(config, fake.hass);
  fake.connection.one("servers").send({
    kind: "fleet",
    active_entry_id: NAS,
    servers: [fleetServer(), fleetServer({ entry_id: SEEDBOX, name: "Seedbox", active: false, health: "warning" })],
  });
  fake.connection.one("torrents").send(snapshot(torrents, overrides));
  await settle(card);
  return { card, ...fake };
}

const rowNames = (card: Element): string[] => $$(card, "[data-testid=torrent-row] .name").map(text);

describe("the card shows", () => {
  it("each torrent's name, state, progress, size, speeds, time left and ratio", async () => {
    const { card } = await cardWith([
      torrent({
        name: "debian-12.iso",
        state: "downloading",
        progress: 41.2,
        size: 660 * 1024 * 1024,
        download_speed: 1048576,
        upload_speed: 2048,
        eta: 3 * 3600 + 300,
        ratio: 0.25,
      }),
    ]);

    const row = text($(card, "[data-testid=torrent-row]"));
    for (const part of ["debian-12.iso", "Downloading", "41.2%", "660 MiB", "↓ 1.00 MiB/s", "↑ 2.00 KiB/s", "3h 5m", "Ratio 0.25"]) {
      expect(row).toContain(part);
    }
    expect($(card, "[role=progressbar]").getAttribute("aria-valuenow")).toBe("41.2");
  });

  it("the state chips with the count of each, all of them under All", async () => {
    const { card } = await cardWith([
      torrent({ filters: ["downloading", "active"] }),
      torrent({ filters: ["downloading", "stopped"] }),
      torrent({ filters: ["seeding"] }),
    ]);

    const chips: Record<string, string> = Object.fromEntries(
      $$(card, "[data-testid=state-chip]").map((chip) => [chip.dataset.filter ?? "", text($(chip, "[data-testid=chip-count]"))]),
    );
    expect(chips).toMatchObject({ all: "3", downloading: "2", stopped: "1", seeding: "1", active: "1", errored: "0" });
  });

  it("only the torrents of the chosen chip, and those whose name matches the search", async () => {
    const { card } = await cardWith([
      torrent({ name: "debian", filters: ["seeding"] }),
      torrent({ name: "ubuntu", filters: ["seeding"] }),
      torrent({ name: "fedora", filters: ["downloading"] }),
    ]);

    $(card, "[data-testid=state-chip][data-filter=seeding]").click();
    await settle(card);
    expect(rowNames(card)).toEqual(["debian", "ubuntu"]);

    const search = $(card, "[data-testid=search]") as HTMLInputElement;
    search.value = "DEB";
    search.dispatchEvent(new Event("input"));
    await settle(card);
    expect(rowNames(card)).toEqual(["debian"]);
  });

  it("a change from a delta in the row, without a reload", async () => {
    const shown = torrent({ name: "debian", progress: 10 });
    const { card, connection } = await cardWith([shown]);

    connection.one("torrents").send({ kind: "delta", entry_id: NAS, changed: [{ hash: shown.hash, progress: 77.5 }] });
    await settle(card);

    expect(text($(card, "[data-testid=torrent-row]"))).toContain("77.5%");
  });

  it("a torrent added on the server, and none that was removed", async () => {
    const gone = torrent({ name: "gone" });
    const { card, connection } = await cardWith([gone]);

    connection.one("torrents").send({ kind: "delta", entry_id: NAS, added: [torrent({ name: "new" })], removed: [gone.hash] });
    await settle(card);

    expect(rowNames(card)).toEqual(["new"]);
  });

  it("only the visible rows of 10,000 torrents, and the rows the scroll reaches", async () => {
    const many = Array.from({ length: 10_000 }, (_, i) => torrent({ name: `t${String(i).padStart(5, "0")}` }));
    const { card } = await cardWith(many, { rows: 8 });

    const rows = $$(card, "[data-testid=torrent-row]");
    expect(rows.length).toBe(8 + OVERSCAN);
    expect(rows[0]?.getAttribute("aria-posinset")).toBe("1");

    const list = $(card, "[data-testid=torrent-list]");
    list.scrollTop = 5000 * 64;
    list.dispatchEvent(new Event("scroll"));
    await settle(card);

    const scrolled = $$(card, "[data-testid=torrent-row]");
    expect(scrolled.length).toBe(8 + 2 * OVERSCAN);
    expect(scrolled[OVERSCAN]?.getAttribute("aria-posinset")).toBe("5001");
    expect(text($(scrolled[OVERSCAN]!, ".name"))).toBe("t05000");
  });

  it("in the all view, each torrent's server as a badge in the server's colour, or the palette's", async () => {
    const { card } = await cardWith(
      [torrent({ name: "a", entry_id: NAS }), torrent({ name: "b", entry_id: SEEDBOX })],
      { server: "all" },
      { view: "all", servers: [server({ color: "#123456" }), server({ entry_id: SEEDBOX, name: "Seedbox" })] },
    );

    const rows = $$(card, "[data-testid=torrent-row]");
    expect(rows.map((row) => text($(row, "[data-testid=server-badge]")))).toEqual(["NAS", "Seedbox"]);
    expect(rows[0]?.getAttribute("style")).toContain("#123456");
    expect(rows[1]?.getAttribute("style")).toContain(PALETTE[1]);
  });

  it("no server badge outside the all view", async () => {
    const { card } = await cardWith([torrent()]);

    expect($$(card, "[data-testid=server-badge]")).toEqual([]);
  });

  it("a server that is down, and why", async () => {
    const { card, connection } = await cardWith([torrent()]);

    connection.one("torrents").send({ kind: "server", server: server({ available: false, error: "Connection refused" }) });
    await settle(card);
    expect(text($(card, "[data-testid=server-down]"))).toBe("NAS is unavailable: Connection refused");

    connection.one("torrents").send({ kind: "server", server: server() });
    await settle(card);
    expect($$(card, "[data-testid=server-down]")).toEqual([]);
  });

  it("that no server is active", async () => {
    const { card } = await cardWith([], {}, { active_entry_id: null, servers: [] });

    expect(text($(card, "[data-testid=empty]"))).toBe("No server is active");
  });

  it("why a subscription was refused", async () => {
    const fake = fakeHass();
    fake.connection.refuse = { code: "not_found", message: "No server with entry id 01JX" };
    const card = await mountCard({ server: "01JX" }, fake.hass);

    expect(text($(card, "[data-testid=subscribe-error]"))).toBe("The torrents cannot be shown: No server with entry id 01JX");
  });

  it("the texts in the user's language", async () => {
    const fake = fakeHass("de");
    const card = await mountCard({}, fake.hass);
    fake.connection.one("torrents").send(snapshot([torrent({ size: 1536 })]));
    await settle(card);

    expect(text($(card, "[data-testid=state-chip][data-filter=all]"))).toBe("Alle 1");
    expect(text($(card, "[data-testid=torrent-row]"))).toContain("1,50 KiB");
  });
});

describe("the card subscribes", () => {
  it("to the configured server and the fleet", async () => {
    const fake = fakeHass();
    await mountCard({ server: "all" }, fake.hass);

    expect(fake.connection.one("torrents").message).toEqual({ type: "qbittorrent_multi/torrents/subscribe", server: "all" });
    expect(fake.connection.one("servers").message).toEqual({ type: "qbittorrent_multi/servers/subscribe" });
  });

  it("again when its server changes, and drops the old subscription", async () => {
    const fake = fakeHass();
    const card = await mountCard({ server: "active" }, fake.hass);

    card.setConfig({ type: "custom:qbittorrent-multi-card", server: SEEDBOX });
    await settle(card);

    expect(fake.connection.one("torrents").message.server).toBe(SEEDBOX);
    expect(fake.connection.subscriptions.filter((s) => s.message.server !== undefined)).toHaveLength(2);
  });

  it("not again when another option changes", async () => {
    const fake = fakeHass();
    const card = await mountCard({ server: "all" }, fake.hass);

    card.setConfig({ type: "custom:qbittorrent-multi-card", server: "all", compact: true });
    await settle(card);

    expect(fake.connection.subscriptions).toHaveLength(2);
  });

  it("to nothing once it leaves the page, and again when it comes back", async () => {
    const fake = fakeHass();
    const card = await mountCard({}, fake.hass);

    card.remove();
    await settle();
    expect(fake.connection.live("torrents")).toEqual([]);
    expect(fake.connection.live("servers")).toEqual([]);

    document.body.append(card);
    await settle(card);
    expect(fake.connection.live("torrents")).toHaveLength(1);
    expect(fake.connection.live("servers")).toHaveLength(1);
  });

  it("ignores what an ended subscription still sends", async () => {
    const fake = fakeHass();
    const card = await mountCard({ server: "active" }, fake.hass);
    const old = fake.connection.one("torrents");
    card.setConfig({ type: "custom:qbittorrent-multi-card", server: "all" });
    await settle(card);

    old.callback(snapshot([torrent({ name: "stale" })]));
    fake.connection.one("torrents").send(snapshot([torrent({ name: "fresh" })], { view: "all" }));
    await settle(card);

    expect(rowNames(card)).toEqual(["fresh"]);
  });
});

describe("the card's configuration", () => {
  it("is refused with a clear error when wrong", () => {
    const card = document.createElement("qbittorrent-multi-card");
    expect(() => { card.setConfig({ type: "custom:qbittorrent-multi-card", rows: 0 }); }).toThrow(
      "rows must be a whole number from 1 to 50",
    );
  });

  it("has a stub the card accepts, a size and grid options", () => {
    const card = document.createElement("qbittorrent-multi-card");
    const Card = customElements.get("qbittorrent-multi-card") as unknown as { getStubConfig(): Record<string, unknown> };
    card.setConfig({ type: "custom:qbittorrent-multi-card", ...Card.getStubConfig() });

    expect(card.getCardSize()).toBeGreaterThan(8);
    expect(card.getGridOptions()).toMatchObject({ columns: 12 });
  });

  it("lists the card in the card picker with a preview", () => {
    expect(window.customCards).toContainEqual(
      expect.objectContaining({ type: "qbittorrent-multi-card", preview: true, name: "qBittorrent torrents" }),
    );
  });
});
