// The browser side of benchmarks/card_browser.py: mounts the built card with
// a mock hass holding generated torrents and times what the card does with a
// snapshot and with 1%-churn deltas. Not shipped.
import { MockFleet } from "./mock-hass.js";

const CARD = "qbittorrent-multi-card";
const now = () => performance.now();
const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Renders the card's update and makes the browser lay it out, as a frame would. */
async function rendered(card) {
  await Promise.resolve();
  await card.updateComplete;
  card.shadowRoot.querySelector("[data-testid=torrent-list]").getBoundingClientRect();
  for (const row of card.shadowRoot.querySelectorAll("[data-testid=torrent-row]")) row.getBoundingClientRect();
}

export async function prepare({ torrents, seed }) {
  await import("../../custom_components/qbittorrent_multi/frontend/qbittorrent-multi-card.js");
  // Render as soon as an event is applied, so that the timings are the card's
  // work and not the wait for the next frame.
  customElements.get(CARD).frameScheduler = (callback) => queueMicrotask(callback);
  const fleet = new MockFleet({ servers: 1, torrents, seed });
  const hass = fleet.hass();
  // Hold the mock's messages back, to hand each to the card at a known time.
  const inboxes = [];
  const subscribe = hass.connection.subscribeMessage;
  hass.connection.subscribeMessage = (callback, message) => {
    const inbox = { type: message.type, callback, queue: [] };
    inboxes.push(inbox);
    return subscribe((event) => inbox.queue.push(event), message);
  };
  window.qbmBench = { fleet, hass, inboxes };
}

export async function mount({ rows }) {
  const { hass, inboxes } = window.qbmBench;
  const card = document.createElement(CARD);
  card.setConfig({ type: `custom:${CARD}`, server: "active", rows });
  card.hass = hass;
  document.querySelector("#cards").append(card);
  window.qbmBench.card = card;
  while (!inboxes.some((inbox) => inbox.type.endsWith("/torrents/subscribe") && inbox.queue.length)) await tick();
  const fleetInbox = inboxes.find((inbox) => inbox.type.endsWith("/servers/subscribe"));
  for (const event of fleetInbox.queue.splice(0)) fleetInbox.callback(event);
  await rendered(card);
}

export async function firstRender() {
  const { card, inboxes } = window.qbmBench;
  const inbox = inboxes.find((candidate) => candidate.type.endsWith("/torrents/subscribe"));
  const [snapshot] = inbox.queue.splice(0);
  const started = now();
  inbox.callback(snapshot);
  await rendered(card);
  const laidOut = now();
  // The frame that shows it: a timeout queued after the next animation frame
  // runs once that frame is painted.
  await frame();
  await tick();
  const painted = now();
  const root = card.shadowRoot;
  return {
    torrents: snapshot.torrents.length,
    render_ms: laidOut - started,
    painted_ms: painted - started,
    rows_in_dom: root.querySelectorAll("[data-testid=torrent-row]").length,
    elements_in_dom: root.querySelectorAll("*").length,
    rows_visible: card.shadowRoot.querySelector("[data-testid=torrent-list]").clientHeight / 64,
  };
}

export async function deltas({ count, warmup, share, sortBy }) {
  const { card, fleet, inboxes } = window.qbmBench;
  card.setConfig({ type: `custom:${CARD}`, server: "active", rows: 8, sort_by: sortBy, sort_descending: sortBy !== "name" });
  await rendered(card);
  const inbox = inboxes.find((candidate) => candidate.type.endsWith("/torrents/subscribe"));
  const fleetInbox = inboxes.find((candidate) => candidate.type.endsWith("/servers/subscribe"));
  const times = [];
  let changed = 0;
  for (let i = 0; i < warmup + count; i += 1) {
    fleet.churn(share);
    const events = inbox.queue.splice(0);
    fleetInbox.queue.splice(0);
    changed = events.reduce((sum, event) => sum + (event.changed?.length ?? 0), 0);
    const started = now();
    for (const event of events) inbox.callback(event);
    await rendered(card);
    // The first deltas also pay for compiling the code they run: not counted.
    if (i >= warmup) times.push(now() - started);
    await frame();
  }
  const sorted = [...times].sort((a, b) => a - b);
  return {
    changed,
    count: times.length,
    median_ms: median(times),
    p95_ms: sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))],
    max_ms: Math.max(...times),
  };
}
