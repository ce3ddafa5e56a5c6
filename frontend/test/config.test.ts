import { describe, expect, it } from "vitest";
import { DEFAULT_COLUMNS, parseConfig, storedConfig } from "../src/config.js";
import { localizer } from "../src/localize.js";

const localize = localizer("en");
const parse = (raw: unknown) => parseConfig(raw, localize);

describe("the card configuration", () => {
  it("fills in every default", () => {
    expect(parse({ type: "custom:qbittorrent-multi-card" })).toEqual({
      type: "custom:qbittorrent-multi-card",
      server: "active",
      state: "all",
      columns: [...DEFAULT_COLUMNS],
      compact: false,
      rows: 8,
      sort_by: "name",
      sort_descending: false,
    });
  });

  it("keeps every option given", () => {
    const raw = {
      type: "custom:qbittorrent-multi-card",
      server: "01JNAS",
      title: "Downloads",
      state: "stopped",
      category: "linux",
      tag: "iso",
      columns: ["progress", "eta"],
      compact: true,
      rows: 12,
      sort_by: "eta",
      sort_descending: true,
    };

    expect(storedConfig(parse(raw))).toEqual(raw);
  });

  it.each([
    [null, "The card configuration must be a mapping."],
    [{ type: "x", colour: "red" }, "Unknown option: colour"],
    [{ type: "x", server: 3 }, "server must be a text"],
    [{ type: "x", server: " " }, "server must be a text"],
    [{ type: "x", state: "sleeping" }, "state must be one of: all, downloading, seeding, stopped, stalled, checking, queued, errored, active"],
    [{ type: "x", sort_by: "hash" }, "sort_by must be one of: name, added_on, progress, size, ratio, download_speed, upload_speed, eta"],
    [{ type: "x", rows: 0 }, "rows must be a whole number from 1 to 50"],
    [{ type: "x", rows: 2.5 }, "rows must be a whole number from 1 to 50"],
    [{ type: "x", compact: "yes" }, "compact must be true or false"],
    [{ type: "x", columns: ["name"] }, "columns must be a list of: state, progress, size, download_speed, upload_speed, eta, ratio, category, tags, added_on"],
  ])("refuses %j with a clear error", (raw, message) => {
    expect(() => parse(raw)).toThrow(message);
  });

  it("says what is wrong in the user's language", () => {
    expect(() => parseConfig({ type: "x", colour: "red" }, localizer("de"))).toThrow(/colour/);
    expect(() => parseConfig({ type: "x", colour: "red" }, localizer("de"))).not.toThrow("Unknown option: colour");
  });

  it("accepts the layout options dashboards add to every card", () => {
    expect(() => parse({ type: "x", grid_options: { columns: 12 }, view_layout: {}, visibility: [] })).not.toThrow();
  });
});
