// Mounts the built card with the mock hass. Query parameters: theme=dark,
// servers, torrents, view (active, all or a server number), compact=1,
// rows, lang, live=1 (a 1%-churn poll every 2 s), down=1 (last server
// down), editor=1 (the visual editor below the card), bench=1 (no card:
// the benchmark mounts its own).
import { MockFleet } from "./mock-hass.js";

customElements.define(
  "ha-card",
  class extends HTMLElement {
    constructor() {
      super();
      this.attachShadow({ mode: "open" }).innerHTML = `<style>
        :host { display: block; background: var(--ha-card-background, var(--card-background-color));
          border-radius: var(--ha-card-border-radius, 12px);
          border: 1px solid var(--ha-card-border-color, var(--divider-color));
          color: var(--primary-text-color); }
      </style><slot></slot>`;
    }
  },
);

const params = new URLSearchParams(location.search);
document.body.className = params.get("theme") === "dark" ? "dark" : "light";
document.documentElement.lang = params.get("lang") ?? "en";

window.qbm = { MockFleet };

if (!params.has("bench")) {
  await import("../../custom_components/qbittorrent_multi/frontend/qbittorrent-multi-card.js");
  const fleet = new MockFleet({
    servers: Number(params.get("servers") ?? 3),
    torrents: Number(params.get("torrents") ?? 60),
    seed: Number(params.get("seed") ?? 7),
    down: params.get("down") === "1",
  });
  const hass = fleet.hass({ language: params.get("lang") ?? "en", dark: params.get("theme") === "dark" });
  const view = params.get("view") ?? "active";
  const server = /^\d+$/.test(view) ? fleet.servers[Number(view) - 1].entry_id : view;
  const config = {
    type: "custom:qbittorrent-multi-card",
    server,
    compact: params.get("compact") === "1",
    rows: Number(params.get("rows") ?? 8),
  };
  const card = document.createElement("qbittorrent-multi-card");
  card.setConfig(config);
  card.hass = hass;
  document.querySelector("#cards").append(card);
  if (params.get("editor") === "1") {
    const editor = document.createElement("qbittorrent-multi-card-editor");
    editor.hass = hass;
    editor.setConfig(config);
    editor.addEventListener("config-changed", (event) => card.setConfig(event.detail.config));
    const wrapper = document.createElement("ha-card");
    wrapper.style.padding = "16px";
    wrapper.append(editor);
    document.querySelector("#cards").append(wrapper);
  }
  if (params.get("live") === "1") setInterval(() => fleet.churn(0.01), 2000);
  Object.assign(window.qbm, { fleet, card, hass });
}
