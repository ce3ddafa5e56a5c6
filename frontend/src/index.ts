/** The module Home Assistant loads: defines the card and its editor, and lists the card in the picker. */
import { QbittorrentMultiCard } from "./card.js";
import { CARD_TYPE, EDITOR_TYPE } from "./config.js";
import { QbittorrentMultiCardEditor } from "./editor.js";
import { localizer } from "./localize.js";

interface CustomCardEntry {
  type: string;
  name: string;
  description: string;
  preview: boolean;
  documentationURL?: string;
}

declare global {
  interface Window {
    customCards?: CustomCardEntry[];
  }
  interface HTMLElementTagNameMap {
    "qbittorrent-multi-card": QbittorrentMultiCard;
    "qbittorrent-multi-card-editor": QbittorrentMultiCardEditor;
  }
}

// The module may be loaded twice (a resource and an extra module): define once.
if (!customElements.get(CARD_TYPE)) customElements.define(CARD_TYPE, QbittorrentMultiCard);
if (!customElements.get(EDITOR_TYPE)) customElements.define(EDITOR_TYPE, QbittorrentMultiCardEditor);

const localize = localizer(document.documentElement.lang || navigator.language || "en");
window.customCards ??= [];
if (!window.customCards.some((card) => card.type === CARD_TYPE)) {
  window.customCards.push({
    type: CARD_TYPE,
    name: localize("card_name"),
    description: localize("card_description"),
    preview: true,
    documentationURL: "https://github.com/qbittorrent-multi/ha-qbittorrent-multi#card",
  });
}
