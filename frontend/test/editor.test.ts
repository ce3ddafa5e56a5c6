// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from "vitest";
import { parseConfig } from "../src/config.js";
import { localizer } from "../src/localize.js";
import { $, $$, settle } from "./dom.js";
import { fakeHass, fleetServer, NAS, SEEDBOX } from "./fakes.js";

afterEach(() => {
  document.body.replaceChildren();
});

async function editorFor(config: Record<string, unknown>) {
  const fake = fakeHass();
  const editor = document.createElement("qbittorrent-multi-card-editor");
  editor.hass = fake.hass;
  editor.setConfig(config);
  const changes: Record<string, unknown>[] = [];
  editor.addEventListener("config-changed", (event) => changes.push((event as CustomEvent<{ config: Record<string, unknown> }>).detail.config));
  document.body.append(editor);
  await settle(editor);
  fake.connection.one("servers").send({
    kind: "fleet",
    active_entry_id: NAS,
    servers: [fleetServer(), fleetServer({ entry_id: SEEDBOX, name: "Seedbox", active: false })],
  });
  await settle(editor);
  return { editor, changes, ...fake };
}

function change(editor: HTMLElement, selector: string, set: (element: HTMLInputElement & HTMLSelectElement) => void) {
  const element = $(editor, selector) as HTMLInputElement & HTMLSelectElement;
  set(element);
  element.dispatchEvent(new Event("change"));
}

const TYPE = { type: "custom:qbittorrent-multi-card" };

describe("the card editor", () => {
  it("offers the active server, all servers and each server by name", async () => {
    const { editor, connection } = await editorFor(TYPE);

    const options = $$(editor, "select[name=server] option").map((option) => [option.getAttribute("value"), option.textContent.trim()]);
    expect(options).toEqual([
      ["active", "Active server"],
      ["all", "All servers"],
      [NAS, "NAS"],
      [SEEDBOX, "Seedbox"],
    ]);
    expect(connection.live("torrents")).toEqual([]);
  });

  it("stores the chosen server, and leaves the default out", async () => {
    const { editor, changes } = await editorFor(TYPE);

    change(editor, "select[name=server]", (select) => (select.value = SEEDBOX));
    await settle(editor);
    change(editor, "select[name=server]", (select) => (select.value = "active"));

    expect(changes).toEqual([{ ...TYPE, server: SEEDBOX }, TYPE]);
  });

  it("round-trips every option through the card's configuration", async () => {
    const { editor, changes } = await editorFor({ ...TYPE, grid_options: { columns: 6 } });

    change(editor, "select[name=state]", (select) => (select.value = "stopped"));
    change(editor, "input[name=category]", (input) => (input.value = " linux "));
    change(editor, "input[name=tag]", (input) => (input.value = "iso"));
    change(editor, "input[name=rows]", (input) => (input.value = "12"));
    change(editor, "select[name=sort_by]", (select) => (select.value = "eta"));
    change(editor, "input[name=sort_descending]", (input) => (input.checked = true));
    change(editor, "input[name=compact]", (input) => (input.checked = true));
    change(editor, "input[name=column][value=ratio]", (input) => (input.checked = false));
    change(editor, "input[name=column][value=tags]", (input) => (input.checked = true));

    const last = changes.at(-1);
    expect(last).toEqual({
      ...TYPE,
      grid_options: { columns: 6 },
      state: "stopped",
      category: "linux",
      tag: "iso",
      rows: 12,
      sort_by: "eta",
      sort_descending: true,
      compact: true,
      columns: ["state", "progress", "size", "download_speed", "upload_speed", "eta", "tags"],
    });
    expect(() => parseConfig(last, localizer("en"))).not.toThrow();
  });

  it("shows the options of a configuration it is given", async () => {
    const { editor } = await editorFor({ ...TYPE, server: "all", compact: true, rows: 3 });

    expect(($(editor, "select[name=server]") as HTMLSelectElement).value).toBe("all");
    expect(($(editor, "input[name=compact]") as HTMLInputElement).checked).toBe(true);
    expect(($(editor, "input[name=rows]") as HTMLInputElement).value).toBe("3");
  });

  it("keeps a server the fleet does not list, under its id", async () => {
    const { editor } = await editorFor({ ...TYPE, server: "01JGONE" });

    expect(($(editor, "select[name=server]") as HTMLSelectElement).value).toBe("01JGONE");
  });
});
