// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from "vitest";
import type { Torrent } from "../src/protocol.js";
import { $, $$, mountCard, settle, text } from "./dom.js";
import { fakeHass, fleetServer, NAS, SEEDBOX, server, torrent } from "./fakes.js";

afterEach(() => {
  document.body.replaceChildren();
});

async function cardWith(torrents: Torrent[], config: Record<string, unknown> = { server: "all" }) {
  const fake = fakeHass();
  const card = await mountCard(config, fake.hass);
  fake.connection.one("servers").send({
    kind: "fleet",
    active_entry_id: NAS,
    servers: [fleetServer(), fleetServer({ entry_id: SEEDBOX, name: "Seedbox", active: false })],
  });
  fake.connection.one("torrents").send({
    kind: "snapshot",
    view: config.server === "all" ? "all" : "active",
    active_entry_id: NAS,
    servers: [server({ categories: ["linux"], tags: ["iso"] }), server({ entry_id: SEEDBOX, name: "Seedbox" })],
    torrents,
  });
  await settle(card);
  return { card, ...fake };
}

async function click(card: HTMLElement & { updateComplete: Promise<unknown> }, selector: string): Promise<void> {
  $(card, selector).click();
  await settle(card);
}

const dialogKind = (card: HTMLElement): string | undefined => $(card, "[data-testid=dialog]").dataset.kind;

describe("acting on torrents", () => {
  it("stops a selection that spans two servers with one call per server", async () => {
    const a = torrent({ name: "a" });
    const b = torrent({ name: "b", entry_id: SEEDBOX });
    const c = torrent({ name: "c" });
    const { card, calls } = await cardWith([a, b, c]);

    for (const row of $$(card, "[data-testid=torrent-row] input[type=checkbox]")) row.click();
    await settle(card);
    expect(text($(card, "[data-testid=list-count]"))).toBe("3 selected");
    await click(card, "[data-testid=bulk-actions] [data-action=stop]");

    expect(calls).toEqual([
      { domain: "qbittorrent_multi", service: "stop_torrents", data: { server: NAS, hashes: [a.hash, c.hash] } },
      { domain: "qbittorrent_multi", service: "stop_torrents", data: { server: SEEDBOX, hashes: [b.hash] } },
    ]);
  });

  it("selects every shown torrent at once", async () => {
    const { card } = await cardWith([torrent(), torrent(), torrent()]);

    await click(card, "[data-testid=select-all]");

    expect(text($(card, "[data-testid=list-count]"))).toBe("3 selected");
    expect($$(card, "[data-testid=torrent-row][aria-selected=true]")).toHaveLength(3);
  });

  it("starts one torrent from its own dialog", async () => {
    const a = torrent({ name: "a", state: "stopped" });
    const { card, calls } = await cardWith([a]);

    await click(card, "[data-testid=torrent-row] .open");
    expect(dialogKind(card)).toBe("torrent");
    await click(card, "[data-testid=dialog] [data-action=start]");

    expect(calls).toEqual([{ domain: "qbittorrent_multi", service: "start_torrents", data: { server: NAS, hashes: [a.hash] } }]);
    expect(dialogKind(card)).toBe("");
  });

  it("asks before deleting, and says the data stays on disk", async () => {
    const a = torrent({ name: "debian.iso" });
    const { card, calls } = await cardWith([a]);

    await click(card, "[data-testid=torrent-row] .open");
    await click(card, "[data-testid=dialog] [data-action=delete]");

    expect(calls).toEqual([]);
    expect(text($(card, "[data-testid=dialog] h2"))).toBe("Delete debian.iso?");
    expect(text($(card, "[data-testid=delete-warning]"))).toBe(
      "The torrents are removed from qBittorrent. Their downloaded data stays on disk.",
    );
    await click(card, "[data-testid=confirm-delete]");
    expect(calls).toEqual([
      { domain: "qbittorrent_multi", service: "delete_torrents", data: { server: NAS, hashes: [a.hash], delete_files: false } },
    ]);
  });

  it("says plainly that delete with files removes data from disk", async () => {
    const { card, calls } = await cardWith([torrent(), torrent({ entry_id: SEEDBOX })]);

    await click(card, "[data-testid=select-all]");
    await click(card, "[data-testid=bulk-actions] [data-action=delete_with_files]");

    expect(text($(card, "[data-testid=dialog] h2"))).toBe("Delete 2 torrents?");
    expect(text($(card, "[data-testid=delete-warning]"))).toContain("deleted from disk");
    await click(card, "[data-testid=confirm-delete]");
    expect(calls.map((call) => [call.service, call.data.delete_files])).toEqual([
      ["delete_torrents", true],
      ["delete_torrents", true],
    ]);
  });

  it("deletes nothing when the confirmation is cancelled", async () => {
    const { card, calls } = await cardWith([torrent()]);

    await click(card, "[data-testid=torrent-row] .open");
    await click(card, "[data-testid=dialog] [data-action=delete]");
    await click(card, "[data-testid=dialog-close]");

    expect(calls).toEqual([]);
    expect(dialogKind(card)).toBe("");
  });

  it("shows the action's error in the card", async () => {
    const { card, fail } = await cardWith([torrent()]);
    fail("NAS cannot be reached");

    await click(card, "[data-testid=select-all]");
    await click(card, "[data-testid=bulk-actions] [data-action=reannounce]");

    expect(text($(card, "[data-testid=action-error]"))).toBe("NAS cannot be reached");
  });

  it("shows the error of a dialog's action in the dialog, which stays open", async () => {
    const { card, fail } = await cardWith([torrent()]);
    fail("Category is not valid");

    await click(card, "[data-testid=torrent-row] .open");
    await click(card, "[data-testid=dialog] [data-action=category]");
    ($(card, "[data-testid=dialog] input[name=category]") as HTMLInputElement).value = "bad/name";
    $(card, "[data-testid=dialog] form").dispatchEvent(new Event("submit", { cancelable: true }));
    await settle(card);

    expect(dialogKind(card)).toBe("category");
    expect(text($(card, "[data-testid=dialog] [data-testid=action-error]"))).toBe("Category is not valid");
  });

  it("sets a category and adds tags", async () => {
    const a = torrent();
    const { card, calls } = await cardWith([a]);

    await click(card, "[data-testid=torrent-row] .open");
    await click(card, "[data-testid=dialog] [data-action=category]");
    ($(card, "[data-testid=dialog] input[name=category]") as HTMLInputElement).value = " linux ";
    $(card, "[data-testid=dialog] form").dispatchEvent(new Event("submit", { cancelable: true }));
    await settle(card);
    await click(card, "[data-testid=torrent-row] .open");
    await click(card, "[data-testid=dialog] [data-action=add_tags]");
    ($(card, "[data-testid=dialog] input[name=tags]") as HTMLInputElement).value = "iso, keep";
    $(card, "[data-testid=dialog] form").dispatchEvent(new Event("submit", { cancelable: true }));
    await settle(card);

    expect(calls.map((call) => [call.service, call.data])).toEqual([
      ["set_torrent_category", { server: NAS, hashes: [a.hash], category: "linux" }],
      ["add_torrent_tags", { server: NAS, hashes: [a.hash], tags: ["iso", "keep"] }],
    ]);
  });

  it("adds torrents to the chosen server with category, tags and stopped", async () => {
    const { card, calls } = await cardWith([]);

    await click(card, "[data-testid=add-torrent]");
    const form = $(card, "[data-testid=add-dialog]");
    ($(form, "textarea[name=links]") as HTMLTextAreaElement).value = "magnet:?xt=urn:btih:abc\nhttps://example.org/a.torrent\n";
    ($(form, "select[name=server]") as HTMLSelectElement).value = SEEDBOX;
    ($(form, "input[name=category]") as HTMLInputElement).value = "linux";
    ($(form, "input[name=tags]") as HTMLInputElement).value = "iso";
    ($(form, "input[name=stopped]") as HTMLInputElement).checked = true;
    form.dispatchEvent(new Event("submit", { cancelable: true }));
    await settle(card);

    expect(calls).toEqual([
      {
        domain: "qbittorrent_multi",
        service: "add_torrent",
        data: {
          server: SEEDBOX,
          urls: ["magnet:?xt=urn:btih:abc", "https://example.org/a.torrent"],
          category: "linux",
          tags: ["iso"],
          stopped: true,
        },
      },
    ]);
  });

  it("adds nothing without a link, and says so", async () => {
    const { card, calls } = await cardWith([]);

    await click(card, "[data-testid=add-torrent]");
    $(card, "[data-testid=add-dialog]").dispatchEvent(new Event("submit", { cancelable: true }));
    await settle(card);

    expect(calls).toEqual([]);
    expect(text($(card, "[data-testid=dialog] [data-testid=action-error]"))).toBe("Give at least one magnet link or URL.");
  });
});

describe("the server switcher", () => {
  it("lists every server with its health and response time", async () => {
    const { card } = await cardWith([]);

    await click(card, "[data-testid=server-switcher]");

    const options = $$(card, "[data-testid=server-option]");
    expect(options.map((option) => option.dataset.server)).toEqual(["all", NAS, SEEDBOX]);
    expect(text(options[1]!)).toContain("13 ms");
    expect($(options[1]!, ".dot").getAttribute("aria-label")).toBe("Healthy");
  });

  it("makes the chosen server active and shows it", async () => {
    const { card, calls, connection } = await cardWith([], { server: "all" });

    await click(card, "[data-testid=server-switcher]");
    await click(card, `[data-testid=server-option][data-server=${SEEDBOX}]`);

    expect(calls).toEqual([{ domain: "qbittorrent_multi", service: "switch_server", data: { server: SEEDBOX } }]);
    expect(connection.one("torrents").message.server).toBe("active");
  });

  it("shows every server under All servers", async () => {
    const { card, calls, connection } = await cardWith([], { server: "active" });

    await click(card, "[data-testid=server-switcher]");
    await click(card, "[data-testid=server-option][data-server=all]");

    expect(calls).toEqual([]);
    expect(connection.one("torrents").message.server).toBe("all");
    expect(text($(card, "[data-testid=server-switcher]"))).toBe("All servers");
  });
});
