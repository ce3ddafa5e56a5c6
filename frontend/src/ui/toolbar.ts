/** The top of the card: server switcher and speeds, state chips, search, category, tag and sort. */
import { html, nothing, type TemplateResult } from "lit";
import type { Formatter } from "../format.js";
import type { Localize } from "../localize.js";
import { STATE_FILTERS, type FleetServer, type StateFilter } from "../protocol.js";
import { SORT_KEYS, type SortKey, type TorrentQuery } from "../query.js";
import { ICONS } from "./icons.js";

export interface HeaderProps {
  localize: Localize;
  format: Formatter;
  title: string | undefined;
  /** What the card shows: "All servers", or the server's name. */
  label: string;
  /** The one server shown, for its health and response time; none in the all view. */
  shown: FleetServer | undefined;
  download: number;
  upload: number;
  chooseServer: () => void;
  addTorrent: () => void;
}

export function header(props: HeaderProps): TemplateResult {
  const { localize, format, shown } = props;
  return html`<div class="header">
    ${props.title ? html`<span class="title">${props.title}</span>` : nothing}
    <button
      class="switcher"
      aria-haspopup="dialog"
      title=${localize("choose_view")}
      data-testid="server-switcher"
      @click=${props.chooseServer}
    >
      ${shown
        ? html`<span
            class="dot ${shown.health ?? ""}"
            role="img"
            aria-label=${localize(`health_${shown.health ?? "unknown"}` as const)}
          ></span>`
        : nothing}
      <span class="name">${props.label}</span>
      ${shown?.response_time_ms != null
        ? html`<span class="muted" title=${localize("response_time")}
            >${format.millis(shown.response_time_ms)}</span
          >`
        : nothing}
      ${ICONS.dropdown}
    </button>
    <span class="speeds" data-testid="speeds">
      <span title=${localize("download_speed")}>${ICONS.download}${format.speed(props.download)}</span>
      <span title=${localize("upload_speed")}>${ICONS.upload}${format.speed(props.upload)}</span>
    </span>
    <button
      class="icon-button primary"
      aria-label=${localize("add_torrent")}
      title=${localize("add_torrent")}
      data-testid="add-torrent"
      @click=${props.addTorrent}
    >
      ${ICONS.add}
    </button>
  </div>`;
}

export interface FilterProps {
  localize: Localize;
  format: Formatter;
  query: TorrentQuery;
  count: (filter: StateFilter) => number;
  categories: readonly string[];
  tags: readonly string[];
  change: (change: Partial<TorrentQuery>) => void;
}

/** The state chips, each with how many torrents it counts. */
export function stateChips(props: FilterProps): TemplateResult {
  const { localize, format, query } = props;
  return html`<div class="chips" role="group" aria-label=${localize("state_filters")}>
    ${STATE_FILTERS.map(
      (filter) => html`<button
        class="chip"
        aria-pressed=${query.state === filter ? "true" : "false"}
        data-testid="state-chip"
        data-filter=${filter}
        @click=${() => {
          props.change({ state: filter });
        }}
      >
        <span>${localize(filter === "all" ? "filter_all" : `state_${filter}`)}</span>
        <span class="count" data-testid="chip-count">${format.number(props.count(filter))}</span>
      </button>`,
    )}
  </div>`;
}

// A select's value for a category or tag filter: "*" is any, "=" followed by
// the name is that one, and "=" alone is none.
const choiceOf = (value: string | null): string => (value === null ? "*" : `=${value}`);
const parseChoice = (value: string): string | null => (value === "*" ? null : value.slice(1));

function nameFilter(
  props: FilterProps,
  option: "category" | "tag",
  names: readonly string[],
): TemplateResult {
  const { localize } = props;
  const current = props.query[option];
  const shown = current && !names.includes(current) ? [...names, current] : names;
  return html`<select
    aria-label=${localize(option)}
    data-testid=${`${option}-filter`}
    data-value=${choiceOf(current)}
    @change=${(event: Event) => {
      props.change({ [option]: parseChoice((event.target as HTMLSelectElement).value) });
    }}
  >
    <option value="*" .selected=${current === null}>
      ${localize(option === "category" ? "any_category" : "any_tag")}
    </option>
    <option value="=" .selected=${current === ""}>
      ${localize(option === "category" ? "no_category" : "no_tag")}
    </option>
    ${shown.map(
      (name) => html`<option value=${choiceOf(name)} .selected=${current === name}>${name}</option>`,
    )}
  </select>`;
}

/** Search by name, category, tag and sort. */
export function filterControls(props: FilterProps): TemplateResult {
  const { localize, query } = props;
  return html`<div class="controls">
    <label class="search">
      ${ICONS.search}
      <input
        type="search"
        placeholder=${localize("search")}
        aria-label=${localize("search")}
        data-testid="search"
        .value=${query.search}
        @input=${(event: Event) => {
          props.change({ search: (event.target as HTMLInputElement).value });
        }}
      />
    </label>
    ${nameFilter(props, "category", props.categories)} ${nameFilter(props, "tag", props.tags)}
    <span class="sort">
      <select
        aria-label=${localize("sort_by")}
        data-testid="sort"
        data-value=${query.sortBy}
        @change=${(event: Event) => {
          props.change({ sortBy: (event.target as HTMLSelectElement).value as SortKey });
        }}
      >
        ${SORT_KEYS.map(
          (key) =>
            html`<option value=${key} .selected=${query.sortBy === key}>${localize(`sort_${key}`)}</option>`,
        )}
      </select>
      <button
        class="icon-button"
        aria-label=${localize(query.descending ? "descending" : "ascending")}
        title=${localize(query.descending ? "descending" : "ascending")}
        data-testid="sort-direction"
        @click=${() => {
          props.change({ descending: !query.descending });
        }}
      >
        ${query.descending ? ICONS.descending : ICONS.ascending}
      </button>
    </span>
  </div>`;
}
