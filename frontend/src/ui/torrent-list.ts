/** The list: a header with the selection and bulk actions, then only the rows in view. */
import { html, nothing, type TemplateResult } from "lit";
import { repeat } from "lit/directives/repeat.js";
import type { Formatter } from "../format.js";
import type { Localize } from "../localize.js";
import type { Torrent } from "../protocol.js";
import { keyOf } from "../store.js";
import { actionButtons, type TorrentDialogAction } from "./dialogs.js";
import { ICONS } from "./icons.js";
import { torrentRow, type RowContext } from "./row.js";

/** Rows rendered above and below the visible ones, so a fast scroll shows no gap. */
export const OVERSCAN = 6;

export interface ListHeaderProps {
  localize: Localize;
  format: Formatter;
  shown: number;
  selected: number;
  allSelected: boolean;
  busy: boolean;
  toggleAll: () => void;
  act: (action: TorrentDialogAction) => void;
  clearSelection: () => void;
}

export function listHeader(props: ListHeaderProps): TemplateResult {
  const { localize, format, selected } = props;
  return html`<div class="list-header">
    <input
      type="checkbox"
      class="checkbox"
      aria-label=${localize("select_all")}
      data-testid="select-all"
      .checked=${props.allSelected}
      .indeterminate=${selected > 0 && !props.allSelected}
      ?disabled=${props.shown === 0}
      @change=${props.toggleAll}
    />
    <span data-testid="list-count">
      ${selected > 0
        ? localize("selected", { count: format.number(selected) })
        : localize("shown_count", { count: format.number(props.shown) })}
    </span>
    ${selected > 0
      ? html`<span class="bulk" role="toolbar" data-testid="bulk-actions">
          ${actionButtons(localize, props.busy, props.act, "icon-button")}
          <button
            class="icon-button"
            aria-label=${localize("clear_selection")}
            title=${localize("clear_selection")}
            @click=${props.clearSelection}
          >
            ${ICONS.close}
          </button>
        </span>`
      : nothing}
  </div>`;
}

export interface ListProps {
  localize: Localize;
  rows: readonly Torrent[];
  /** What to say instead of rows (loading, no torrents, …), or null to show them. */
  empty: string | null;
  /** Rows the list is tall. */
  visible: number;
  rowHeight: number;
  /** The first row in view. */
  firstRow: number;
  row: RowContext;
  onScroll: (event: Event) => void;
}

/**
 * A scrolling list as tall as every row would be, holding only the rows in
 * view and a few more: fixed row heights place them without measuring.
 */
export function torrentList(props: ListProps): TemplateResult {
  const { rows, rowHeight } = props;
  const height = props.visible * rowHeight;
  if (props.empty !== null) {
    return html`<div class="list" style="height:${height}px" data-testid="torrent-list">
      <div class="empty" data-testid="empty">${props.empty}</div>
    </div>`;
  }
  const start = Math.max(0, props.firstRow - OVERSCAN);
  const end = Math.min(rows.length, props.firstRow + props.visible + OVERSCAN);
  return html`<div
    class="list"
    style="height:${height}px"
    role="list"
    tabindex="0"
    aria-label=${props.localize("torrents")}
    data-testid="torrent-list"
    @scroll=${props.onScroll}
  >
    <div class="spacer" style="height:${rows.length * rowHeight}px">
      <div class="window" style="transform:translateY(${start * rowHeight}px)">
        ${repeat(
          rows.slice(start, end),
          keyOf,
          (torrent, index) => torrentRow(torrent, keyOf(torrent), start + index + 1, props.row),
        )}
      </div>
    </div>
  </div>`;
}
