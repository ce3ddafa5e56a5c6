import { describe, expect, it } from "vitest";
import { addTorrents, deleteTorrents, hashesByServer, parseList, runCommand } from "../src/actions.js";
import { fakeHass, NAS, SEEDBOX } from "./fakes.js";

describe("actions", () => {
  it("groups a selection's hashes by server", () => {
    const grouped = hashesByServer([
      { entry_id: NAS, hash: "a" },
      { entry_id: SEEDBOX, hash: "b" },
      { entry_id: NAS, hash: "c" },
    ]);

    expect([...grouped]).toEqual([
      [NAS, ["a", "c"]],
      [SEEDBOX, ["b"]],
    ]);
  });

  it("calls an action once per server of a selection", async () => {
    const { hass, calls } = fakeHass();

    await runCommand(hass, "stop", [
      { entry_id: NAS, hash: "a" },
      { entry_id: SEEDBOX, hash: "b" },
    ]);

    expect(calls).toEqual([
      { domain: "qbittorrent_multi", service: "stop_torrents", data: { server: NAS, hashes: ["a"] } },
      { domain: "qbittorrent_multi", service: "stop_torrents", data: { server: SEEDBOX, hashes: ["b"] } },
    ]);
  });

  it("asks to delete files only when told", async () => {
    const { hass, calls } = fakeHass();

    await deleteTorrents(hass, [{ entry_id: NAS, hash: "a" }], true);

    expect(calls[0]?.data).toEqual({ server: NAS, hashes: ["a"], delete_files: true });
  });

  it("rejects with Home Assistant's message, once however many servers failed", async () => {
    const { hass, fail } = fakeHass();
    fail("NAS cannot be reached");

    await expect(
      runCommand(hass, "start", [
        { entry_id: NAS, hash: "a" },
        { entry_id: SEEDBOX, hash: "b" },
      ]),
    ).rejects.toThrow(/^NAS cannot be reached$/);
  });

  it("adds torrents with only the fields given", async () => {
    const { hass, calls } = fakeHass();

    await addTorrents(hass, { server: NAS, urls: ["magnet:?xt=1"], category: "", tags: [], stopped: false });
    await addTorrents(hass, { server: NAS, urls: ["magnet:?xt=1"], category: "linux", tags: ["iso"], stopped: true });

    expect(calls.map((call) => call.data)).toEqual([
      { server: NAS, urls: ["magnet:?xt=1"] },
      { server: NAS, urls: ["magnet:?xt=1"], category: "linux", tags: ["iso"], stopped: true },
    ]);
  });

  it("splits lists and drops empty items", () => {
    expect(parseList(" iso, keep ,, ")).toEqual(["iso", "keep"]);
    expect(parseList("magnet:a\n\n https://b \n", /\s*\n\s*/)).toEqual(["magnet:a", "https://b"]);
  });
});
