/** The card's dialogs: server choice, one torrent's actions, delete, category, tags, add. */
import { html, nothing, type TemplateResult } from "lit";
import type { TorrentRef } from "../actions.js";
import type { Formatter } from "../format.js";
import type { Localize } from "../localize.js";
import type { FleetServer, Torrent } from "../protocol.js";
import { ICONS } from "./icons.js";

export type DialogState =
  | { kind: "servers" }
  | { kind: "torrent"; key: string }
  | { kind: "delete"; targets: TorrentRef[]; names: string[]; deleteFiles: boolean }
  | { kind: "category"; targets: TorrentRef[] }
  | { kind: "tags"; targets: TorrentRef[]; remove: boolean }
  | { kind: "add" };

export type TorrentDialogAction =
  | "start"
  | "stop"
  | "recheck"
  | "reannounce"
  | "category"
  | "add_tags"
  | "remove_tags"
  | "delete"
  | "delete_with_files";

export interface DialogContext {
  localize: Localize;
  format: Formatter;
  busy: boolean;
  error: string | null;
  close: () => void;
}

function title(context: DialogContext, text: string): TemplateResult {
  return html`<h2 class="dialog-title" id="dialog-title">
    <span>${text}</span>
    <button
      class="icon-button"
      aria-label=${context.localize("close")}
      data-testid="dialog-close"
      @click=${context.close}
    >
      ${ICONS.close}
    </button>
  </h2>`;
}

function errorAlert(context: DialogContext): TemplateResult | typeof nothing {
  return context.error === null
    ? nothing
    : html`<div class="alert" role="alert" data-testid="action-error"><span>${context.error}</span></div>`;
}

export interface ServerChoiceItem {
  server: FleetServer;
  current: boolean;
}

export function serversDialog(
  context: DialogContext,
  allCurrent: boolean,
  items: ServerChoiceItem[],
  choose: (entryId: string) => void,
): TemplateResult {
  const { localize, format } = context;
  return html`<div class="dialog-body">
    ${title(context, localize("choose_view"))} ${errorAlert(context)}
    <div role="list" data-testid="server-options">
      <button
        class="server-option"
        role="listitem"
        aria-current=${allCurrent ? "true" : "false"}
        data-testid="server-option"
        data-server="all"
        ?disabled=${context.busy}
        @click=${() => { choose("all"); }}
      >
        <span class="name">${localize("all_servers")}</span>
        ${allCurrent ? ICONS.check : nothing}
      </button>
      ${items.map(
        ({ server, current }) => html`<button
          class="server-option"
          role="listitem"
          aria-current=${current ? "true" : "false"}
          data-testid="server-option"
          data-server=${server.entry_id}
          ?disabled=${context.busy}
          @click=${() => { choose(server.entry_id); }}
        >
          <span
            class="dot ${server.health ?? ""}"
            role="img"
            aria-label=${localize(`health_${server.health ?? "unknown"}` as const)}
            title=${localize(`health_${server.health ?? "unknown"}` as const)}
          ></span>
          <span class="name">${server.name}</span>
          <span class="muted" title=${localize("response_time")}
            >${server.response_time_ms === null ? "" : format.millis(server.response_time_ms)}</span
          >
          <span class="muted" style="margin-left:auto"
            >↓ ${format.speed(server.download_speed)} ↑ ${format.speed(server.upload_speed)}</span
          >
          ${current ? ICONS.check : nothing}
        </button>`,
      )}
    </div>
  </div>`;
}

const TORRENT_ACTIONS: { action: TorrentDialogAction; icon: keyof typeof ICONS; danger?: boolean }[] = [
  { action: "start", icon: "start" },
  { action: "stop", icon: "stop" },
  { action: "recheck", icon: "recheck" },
  { action: "reannounce", icon: "reannounce" },
  { action: "category", icon: "category" },
  { action: "add_tags", icon: "tag" },
  { action: "remove_tags", icon: "untag" },
  { action: "delete", icon: "delete", danger: true },
  { action: "delete_with_files", icon: "deleteFiles", danger: true },
];

const ACTION_LABELS = {
  start: "start",
  stop: "stop",
  recheck: "recheck",
  reannounce: "reannounce",
  category: "set_category",
  add_tags: "add_tags",
  remove_tags: "remove_tags",
  delete: "delete",
  delete_with_files: "delete_with_files",
} as const;

/** The buttons of the actions on torrents, for one torrent's dialog and the selection bar. */
export function actionButtons(
  localize: Localize,
  busy: boolean,
  act: (action: TorrentDialogAction) => void,
  className = "button",
): TemplateResult[] {
  return TORRENT_ACTIONS.map(
    ({ action, icon, danger }) => html`<button
      class="${className} ${danger ? "danger" : ""}"
      data-action=${action}
      ?disabled=${busy}
      title=${localize(ACTION_LABELS[action])}
      @click=${() => { act(action); }}
    >
      ${ICONS[icon]}<span class=${className === "icon-button" ? "visually-hidden" : ""}
        >${localize(ACTION_LABELS[action])}</span
      >
    </button>`,
  );
}

export function torrentDialog(
  context: DialogContext,
  torrent: Torrent | undefined,
  serverName: string,
  act: (action: TorrentDialogAction) => void,
): TemplateResult {
  const { localize, format } = context;
  if (torrent === undefined) {
    return html`<div class="dialog-body">${title(context, localize("no_torrents"))}</div>`;
  }
  const detail = (label: string, value: string): TemplateResult | typeof nothing =>
    value === "" ? nothing : html`<dt>${label}</dt><dd>${value}</dd>`;
  return html`<div class="dialog-body">
    ${title(context, torrent.name)} ${errorAlert(context)}
    <dl class="details">
      ${detail(localize("server"), serverName)}
      ${detail(localize("state"), localize(`state_${torrent.state}` as const))}
      ${detail(localize("progress"), format.percent(torrent.progress))}
      ${detail(localize("size"), format.size(torrent.size))}
      ${detail(localize("download_speed"), format.speed(torrent.download_speed))}
      ${detail(localize("upload_speed"), format.speed(torrent.upload_speed))}
      ${detail(localize("eta"), torrent.progress >= 100 ? "" : format.duration(torrent.eta))}
      ${detail(localize("ratio"), format.ratio(torrent.ratio))}
      ${detail(localize("category"), torrent.category)}
      ${detail(localize("tags"), torrent.tags.join(", "))}
      ${detail(localize("save_path"), torrent.save_path)}
      ${detail(localize("added_on"), format.date(torrent.added_on))}
    </dl>
    <div class="action-grid">${actionButtons(localize, context.busy, act)}</div>
  </div>`;
}

export function deleteDialog(
  context: DialogContext,
  state: Extract<DialogState, { kind: "delete" }>,
  confirm: () => void,
): TemplateResult {
  const { localize } = context;
  const heading =
    state.names.length === 1
      ? localize("delete_one_title", { name: state.names[0] ?? "" })
      : localize("delete_many_title", { count: state.targets.length });
  return html`<div class="dialog-body" data-testid="delete-dialog">
    ${title(context, heading)} ${errorAlert(context)}
    <p class=${state.deleteFiles ? "warning-text" : ""} data-testid="delete-warning">
      ${localize(state.deleteFiles ? "delete_removes_data" : "delete_keeps_data")}
    </p>
    <div class="dialog-actions">
      <button class="button" ?disabled=${context.busy} @click=${context.close}>
        ${localize("cancel")}
      </button>
      <button
        class="button filled danger"
        data-testid="confirm-delete"
        ?disabled=${context.busy}
        @click=${confirm}
      >
        ${localize(state.deleteFiles ? "delete_with_files" : "delete")}
      </button>
    </div>
  </div>`;
}

function options(values: readonly string[]): TemplateResult[] {
  return values.map((value) => html`<option value=${value}></option>`);
}

export function categoryDialog(
  context: DialogContext,
  categories: readonly string[],
  save: (category: string) => void,
): TemplateResult {
  const { localize } = context;
  const submit = (event: Event): void => {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    save((form.elements.namedItem("category") as HTMLInputElement).value.trim());
  };
  return html`<form class="dialog-body" @submit=${submit}>
    ${title(context, localize("set_category"))} ${errorAlert(context)}
    <label class="field">
      ${localize("category")}
      <input name="category" list="categories" autofocus autocomplete="off" />
      <span class="help">${localize("category_help")}</span>
    </label>
    <datalist id="categories">${options(categories)}</datalist>
    <div class="dialog-actions">
      <button type="button" class="button" @click=${context.close}>${localize("cancel")}</button>
      <button type="submit" class="button filled" ?disabled=${context.busy}>
        ${localize("save")}
      </button>
    </div>
  </form>`;
}

export function tagsDialog(
  context: DialogContext,
  remove: boolean,
  tags: readonly string[],
  save: (text: string) => void,
): TemplateResult {
  const { localize } = context;
  const submit = (event: Event): void => {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    save((form.elements.namedItem("tags") as HTMLInputElement).value);
  };
  return html`<form class="dialog-body" @submit=${submit}>
    ${title(context, localize(remove ? "remove_tags" : "add_tags"))} ${errorAlert(context)}
    <label class="field">
      ${localize("tags")}
      <input name="tags" list="tags" autofocus autocomplete="off" />
      <span class="help">${localize("tags_help")}</span>
    </label>
    <datalist id="tags">${options(tags)}</datalist>
    <div class="dialog-actions">
      <button type="button" class="button" @click=${context.close}>${localize("cancel")}</button>
      <button type="submit" class="button filled" ?disabled=${context.busy}>
        ${localize("save")}
      </button>
    </div>
  </form>`;
}

export interface AddFormValues {
  server: string;
  links: string;
  category: string;
  tags: string;
  stopped: boolean;
}

export function addDialog(
  context: DialogContext,
  servers: readonly { entry_id: string; name: string }[],
  defaultServer: string,
  categories: readonly string[],
  tags: readonly string[],
  add: (values: AddFormValues) => void,
): TemplateResult {
  const { localize } = context;
  const submit = (event: Event): void => {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const value = (name: string): string =>
      (form.elements.namedItem(name) as HTMLInputElement | null)?.value ?? "";
    add({
      server: value("server"),
      links: value("links"),
      category: value("category").trim(),
      tags: value("tags"),
      stopped: (form.elements.namedItem("stopped") as HTMLInputElement).checked,
    });
  };
  return html`<form class="dialog-body" data-testid="add-dialog" @submit=${submit}>
    ${title(context, localize("add_torrent"))} ${errorAlert(context)}
    <label class="field">
      ${localize("links")}
      <textarea name="links" autofocus spellcheck="false"></textarea>
      <span class="help">${localize("links_help")}</span>
    </label>
    <label class="field">
      ${localize("server")}
      <select name="server">
        ${servers.map(
          (server) =>
            html`<option value=${server.entry_id} .selected=${server.entry_id === defaultServer}>
              ${server.name}
            </option>`,
        )}
      </select>
    </label>
    <label class="field">
      ${localize("category")}
      <input name="category" list="add-categories" autocomplete="off" />
    </label>
    <datalist id="add-categories">${options(categories)}</datalist>
    <label class="field">
      ${localize("tags")}
      <input name="tags" list="add-tags" autocomplete="off" />
      <span class="help">${localize("tags_help")}</span>
    </label>
    <datalist id="add-tags">${options(tags)}</datalist>
    <label class="toggle">
      <input type="checkbox" class="checkbox" name="stopped" />${localize("add_stopped")}
    </label>
    <div class="dialog-actions">
      <button type="button" class="button" @click=${context.close}>${localize("cancel")}</button>
      <button type="submit" class="button filled" ?disabled=${context.busy}>
        ${localize("add")}
      </button>
    </div>
  </form>`;
}
