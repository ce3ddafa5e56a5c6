/** One torrent's row: its name, server, state, progress and the figures the card shows. */
import { html, nothing, type TemplateResult } from "lit";
import type { Column } from "../config.js";
import type { Formatter } from "../format.js";
import type { Localize } from "../localize.js";
import type { Torrent } from "../protocol.js";

export interface RowContext {
  localize: Localize;
  format: Formatter;
  columns: readonly Column[];
  compact: boolean;
  /** In the all-servers view: the server's name and colour for its badge and accent. */
  server?: (entryId: string) => { name: string; color: string };
  selected: (key: string) => boolean;
  toggle: (key: string, event: Event) => void;
  open: (key: string) => void;
}

function figure(torrent: Torrent, column: Column, context: RowContext): TemplateResult | typeof nothing {
  const { format, localize } = context;
  switch (column) {
    case "state":
      return nothing;
    case "progress":
      return html`<span title=${localize("progress")}>${format.percent(torrent.progress)}</span>`;
    case "size":
      return html`<span title=${localize("size")}>${format.size(torrent.size)}</span>`;
    case "download_speed":
      return html`<span title=${localize("download_speed")}>↓ ${format.speed(torrent.download_speed)}</span>`;
    case "upload_speed":
      return html`<span title=${localize("upload_speed")}>↑ ${format.speed(torrent.upload_speed)}</span>`;
    case "eta":
      return torrent.progress >= 100
        ? nothing
        : html`<span title=${localize("eta")}>${format.duration(torrent.eta)}</span>`;
    case "ratio":
      return html`<span title=${localize("ratio")}>${localize("ratio")} ${format.ratio(torrent.ratio)}</span>`;
    case "category":
      return torrent.category === ""
        ? nothing
        : html`<span title=${localize("category")}>${torrent.category}</span>`;
    case "tags":
      return torrent.tags.length === 0
        ? nothing
        : html`<span title=${localize("tags")}>${torrent.tags.join(", ")}</span>`;
    case "added_on":
      return html`<span title=${localize("added_on")}>${format.date(torrent.added_on)}</span>`;
  }
}

/** The row of one torrent; `key` is its (server, hash) key, `position` its place in the list from 1. */
export function torrentRow(
  torrent: Torrent,
  key: string,
  position: number,
  context: RowContext,
): TemplateResult {
  const { localize, columns, compact } = context;
  const server = context.server?.(torrent.entry_id);
  const selected = context.selected(key);
  const showState = columns.includes("state");
  const showProgress = columns.includes("progress");
  const state = showState
    ? html`<span class="state ${torrent.state}">${localize(`state_${torrent.state}` as const)}</span>`
    : nothing;
  const badge = server
    ? html`<span class="badge" data-testid="server-badge">${server.name}</span>`
    : nothing;
  const meta = html`<span class="meta">${columns.map((column) => figure(torrent, column, context))}</span>`;
  const bar = showProgress
    ? html`<div
        class="bar ${torrent.progress >= 100 ? "done" : ""} ${torrent.state === "errored" ? "errored" : ""}"
        role="progressbar"
        aria-label=${localize("progress")}
        aria-valuemin="0"
        aria-valuemax="100"
        aria-valuenow=${torrent.progress}
      >
        <div style="transform: scaleX(${Math.min(100, Math.max(0, torrent.progress)) / 100})"></div>
      </div>`
    : nothing;
  const body = compact
    ? html`${badge}<span class="name">${torrent.name}</span>${state}${bar}${meta}`
    : html`<span class="line">${badge}<span class="name">${torrent.name}</span>${state}</span>
        ${bar}
        <span class="line">${meta}</span>`;
  return html`<div
    class="row ${compact ? "compact" : ""} ${server ? "accent" : ""}"
    role="listitem"
    aria-posinset=${position}
    aria-selected=${selected ? "true" : "false"}
    data-testid="torrent-row"
    data-hash=${torrent.hash}
    data-server=${torrent.entry_id}
    style=${server ? `--server-color: ${server.color}` : ""}
  >
    <input
      type="checkbox"
      class="checkbox"
      .checked=${selected}
      aria-label=${localize("select_torrent", { name: torrent.name })}
      @change=${(event: Event) => { context.toggle(key, event); }}
    />
    <button
      class="open"
      aria-label=${localize("torrent_actions", { name: torrent.name })}
      @click=${() => { context.open(key); }}
    >
      ${body}
    </button>
  </div>`;
}
