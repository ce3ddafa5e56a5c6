/** The card's configuration: its options, defaults and validation. */
import { STATE_FILTERS, type StateFilter } from "./protocol.js";
import { SORT_KEYS, type SortKey } from "./query.js";
import type { Localize } from "./localize.js";

export const CARD_TYPE = "qbittorrent-multi-card";
export const EDITOR_TYPE = "qbittorrent-multi-card-editor";

/** The per-torrent figures a row can show, besides its name. */
export const COLUMNS = [
  "state",
  "progress",
  "size",
  "download_speed",
  "upload_speed",
  "eta",
  "ratio",
  "category",
  "tags",
  "added_on",
] as const;
export type Column = (typeof COLUMNS)[number];

export const DEFAULT_COLUMNS: readonly Column[] = [
  "state",
  "progress",
  "size",
  "download_speed",
  "upload_speed",
  "eta",
  "ratio",
];

export const MIN_ROWS = 1;
export const MAX_ROWS = 50;
export const DEFAULT_ROWS = 8;

export interface CardConfig {
  type: string;
  /** "active", "all" or a server's config entry id. */
  server: string;
  title?: string;
  state: StateFilter;
  category?: string;
  tag?: string;
  columns: Column[];
  compact: boolean;
  rows: number;
  sort_by: SortKey;
  sort_descending: boolean;
}

const OPTIONS = new Set([
  "type",
  "server",
  "title",
  "state",
  "category",
  "tag",
  "columns",
  "compact",
  "rows",
  "sort_by",
  "sort_descending",
  // Set by dashboards on every card.
  "view_layout",
  "layout_options",
  "grid_options",
  "visibility",
]);

/** The configuration error shown instead of the card. */
export class ConfigError extends Error {}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Checks a configuration and returns it with every default filled in; throws ConfigError. */
export function parseConfig(raw: unknown, localize: Localize): CardConfig {
  if (!isRecord(raw)) throw new ConfigError(localize("config_not_object"));
  for (const option of Object.keys(raw)) {
    if (!OPTIONS.has(option)) {
      throw new ConfigError(localize("config_unknown_option", { option }));
    }
  }
  const text = (option: string): string | undefined => {
    const value = raw[option];
    if (value === undefined) return undefined;
    if (typeof value !== "string") throw new ConfigError(localize("config_bad_text", { option }));
    return value;
  };
  const flag = (option: string): boolean => {
    const value = raw[option] ?? false;
    if (typeof value !== "boolean") throw new ConfigError(localize("config_bad_flag", { option }));
    return value;
  };
  const choice = <T extends string>(option: string, choices: readonly T[], fallback: T): T => {
    const value = raw[option] ?? fallback;
    if (!choices.includes(value as T)) {
      throw new ConfigError(
        localize("config_bad_choice", { option, choices: choices.join(", ") }),
      );
    }
    return value as T;
  };
  const server = text("server") ?? "active";
  if (server.trim() === "") {
    throw new ConfigError(localize("config_bad_text", { option: "server" }));
  }
  const rows = raw.rows ?? DEFAULT_ROWS;
  if (typeof rows !== "number" || !Number.isInteger(rows) || rows < MIN_ROWS || rows > MAX_ROWS) {
    throw new ConfigError(localize("config_bad_rows", { min: MIN_ROWS, max: MAX_ROWS }));
  }
  const columns = raw.columns ?? DEFAULT_COLUMNS;
  if (
    !Array.isArray(columns) ||
    !columns.every((column) => COLUMNS.includes(column as Column))
  ) {
    throw new ConfigError(localize("config_bad_columns", { choices: COLUMNS.join(", ") }));
  }
  const config: CardConfig = {
    type: text("type") ?? `custom:${CARD_TYPE}`,
    server,
    state: choice("state", STATE_FILTERS, "all"),
    columns: [...new Set(columns as Column[])],
    compact: flag("compact"),
    rows,
    sort_by: choice("sort_by", SORT_KEYS, "name"),
    sort_descending: flag("sort_descending"),
  };
  const title = text("title");
  if (title !== undefined) config.title = title;
  const category = text("category");
  if (category !== undefined) config.category = category;
  const tag = text("tag");
  if (tag !== undefined) config.tag = tag;
  return config;
}

/**
 * The configuration as a dashboard should store it: only what differs from
 * the defaults, so a card's YAML stays short.
 */
export function storedConfig(config: CardConfig): Record<string, unknown> {
  const stored: Record<string, unknown> = { type: config.type };
  if (config.server !== "active") stored.server = config.server;
  if (config.title) stored.title = config.title;
  if (config.state !== "all") stored.state = config.state;
  if (config.category !== undefined) stored.category = config.category;
  if (config.tag !== undefined) stored.tag = config.tag;
  if (
    config.columns.length !== DEFAULT_COLUMNS.length ||
    config.columns.some((column, index) => column !== DEFAULT_COLUMNS[index])
  ) {
    stored.columns = config.columns;
  }
  if (config.compact) stored.compact = true;
  if (config.rows !== DEFAULT_ROWS) stored.rows = config.rows;
  if (config.sort_by !== "name") stored.sort_by = config.sort_by;
  if (config.sort_descending) stored.sort_descending = true;
  return stored;
}
