/** The torrent card: every server's torrents, live, with controls. */
import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from "lit";
import { repeat } from "lit/directives/repeat.js";
import {
  addTorrents,
  changeTags,
  deleteTorrents,
  parseList,
  runCommand,
  setCategory,
  switchServer,
  type TorrentRef,
} from "./actions.js";
import { CARD_TYPE, EDITOR_TYPE, parseConfig, type CardConfig } from "./config.js";
import { Formatter } from "./format.js";
import { errorMessage, type HomeAssistant } from "./hass.js";
import { LiveData, type FrameScheduler } from "./live.js";
import { localizer, type Localize } from "./localize.js";
import { STATE_FILTERS, type ServerChoice, type StateFilter, type Torrent } from "./protocol.js";
import { DEFAULT_QUERY, SORT_KEYS, TorrentList, type SortKey, type TorrentQuery } from "./query.js";
import { keyOf } from "./store.js";
import {
  actionButtons,
  addDialog,
  categoryDialog,
  deleteDialog,
  serversDialog,
  tagsDialog,
  torrentDialog,
  type AddFormValues,
  type DialogContext,
  type DialogState,
  type TorrentDialogAction,
} from "./ui/dialogs.js";
import { ICONS } from "./ui/icons.js";
import { syncSelects } from "./ui/selects.js";
import { torrentRow, type RowContext } from "./ui/row.js";
import { cardStyles, COMPACT_ROW_HEIGHT, ROW_HEIGHT } from "./ui/styles.js";

/** Rows rendered above and below the visible ones, so a fast scroll shows no gap. */
export const OVERSCAN = 6;

/** The language of the page, for texts needed before `hass` arrives. */
function pageLanguage(): string {
  return document.documentElement.lang || "en";
}

function sortedUnion(lists: Iterable<readonly string[]>): string[] {
  const values = new Set<string>();
  for (const list of lists) for (const value of list) values.add(value);
  return [...values].sort((a, b) => a.localeCompare(b));
}

export class QbittorrentMultiCard extends LitElement {
  static override styles = cardStyles;

  /** Replaced in tests and benchmarks that render without waiting for a frame. */
  static frameScheduler: FrameScheduler | undefined;

  private _hass: HomeAssistant | undefined;
  private config: CardConfig | undefined;
  private readonly live = new LiveData(this, QbittorrentMultiCard.frameScheduler);
  private readonly list = new TorrentList(this.live.torrents);
  private query: TorrentQuery = DEFAULT_QUERY;
  private queryChanged = true;
  private view: ServerChoice = "active";
  private readonly selection = new Set<string>();
  private dialog: DialogState | null = null;
  private dialogError: string | null = null;
  private actionError: string | null = null;
  private busy = false;
  private firstRow = 0;
  private language = "";
  private localize: Localize = localizer(pageLanguage());
  private format = new Formatter({ language: "en" });

  static getConfigElement(): HTMLElement {
    return document.createElement(EDITOR_TYPE);
  }

  static getStubConfig(): Record<string, unknown> {
    return { server: "active" };
  }

  /** Checks the configuration; a bad one throws, and the dashboard shows why. */
  setConfig(config: unknown): void {
    const parsed = parseConfig(config, localizer(this._hass?.locale.language ?? pageLanguage()));
    const serverChanged = this.config?.server !== parsed.server;
    this.config = parsed;
    this.query = {
      state: parsed.state,
      category: parsed.category ?? null,
      tag: parsed.tag ?? null,
      search: this.query.search,
      sortBy: parsed.sort_by,
      descending: parsed.sort_descending,
    };
    this.queryChanged = true;
    if (serverChanged) this.show(parsed.server);
    this.requestUpdate();
  }

  set hass(hass: HomeAssistant) {
    const first = this._hass === undefined;
    this._hass = hass;
    const language = hass.locale.language;
    const formatChanged =
      language !== this.language ||
      hass.locale.number_format !== this.format.formatLocale.number_format;
    if (formatChanged) {
      this.language = language;
      this.localize = localizer(language);
      this.format = new Formatter(hass.locale);
      this.queryChanged = true;
    }
    this.live.setHass(hass);
    // Home Assistant sets hass on every state change anywhere: the card
    // renders from its own subscriptions, not from hass.
    if (first || formatChanged) this.requestUpdate();
  }

  private get rowHeight(): number {
    return this.config?.compact ? COMPACT_ROW_HEIGHT : ROW_HEIGHT;
  }

  /** The card's height in units of 50 px, for masonry dashboards. */
  getCardSize(): number {
    const rows = this.config?.rows ?? 8;
    return Math.ceil((170 + rows * this.rowHeight) / 50);
  }

  /** Sections dashboards: full width by default, as tall as its rows make it. */
  getGridOptions(): { columns: number; min_columns: number; rows: "auto" } {
    return { columns: 12, min_columns: 6, rows: "auto" };
  }

  private show(view: ServerChoice): void {
    this.view = view;
    this.selection.clear();
    this.firstRow = 0;
    this.live.setServer(view);
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    const change = this.live.takeChanges();
    if (this.queryChanged) {
      this.list.setQuery(this.query, this.language || "en");
      this.queryChanged = false;
    } else if (!change.empty) {
      this.list.update(change);
    }
    if (change.reset) this.selection.clear();
    for (const key of change.removed) this.selection.delete(key);
    const last = Math.max(0, this.list.rows.length - (this.config?.rows ?? 0));
    if (this.firstRow > last) this.firstRow = last;
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    syncSelects(this.renderRoot);
    const dialog = this.renderRoot.querySelector("dialog");
    if (dialog === null) return;
    if (this.dialog !== null && !dialog.open) dialog.showModal();
    else if (this.dialog === null && dialog.open) dialog.close();
  }

  protected override render(): TemplateResult | typeof nothing {
    if (this.config === undefined) return nothing;
    return html`<ha-card>
      ${this.renderHeader()} ${this.renderChips()} ${this.renderControls()} ${this.renderAlerts()}
      ${this.renderListHeader()} ${this.renderList()}
      <dialog
        aria-labelledby="dialog-title"
        data-testid="dialog"
        data-kind=${this.dialog?.kind ?? ""}
        @close=${this.onDialogClosed}
        @cancel=${this.onDialogCancel}
      >
        ${this.renderDialog()}
      </dialog>
    </ha-card>`;
  }

  // Header: the server switcher, the speeds, the add button.

  private viewServerIds(): string[] {
    const fleet = this.live.fleet;
    if (this.view === "all") return fleet.servers.map((server) => server.entry_id);
    const id = this.view === "active" ? (fleet.activeEntryId ?? this.live.torrents.activeEntryId) : this.view;
    return id === null ? [] : [id];
  }

  private serverName(entryId: string): string {
    return (
      this.live.torrents.servers.get(entryId)?.name ??
      this.live.fleet.server(entryId)?.name ??
      entryId
    );
  }

  private renderHeader(): TemplateResult {
    const { localize, format } = this;
    const fleet = this.live.fleet;
    const ids = this.viewServerIds();
    const servers = ids.map((id) => fleet.server(id)).filter((server) => server !== undefined);
    const down = servers.reduce((sum, server) => sum + server.download_speed, 0);
    const up = servers.reduce((sum, server) => sum + server.upload_speed, 0);
    const shown = this.view === "all" ? undefined : servers[0];
    const label =
      this.view === "all"
        ? localize("all_servers")
        : ids[0] !== undefined
          ? this.serverName(ids[0])
          : localize("active_server");
    return html`<div class="header">
      ${this.config?.title ? html`<span class="title">${this.config.title}</span>` : nothing}
      <button
        class="switcher"
        aria-haspopup="dialog"
        title=${localize("choose_view")}
        data-testid="server-switcher"
        @click=${() => { this.openDialog({ kind: "servers" }); }}
      >
        ${shown
          ? html`<span
              class="dot ${shown.health ?? ""}"
              role="img"
              aria-label=${localize(`health_${shown.health ?? "unknown"}` as const)}
            ></span>`
          : nothing}
        <span class="name">${label}</span>
        ${shown?.response_time_ms != null
          ? html`<span class="muted" title=${localize("response_time")}
              >${format.millis(shown.response_time_ms)}</span
            >`
          : nothing}
        ${ICONS.dropdown}
      </button>
      <span class="speeds" data-testid="speeds">
        <span title=${localize("download_speed")}>${ICONS.download}${format.speed(down)}</span>
        <span title=${localize("upload_speed")}>${ICONS.upload}${format.speed(up)}</span>
      </span>
      <button
        class="icon-button primary"
        aria-label=${localize("add_torrent")}
        title=${localize("add_torrent")}
        data-testid="add-torrent"
        @click=${() => { this.openDialog({ kind: "add" }); }}
      >
        ${ICONS.add}
      </button>
    </div>`;
  }

  // Filters: state chips with counts, search, category, tag, sort.

  private setQuery(change: Partial<TorrentQuery>): void {
    this.query = { ...this.query, ...change };
    this.queryChanged = true;
    this.firstRow = 0;
    const list = this.renderRoot.querySelector(".list");
    if (list !== null) list.scrollTop = 0;
    this.requestUpdate();
  }

  private renderChips(): TemplateResult {
    const store = this.live.torrents;
    return html`<div class="chips" role="group" aria-label=${this.localize("state_filters")}>
      ${STATE_FILTERS.map(
        (filter: StateFilter) => html`<button
          class="chip"
          aria-pressed=${this.query.state === filter ? "true" : "false"}
          data-testid="state-chip"
          data-filter=${filter}
          @click=${() => { this.setQuery({ state: filter }); }}
        >
          <span>${this.localize(filter === "all" ? "filter_all" : `state_${filter}`)}</span>
          <span class="count" data-testid="chip-count">${this.format.number(store.count(filter))}</span>
        </button>`,
      )}
    </div>`;
  }

  private renderControls(): TemplateResult {
    const { localize, query } = this;
    const servers = [...this.live.torrents.servers.values()];
    const categories = sortedUnion(servers.map((server) => server.categories));
    const tags = sortedUnion(servers.map((server) => server.tags));
    if (query.category && !categories.includes(query.category)) categories.push(query.category);
    if (query.tag && !tags.includes(query.tag)) tags.push(query.tag);
    // "*" is any; "=" followed by the name is that one ("=" alone: none).
    const choice = (value: string | null): string => (value === null ? "*" : `=${value}`);
    const parse = (value: string): string | null => (value === "*" ? null : value.slice(1));
    return html`<div class="controls">
      <label class="search">
        ${ICONS.search}
        <input
          type="search"
          placeholder=${localize("search")}
          aria-label=${localize("search")}
          data-testid="search"
          .value=${query.search}
          @input=${(event: Event) => { this.setQuery({ search: (event.target as HTMLInputElement).value }); }}
        />
      </label>
      <select
        aria-label=${localize("category")}
        data-testid="category-filter"
        data-value=${choice(query.category)}
        @change=${(event: Event) => { this.setQuery({ category: parse((event.target as HTMLSelectElement).value) }); }}
      >
        <option value="*" .selected=${query.category === null}>${localize("any_category")}</option>
        <option value="=" .selected=${query.category === ""}>${localize("no_category")}</option>
        ${categories.map(
          (category) =>
            html`<option value=${choice(category)} .selected=${query.category === category}>
              ${category}
            </option>`,
        )}
      </select>
      <select
        aria-label=${localize("tag")}
        data-testid="tag-filter"
        data-value=${choice(query.tag)}
        @change=${(event: Event) => { this.setQuery({ tag: parse((event.target as HTMLSelectElement).value) }); }}
      >
        <option value="*" .selected=${query.tag === null}>${localize("any_tag")}</option>
        <option value="=" .selected=${query.tag === ""}>${localize("no_tag")}</option>
        ${tags.map(
          (tag) => html`<option value=${choice(tag)} .selected=${query.tag === tag}>${tag}</option>`,
        )}
      </select>
      <span class="sort">
        <select
          aria-label=${localize("sort_by")}
          data-testid="sort"
          data-value=${query.sortBy}
          @change=${(event: Event) => { this.setQuery({ sortBy: (event.target as HTMLSelectElement).value as SortKey }); }}
        >
          ${SORT_KEYS.map(
            (key) =>
              html`<option value=${key} .selected=${query.sortBy === key}>
                ${localize(`sort_${key}`)}
              </option>`,
          )}
        </select>
        <button
          class="icon-button"
          aria-label=${localize(query.descending ? "descending" : "ascending")}
          title=${localize(query.descending ? "descending" : "ascending")}
          data-testid="sort-direction"
          @click=${() => { this.setQuery({ descending: !query.descending }); }}
        >
          ${query.descending ? ICONS.descending : ICONS.ascending}
        </button>
      </span>
    </div>`;
  }

  private renderAlerts(): TemplateResult {
    const alerts: TemplateResult[] = [];
    if (this.live.error !== null) {
      alerts.push(
        html`<div class="alert" role="alert" data-testid="subscribe-error">
          <span>${this.localize("subscribe_failed", { error: this.live.error })}</span>
        </div>`,
      );
    }
    for (const server of this.live.torrents.servers.values()) {
      if (server.available) continue;
      const text =
        server.error === null
          ? this.localize("server_unavailable", { server: server.name })
          : this.localize("server_unavailable_because", { server: server.name, error: server.error });
      alerts.push(
        html`<div class="alert warning" role="status" data-testid="server-down" data-server=${server.entry_id}>
          <span>${text}</span>
        </div>`,
      );
    }
    if (this.actionError !== null) {
      alerts.push(
        html`<div class="alert" role="alert" data-testid="action-error">
          <span>${this.actionError}</span>
          <button
            class="icon-button"
            aria-label=${this.localize("dismiss")}
            @click=${() => {
              this.actionError = null;
              this.requestUpdate();
            }}
          >
            ${ICONS.close}
          </button>
        </div>`,
      );
    }
    return html`${alerts}`;
  }

  // The list: a header with the selection and bulk actions, then the visible rows.

  private selectedTorrents(): Torrent[] {
    const torrents: Torrent[] = [];
    for (const key of this.selection) {
      const torrent = this.live.torrents.torrents.get(key);
      if (torrent !== undefined) torrents.push(torrent);
    }
    return torrents;
  }

  private renderListHeader(): TemplateResult {
    const rows = this.list.rows;
    const selected = this.selection.size;
    const all = selected > 0 && rows.every((torrent) => this.selection.has(keyOf(torrent)));
    const toggleAll = (): void => {
      if (all) this.selection.clear();
      else for (const torrent of rows) this.selection.add(keyOf(torrent));
      this.requestUpdate();
    };
    return html`<div class="list-header">
      <input
        type="checkbox"
        class="checkbox"
        aria-label=${this.localize("select_all")}
        data-testid="select-all"
        .checked=${all}
        .indeterminate=${selected > 0 && !all}
        ?disabled=${rows.length === 0}
        @change=${toggleAll}
      />
      <span data-testid="list-count">
        ${selected > 0
          ? this.localize("selected", { count: this.format.number(selected) })
          : this.localize("shown_count", { count: this.format.number(rows.length) })}
      </span>
      ${selected > 0
        ? html`<span class="bulk" role="toolbar" data-testid="bulk-actions">
            ${actionButtons(
              this.localize,
              this.busy,
              (action) => { this.act(action, this.selectedTorrents()); },
              "icon-button",
            )}
            <button
              class="icon-button"
              aria-label=${this.localize("clear_selection")}
              title=${this.localize("clear_selection")}
              @click=${() => {
                this.selection.clear();
                this.requestUpdate();
              }}
            >
              ${ICONS.close}
            </button>
          </span>`
        : nothing}
    </div>`;
  }

  private onScroll = (event: Event): void => {
    const first = Math.floor((event.target as HTMLElement).scrollTop / this.rowHeight);
    if (first !== this.firstRow) {
      this.firstRow = first;
      this.requestUpdate();
    }
  };

  private renderList(): TemplateResult {
    const config = this.config;
    if (config === undefined) return html``;
    const height = config.rows * this.rowHeight;
    const store = this.live.torrents;
    const rows = this.list.rows;
    let empty: string | null = null;
    if (!store.loaded) empty = this.live.error === null ? this.localize("loading") : "";
    else if (store.view === "active" && store.activeEntryId === null)
      empty = this.localize("no_active_server");
    else if (store.torrents.size === 0) empty = this.localize("no_torrents");
    else if (rows.length === 0) empty = this.localize("no_match");
    if (empty !== null) {
      return html`<div class="list" style="height:${height}px" data-testid="torrent-list">
        <div class="empty" data-testid="empty">${empty}</div>
      </div>`;
    }
    const start = Math.max(0, this.firstRow - OVERSCAN);
    const end = Math.min(rows.length, this.firstRow + config.rows + OVERSCAN);
    const context = this.rowContext(config);
    return html`<div
      class="list"
      style="height:${height}px"
      role="list"
      tabindex="0"
      aria-label=${this.localize("torrents")}
      data-testid="torrent-list"
      @scroll=${this.onScroll}
    >
      <div class="spacer" style="height:${rows.length * this.rowHeight}px">
        <div class="window" style="transform:translateY(${start * this.rowHeight}px)">
          ${repeat(
            rows.slice(start, end),
            keyOf,
            (torrent, index) => torrentRow(torrent, keyOf(torrent), start + index + 1, context),
          )}
        </div>
      </div>
    </div>`;
  }

  private rowContext(config: CardConfig): RowContext {
    const context: RowContext = {
      localize: this.localize,
      format: this.format,
      columns: config.columns,
      compact: config.compact,
      selected: (key) => this.selection.has(key),
      toggle: (key, event) => {
        if ((event.target as HTMLInputElement).checked) this.selection.add(key);
        else this.selection.delete(key);
        this.requestUpdate();
      },
      open: (key) => { this.openDialog({ kind: "torrent", key }); },
    };
    if (this.view === "all") {
      const servers = this.live.torrents.servers;
      context.server = (entryId) => ({
        name: this.serverName(entryId),
        color: this.live.fleet.color(entryId, servers.get(entryId)?.color ?? null),
      });
    }
    return context;
  }

  // Dialogs and actions.

  private openDialog(dialog: DialogState): void {
    this.dialog = dialog;
    this.dialogError = null;
    this.requestUpdate();
  }

  private closeDialog = (): void => {
    if (this.busy) return;
    this.dialog = null;
    this.dialogError = null;
    this.requestUpdate();
  };

  private onDialogClosed = (): void => {
    if (this.dialog !== null) {
      this.dialog = null;
      this.dialogError = null;
      this.requestUpdate();
    }
  };

  private onDialogCancel = (event: Event): void => {
    // Escape closes a dialog, except while its action runs.
    if (this.busy) event.preventDefault();
  };

  /** Runs an action; its error shows in the open dialog, or in the card. */
  private async perform(run: (hass: HomeAssistant) => Promise<void>, done?: () => void): Promise<void> {
    const hass = this._hass;
    if (hass === undefined || this.busy) return;
    this.busy = true;
    this.dialogError = null;
    this.actionError = null;
    this.requestUpdate();
    try {
      await run(hass);
      this.dialog = null;
      done?.();
    } catch (error) {
      if (this.dialog !== null) this.dialogError = errorMessage(error);
      else this.actionError = errorMessage(error);
    } finally {
      this.busy = false;
      this.requestUpdate();
    }
  }

  private act(action: TorrentDialogAction, torrents: Torrent[]): void {
    if (torrents.length === 0) return;
    const targets: TorrentRef[] = torrents.map(({ entry_id, hash }) => ({ entry_id, hash }));
    switch (action) {
      case "start":
      case "stop":
      case "recheck":
      case "reannounce":
        void this.perform((hass) => runCommand(hass, action, targets));
        return;
      case "category":
        this.openDialog({ kind: "category", targets });
        return;
      case "add_tags":
      case "remove_tags":
        this.openDialog({ kind: "tags", targets, remove: action === "remove_tags" });
        return;
      case "delete":
      case "delete_with_files":
        this.openDialog({
          kind: "delete",
          targets,
          names: torrents.map((torrent) => torrent.name),
          deleteFiles: action === "delete_with_files",
        });
        return;
    }
  }

  private chooseServer(choice: string): void {
    if (choice === "all") {
      this.dialog = null;
      this.show("all");
      this.requestUpdate();
      return;
    }
    void this.perform(
      async (hass) => {
        if (this.live.fleet.activeEntryId !== choice) await switchServer(hass, choice);
      },
      () => {
        if (this.view !== "active") this.show("active");
      },
    );
  }

  private dialogContext(): DialogContext {
    return {
      localize: this.localize,
      format: this.format,
      busy: this.busy,
      error: this.dialogError,
      close: this.closeDialog,
    };
  }

  private renderDialog(): TemplateResult | typeof nothing {
    const dialog = this.dialog;
    if (dialog === null) return nothing;
    const context = this.dialogContext();
    const servers = [...this.live.torrents.servers.values()];
    switch (dialog.kind) {
      case "servers": {
        const active = this.live.fleet.activeEntryId;
        return serversDialog(
          context,
          this.view === "all",
          this.live.fleet.servers.map((server) => ({
            server,
            current: this.view === "active" ? server.entry_id === active : server.entry_id === this.view,
          })),
          (choice) => { this.chooseServer(choice); },
        );
      }
      case "torrent": {
        const torrent = this.live.torrents.torrents.get(dialog.key);
        return torrentDialog(
          context,
          torrent,
          torrent ? this.serverName(torrent.entry_id) : "",
          (action) => {
            if (torrent !== undefined) this.act(action, [torrent]);
          },
        );
      }
      case "delete":
        return deleteDialog(context, dialog, () => {
          void this.perform(
            (hass) => deleteTorrents(hass, dialog.targets, dialog.deleteFiles),
            () => {
              for (const target of dialog.targets) {
                this.selection.delete(`${target.entry_id} ${target.hash}`);
              }
            },
          );
        });
      case "category":
        return categoryDialog(
          context,
          sortedUnion(servers.map((server) => server.categories)),
          (category) => void this.perform((hass) => setCategory(hass, dialog.targets, category)),
        );
      case "tags":
        return tagsDialog(context, dialog.remove, sortedUnion(servers.map((server) => server.tags)), (text) => {
          const tags = parseList(text);
          if (tags.length === 0) {
            this.dialogError = this.localize("tags_required");
            this.requestUpdate();
            return;
          }
          void this.perform((hass) => changeTags(hass, dialog.targets, tags, dialog.remove));
        });
      case "add":
        return this.renderAddDialog(context, servers);
    }
  }

  private renderAddDialog(
    context: DialogContext,
    servers: { entry_id: string; categories: string[]; tags: string[] }[],
  ): TemplateResult {
    const fleet = this.live.fleet;
    const choices = fleet.servers.length
      ? fleet.servers.filter((server) => server.loaded)
      : [...this.live.torrents.servers.values()];
    const preferred =
      this.view === "active" || this.view === "all"
        ? (fleet.activeEntryId ?? this.live.torrents.activeEntryId ?? choices[0]?.entry_id ?? "")
        : this.view;
    return addDialog(
      context,
      choices,
      preferred,
      sortedUnion(servers.map((server) => server.categories)),
      sortedUnion(servers.map((server) => server.tags)),
      (values: AddFormValues) => {
        const urls = parseList(values.links, /\s*\n\s*/);
        if (urls.length === 0) {
          this.dialogError = this.localize("links_required");
          this.requestUpdate();
          return;
        }
        void this.perform((hass) =>
          addTorrents(hass, {
            server: values.server,
            urls,
            category: values.category,
            tags: parseList(values.tags),
            stopped: values.stopped,
          }),
        );
      },
    );
  }
}

export { CARD_TYPE };
