/** Mounting the card in a DOM for tests: renders without waiting for animation frames. */
import { QbittorrentMultiCard } from "../src/card.js";
import "../src/index.js";
import type { HomeAssistant } from "../src/hass.js";

QbittorrentMultiCard.frameScheduler = (callback) => { callback(); };

/** Lets pending promises, timers and Lit updates settle. */
export async function settle(element?: { updateComplete: Promise<unknown> }): Promise<void> {
  for (let i = 0; i < 3; i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 0));
    if (element) await element.updateComplete;
  }
}

export async function mountCard(
  config: Record<string, unknown>,
  hass: HomeAssistant,
): Promise<QbittorrentMultiCard> {
  const card = document.createElement("qbittorrent-multi-card");
  card.setConfig({ type: "custom:qbittorrent-multi-card", ...config });
  card.hass = hass;
  document.body.append(card);
  await settle(card);
  return card;
}

/** The first match in an element's shadow root, or in the element itself when it has none. */
export function $(element: Element, selector: string): HTMLElement {
  const found = (element.shadowRoot ?? element).querySelector<HTMLElement>(selector);
  if (!found) throw new Error(`nothing matches ${selector}`);
  return found;
}

export function $$(element: Element, selector: string): HTMLElement[] {
  return [...(element.shadowRoot ?? element).querySelectorAll<HTMLElement>(selector)];
}

export function text(element: Element): string {
  return element.textContent.replace(/\s+/g, " ").trim();
}
