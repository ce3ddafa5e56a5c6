/** The card's visual editor: server (by name), initial filters, columns, layout, rows, sort. */
import { css, html, LitElement, nothing, type PropertyValues, type TemplateResult } from "lit";
import {
  COLUMNS,
  DEFAULT_COLUMNS,
  DEFAULT_ROWS,
  MAX_ROWS,
  MIN_ROWS,
  parseConfig,
  type CardConfig,
  type Column,
} from "./config.js";
import type { HomeAssistant } from "./hass.js";
import { LiveData } from "./live.js";
import { localizer, type Localize, type StringKey } from "./localize.js";
import { STATE_FILTERS } from "./protocol.js";
import { SORT_KEYS } from "./query.js";
import { syncSelects } from "./ui/selects.js";
import { cardStyles } from "./ui/styles.js";

const COLUMN_LABELS: Record<Column, StringKey> = {
  state: "state",
  progress: "progress",
  size: "size",
  download_speed: "download_speed",
  upload_speed: "upload_speed",
  eta: "eta",
  ratio: "ratio",
  category: "category",
  tags: "tags",
  added_on: "added_on",
};

/** The value each option takes when left out: the editor does not store it. */
const DEFAULTS: Record<string, unknown> = {
  server: "active",
  state: "all",
  compact: false,
  rows: DEFAULT_ROWS,
  sort_by: "name",
  sort_descending: false,
  title: "",
  category: "",
  tag: "",
};

export class QbittorrentMultiCardEditor extends LitElement {
  static override styles = [
    cardStyles,
    css`
      .editor {
        display: flex;
        flex-direction: column;
        gap: 16px;
      }
      .pair {
        display: grid;
        grid-template-columns: 1fr 1fr;
        gap: 12px;
      }
      fieldset {
        border: 1px solid var(--divider-color, #e0e0e0);
        border-radius: 8px;
        display: flex;
        flex-wrap: wrap;
        gap: 4px 16px;
        padding: 8px 12px;
        margin: 0;
      }
      legend {
        font-size: 0.875rem;
        padding: 0 4px;
      }
      .field select,
      .field input {
        width: 100%;
      }
    `,
  ];

  private _hass: HomeAssistant | undefined;
  private raw: Record<string, unknown> = {};
  private config: CardConfig | undefined;
  private readonly live = new LiveData(this, undefined, false);
  private localize: Localize = localizer("en");

  set hass(hass: HomeAssistant) {
    const changed = this._hass?.locale.language !== hass.locale.language;
    this._hass = hass;
    this.localize = localizer(hass.locale.language);
    this.live.setHass(hass);
    if (changed) this.requestUpdate();
  }

  setConfig(config: Record<string, unknown>): void {
    this.raw = { ...config };
    this.config = parseConfig(this.raw, this.localize);
    this.requestUpdate();
  }

  /** Stores one option, leaving it out when it has its default value, and tells the dashboard. */
  private set(option: string, value: unknown): void {
    const isDefault =
      option === "columns"
        ? JSON.stringify(value) === JSON.stringify(DEFAULT_COLUMNS)
        : value === DEFAULTS[option] || value === undefined;
    const next = Object.fromEntries(Object.entries(this.raw).filter(([key]) => key !== option));
    if (!isDefault) next[option] = value;
    this.raw = next;
    this.config = parseConfig(next, this.localize);
    this.dispatchEvent(
      new CustomEvent("config-changed", { detail: { config: next }, bubbles: true, composed: true }),
    );
    this.requestUpdate();
  }

  private select(
    option: string,
    label: StringKey,
    current: string,
    choices: readonly (readonly [string, string])[],
  ): TemplateResult {
    return html`<label class="field">
      ${this.localize(label)}
      <select
        name=${option}
        data-value=${current}
        @change=${(event: Event) => { this.set(option, (event.target as HTMLSelectElement).value); }}
      >
        ${choices.map(
          ([value, text]) => html`<option value=${value} .selected=${value === current}>${text}</option>`,
        )}
      </select>
    </label>`;
  }

  private text(option: string, label: StringKey, current: string | undefined): TemplateResult {
    return html`<label class="field">
      ${this.localize(label)}
      <input
        name=${option}
        .value=${current ?? ""}
        @change=${(event: Event) => { this.set(option, (event.target as HTMLInputElement).value.trim()); }}
      />
    </label>`;
  }

  private flag(option: string, label: StringKey, current: boolean): TemplateResult {
    return html`<label class="toggle">
      <input
        type="checkbox"
        class="checkbox"
        name=${option}
        .checked=${current}
        @change=${(event: Event) => { this.set(option, (event.target as HTMLInputElement).checked); }}
      />${this.localize(label)}
    </label>`;
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    syncSelects(this.renderRoot);
  }

  protected override render(): TemplateResult | typeof nothing {
    const config = this.config;
    if (config === undefined) return nothing;
    const localize = this.localize;
    const servers: [string, string][] = [
      ["active", localize("active_server")],
      ["all", localize("all_servers")],
      ...this.live.fleet.servers.map((server): [string, string] => [server.entry_id, server.name]),
    ];
    // A server the fleet does not (yet) list stays selectable under its id.
    if (!servers.some(([value]) => value === config.server)) servers.push([config.server, config.server]);
    const toggleColumn = (column: Column, on: boolean): void => {
      // The configuration of now, not of the last render: toggles may come faster.
      const chosen = new Set(this.config?.columns ?? config.columns);
      if (on) chosen.add(column);
      else chosen.delete(column);
      this.set(
        "columns",
        COLUMNS.filter((known) => chosen.has(known)),
      );
    };
    return html`<div class="editor">
      ${this.select("server", "editor_server", config.server, servers)}
      ${this.text("title", "editor_title", config.title)}
      <div class="pair">
        ${this.select(
          "state",
          "editor_state",
          config.state,
          STATE_FILTERS.map((filter) => [
            filter,
            localize(filter === "all" ? "filter_all" : `state_${filter}`),
          ]),
        )}
        <label class="field">
          ${localize("editor_rows")}
          <input
            type="number"
            name="rows"
            min=${MIN_ROWS}
            max=${MAX_ROWS}
            step="1"
            .value=${String(config.rows)}
            @change=${(event: Event) => {
              const rows = Math.round(Number((event.target as HTMLInputElement).value));
              this.set("rows", Math.min(MAX_ROWS, Math.max(MIN_ROWS, rows || DEFAULT_ROWS)));
            }}
          />
        </label>
      </div>
      <div class="pair">
        ${this.text("category", "editor_category", config.category)}
        ${this.text("tag", "editor_tag", config.tag)}
      </div>
      <div class="pair">
        ${this.select(
          "sort_by",
          "editor_sort",
          config.sort_by,
          SORT_KEYS.map((key) => [key, localize(`sort_${key}`)]),
        )}
        ${this.flag("sort_descending", "editor_descending", config.sort_descending)}
      </div>
      ${this.flag("compact", "editor_compact", config.compact)}
      <fieldset>
        <legend>${localize("editor_columns")}</legend>
        ${COLUMNS.map(
          (column) => html`<label class="toggle">
            <input
              type="checkbox"
              class="checkbox"
              name="column"
              value=${column}
              .checked=${config.columns.includes(column)}
              @change=${(event: Event) => { toggleColumn(column, (event.target as HTMLInputElement).checked); }}
            />${localize(COLUMN_LABELS[column])}
          </label>`,
        )}
      </fieldset>
    </div>`;
  }
}
