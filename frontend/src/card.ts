/** The torrent card: every server's torrents, live, with controls. */
import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from "lit";
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
import type { ServerChoice, StateFilter, Torrent } from "./protocol.js";
import { DEFAULT_QUERY, TorrentList, type TorrentQuery } from "./query.js";
import { keyOf } from "./store.js";
import {
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
import { alerts } from "./ui/alerts.js";
import { syncSelects } from "./ui/selects.js";
import type { RowContext } from "./ui/row.js";
import { cardStyles, COMPACT_ROW_HEIGHT, ROW_HEIGHT } from "./ui/styles.js";
import { filterControls, header, stateChips } from "./ui/toolbar.js";
import { listHeader, torrentList } from "./ui/torrent-list.js";

export { OVERSCAN } from "./ui/torrent-list.js";

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
      ${this.renderTop()} ${this.renderList()}
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

  // What the card shows: the header, filters and alerts, then the list.

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

  private renderTop(): TemplateResult {
    const { localize, format } = this;
    const fleet = this.live.fleet;
    const ids = this.viewServerIds();
    const servers = ids.map((id) => fleet.server(id)).filter((server) => server !== undefined);
    const known = [...this.live.torrents.servers.values()];
    const filters = {
      localize,
      format,
      query: this.query,
      count: (filter: StateFilter) => this.live.torrents.count(filter),
      categories: sortedUnion(known.map((server) => server.categories)),
      tags: sortedUnion(known.map((server) => server.tags)),
      change: (change: Partial<TorrentQuery>) => {
        this.setQuery(change);
      },
    };
    return html`${header({
      localize,
      format,
      title: this.config?.title,
      label:
        this.view === "all"
          ? localize("all_servers")
          : ids[0] !== undefined
            ? this.serverName(ids[0])
            : localize("active_server"),
      shown: this.view === "all" ? undefined : servers[0],
      download: servers.reduce((sum, server) => sum + server.download_speed, 0),
      upload: servers.reduce((sum, server) => sum + server.upload_speed, 0),
      chooseServer: () => {
        this.openDialog({ kind: "servers" });
      },
      addTorrent: () => {
        this.openDialog({ kind: "add" });
      },
    })}
    ${stateChips(filters)} ${filterControls(filters)}
    ${alerts({
      localize,
      subscribeError: this.live.error,
      servers: this.live.torrents.servers.values(),
      actionError: this.actionError,
      dismissActionError: () => {
        this.actionError = null;
        this.requestUpdate();
      },
    })}`;
  }

  private setQuery(change: Partial<TorrentQuery>): void {
    this.query = { ...this.query, ...change };
    this.queryChanged = true;
    this.firstRow = 0;
    const list = this.renderRoot.querySelector(".list");
    if (list !== null) list.scrollTop = 0;
    this.requestUpdate();
  }

  private selectedTorrents(): Torrent[] {
    const torrents: Torrent[] = [];
    for (const key of this.selection) {
      const torrent = this.live.torrents.torrents.get(key);
      if (torrent !== undefined) torrents.push(torrent);
    }
    return torrents;
  }

  private onScroll = (event: Event): void => {
    const first = Math.floor((event.target as HTMLElement).scrollTop / this.rowHeight);
    if (first !== this.firstRow) {
      this.firstRow = first;
      this.requestUpdate();
    }
  };

  /** What the list says instead of rows, or null when it has rows to show. */
  private emptyText(): string | null {
    const store = this.live.torrents;
    if (!store.loaded) return this.live.error === null ? this.localize("loading") : "";
    if (store.view === "active" && store.activeEntryId === null) {
      return this.localize("no_active_server");
    }
    if (store.torrents.size === 0) return this.localize("no_torrents");
    if (this.list.rows.length === 0) return this.localize("no_match");
    return null;
  }

  private renderList(): TemplateResult {
    const config = this.config;
    if (config === undefined) return html``;
    const rows = this.list.rows;
    const selected = this.selection.size;
    const allSelected = selected > 0 && rows.every((torrent) => this.selection.has(keyOf(torrent)));
    return html`${listHeader({
      localize: this.localize,
      format: this.format,
      shown: rows.length,
      selected,
      allSelected,
      busy: this.busy,
      toggleAll: () => {
        if (allSelected) this.selection.clear();
        else for (const torrent of rows) this.selection.add(keyOf(torrent));
        this.requestUpdate();
      },
      act: (action) => {
        this.act(action, this.selectedTorrents());
      },
      clearSelection: () => {
        this.selection.clear();
        this.requestUpdate();
      },
    })}
    ${torrentList({
      localize: this.localize,
      rows,
      empty: this.emptyText(),
      visible: config.rows,
      rowHeight: this.rowHeight,
      firstRow: this.firstRow,
      row: this.rowContext(config),
      onScroll: this.onScroll,
    })}`;
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
