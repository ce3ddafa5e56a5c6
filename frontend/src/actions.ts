/** The integration's actions, called for the card: one call per server a selection spans. */
import { errorMessage, type HomeAssistant } from "./hass.js";
import { DOMAIN } from "./protocol.js";

/** A torrent as an action names it. */
export interface TorrentRef {
  entry_id: string;
  hash: string;
}

export const TORRENT_SERVICES = {
  start: "start_torrents",
  stop: "stop_torrents",
  recheck: "recheck_torrents",
  reannounce: "reannounce_torrents",
} as const;
export type TorrentCommand = keyof typeof TORRENT_SERVICES;

/** The hashes of a selection, per server, in the order the servers first appear. */
export function hashesByServer(targets: Iterable<TorrentRef>): Map<string, string[]> {
  const grouped = new Map<string, string[]>();
  for (const { entry_id, hash } of targets) {
    const hashes = grouped.get(entry_id);
    if (hashes === undefined) grouped.set(entry_id, [hash]);
    else hashes.push(hash);
  }
  return grouped;
}

async function call(
  hass: HomeAssistant,
  service: string,
  data: Record<string, unknown>,
): Promise<void> {
  // The card shows the error itself; Home Assistant's own toast would say it twice.
  await hass.callService(DOMAIN, service, data, undefined, false);
}

/**
 * Calls an action once per server of `targets`, all at once. Rejects with the
 * errors' messages (each once) when any call failed; the others still ran.
 */
export async function onTorrents(
  hass: HomeAssistant,
  service: string,
  targets: Iterable<TorrentRef>,
  data: Record<string, unknown> = {},
): Promise<void> {
  const calls = [...hashesByServer(targets)].map(([server, hashes]) =>
    call(hass, service, { ...data, server, hashes }),
  );
  const failed = (await Promise.allSettled(calls)).filter(
    (outcome): outcome is PromiseRejectedResult => outcome.status === "rejected",
  );
  if (failed.length > 0) {
    const messages = [...new Set(failed.map((outcome) => errorMessage(outcome.reason)))];
    throw new Error(messages.join("\n"));
  }
}

export function runCommand(
  hass: HomeAssistant,
  command: TorrentCommand,
  targets: Iterable<TorrentRef>,
): Promise<void> {
  return onTorrents(hass, TORRENT_SERVICES[command], targets);
}

export function deleteTorrents(
  hass: HomeAssistant,
  targets: Iterable<TorrentRef>,
  deleteFiles: boolean,
): Promise<void> {
  return onTorrents(hass, "delete_torrents", targets, { delete_files: deleteFiles });
}

export function setCategory(
  hass: HomeAssistant,
  targets: Iterable<TorrentRef>,
  category: string,
): Promise<void> {
  return onTorrents(hass, "set_torrent_category", targets, { category });
}

export function changeTags(
  hass: HomeAssistant,
  targets: Iterable<TorrentRef>,
  tags: string[],
  remove: boolean,
): Promise<void> {
  return onTorrents(hass, remove ? "remove_torrent_tags" : "add_torrent_tags", targets, {
    tags,
  });
}

export interface NewTorrents {
  server: string;
  urls: string[];
  category: string;
  tags: string[];
  stopped: boolean;
}

export async function addTorrents(hass: HomeAssistant, request: NewTorrents): Promise<void> {
  const data: Record<string, unknown> = { server: request.server, urls: request.urls };
  if (request.category !== "") data.category = request.category;
  if (request.tags.length > 0) data.tags = request.tags;
  if (request.stopped) data.stopped = true;
  await call(hass, "add_torrent", data);
}

export async function switchServer(hass: HomeAssistant, entryId: string): Promise<void> {
  await call(hass, "switch_server", { server: entryId });
}

/** Splits "a, b,,c" into ["a", "b", "c"]. */
export function parseList(text: string, separator = /,/): string[] {
  return text
    .split(separator)
    .map((part) => part.trim())
    .filter((part) => part !== "");
}
