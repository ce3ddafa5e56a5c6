/** What the card has to say above its list: a refused subscription, servers down, an action's error. */
import { html, nothing, type TemplateResult } from "lit";
import type { Localize } from "../localize.js";
import type { ServerDescription } from "../protocol.js";
import { ICONS } from "./icons.js";

export interface AlertProps {
  localize: Localize;
  subscribeError: string | null;
  servers: Iterable<ServerDescription>;
  actionError: string | null;
  dismissActionError: () => void;
}

export function alerts(props: AlertProps): TemplateResult {
  const { localize } = props;
  const down = [...props.servers].filter((server) => !server.available);
  return html`${props.subscribeError === null
      ? nothing
      : html`<div class="alert" role="alert" data-testid="subscribe-error">
          <span>${localize("subscribe_failed", { error: props.subscribeError })}</span>
        </div>`}
    ${down.map(
      (server) => html`<div
        class="alert warning"
        role="status"
        data-testid="server-down"
        data-server=${server.entry_id}
      >
        <span
          >${server.error === null
            ? localize("server_unavailable", { server: server.name })
            : localize("server_unavailable_because", { server: server.name, error: server.error })}</span
        >
      </div>`,
    )}
    ${props.actionError === null
      ? nothing
      : html`<div class="alert" role="alert" data-testid="action-error">
          <span>${props.actionError}</span>
          <button class="icon-button" aria-label=${localize("dismiss")} @click=${props.dismissActionError}>
            ${ICONS.close}
          </button>
        </div>`}`;
}
