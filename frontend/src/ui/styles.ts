/** The card's look: Home Assistant's theme variables only, so light and dark follow the theme. */
import { css } from "lit";

/** Row heights in pixels: fixed, so the list can place rows without measuring them. */
export const ROW_HEIGHT = 64;
export const COMPACT_ROW_HEIGHT = 44;

export const cardStyles = css`
  :host {
    display: block;
    /* In a dashboard's grid or column, no content of the card may widen it. */
    min-width: 0;
    --qbm-gap: 8px;
    --qbm-chip-background: var(--secondary-background-color, #f0f0f0);
    --qbm-selected-background: rgba(var(--rgb-primary-color, 3, 169, 244), 0.12);
  }
  ha-card {
    container-type: inline-size;
    display: flex;
    flex-direction: column;
    overflow: hidden;
    height: 100%;
    box-sizing: border-box;
    color: var(--primary-text-color);
  }
  .icon {
    width: 20px;
    height: 20px;
    flex: none;
  }
  button,
  input,
  select,
  textarea {
    font: inherit;
    color: inherit;
  }
  :focus-visible {
    outline: 2px solid var(--primary-color);
    outline-offset: 2px;
  }
  .header {
    display: flex;
    align-items: center;
    gap: var(--qbm-gap);
    padding: 12px 16px 4px;
    min-width: 0;
  }
  .title {
    font-size: var(--ha-card-header-font-size, 1.25rem);
    font-weight: 500;
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .switcher {
    display: inline-flex;
    align-items: center;
    gap: 6px;
    min-width: 0;
    max-width: 60%;
    border: none;
    background: none;
    padding: 6px 8px;
    margin-left: -8px;
    border-radius: 8px;
    cursor: pointer;
    font-size: 1.1rem;
    font-weight: 500;
  }
  .switcher:hover {
    background: var(--qbm-chip-background);
  }
  .switcher .name {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .dot {
    width: 10px;
    height: 10px;
    border-radius: 50%;
    flex: none;
    background: var(--disabled-color, #bdbdbd);
  }
  .dot.healthy {
    background: var(--success-color, #43a047);
  }
  .dot.warning {
    background: var(--warning-color, #ffa600);
  }
  .dot.unhealthy {
    background: var(--error-color, #db4437);
  }
  .muted {
    color: var(--secondary-text-color);
    font-size: 0.875rem;
    font-weight: normal;
  }
  .speeds {
    margin-left: auto;
    display: flex;
    gap: 12px;
    white-space: nowrap;
    color: var(--secondary-text-color);
    font-size: 0.875rem;
  }
  .speeds span {
    display: inline-flex;
    align-items: center;
    gap: 2px;
  }
  .speeds .icon {
    width: 16px;
    height: 16px;
  }
  .icon-button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    width: 40px;
    height: 40px;
    flex: none;
    border: none;
    border-radius: 50%;
    background: none;
    cursor: pointer;
    color: var(--secondary-text-color);
  }
  .icon-button:hover {
    background: var(--qbm-chip-background);
  }
  .icon-button.primary {
    color: var(--primary-color);
  }
  .chips {
    /* Rows of chips, as Home Assistant's chip sets: a chip scrolled out of a
       narrow card could not be seen, nor reached without a touch screen. */
    display: flex;
    flex-wrap: wrap;
    gap: 6px;
    padding: 4px 16px;
  }
  .chip {
    display: inline-flex;
    align-items: center;
    gap: 6px;
    flex: none;
    height: 32px;
    padding: 0 12px;
    border-radius: 16px;
    border: 1px solid var(--divider-color, #e0e0e0);
    background: none;
    cursor: pointer;
    font-size: 0.875rem;
    white-space: nowrap;
  }
  .chip[aria-pressed="true"] {
    background: var(--qbm-selected-background);
    border-color: var(--primary-color);
    color: var(--primary-color);
  }
  .chip .count {
    font-weight: 500;
  }
  .controls {
    display: flex;
    flex-wrap: wrap;
    gap: var(--qbm-gap);
    padding: 4px 16px 8px;
  }
  .search {
    flex: 1 1 160px;
    display: flex;
    align-items: center;
    gap: 4px;
    min-width: 0;
    height: 40px;
    padding: 0 10px;
    border-radius: 8px;
    background: var(--qbm-chip-background);
    color: var(--secondary-text-color);
  }
  .search input {
    flex: 1;
    min-width: 0;
    border: none;
    background: none;
    outline: none;
    color: var(--primary-text-color);
  }
  .search:focus-within {
    outline: 2px solid var(--primary-color);
  }
  select,
  .field input,
  .field textarea {
    height: 40px;
    border-radius: 8px;
    border: 1px solid var(--divider-color, #e0e0e0);
    background: var(--card-background-color, var(--ha-card-background, #fff));
    padding: 0 8px;
    box-sizing: border-box;
    min-width: 0;
  }
  .controls select {
    /* Wide enough for "All categories": a narrow card wraps the row instead. */
    flex: 1 1 140px;
    max-width: 200px;
  }
  .sort {
    display: flex;
    gap: 2px;
    flex: 1 1 150px;
    max-width: 240px;
  }
  .sort select {
    flex: 1;
    max-width: none;
  }
  .list-header {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--qbm-gap);
    min-height: 40px;
    padding: 0 16px 0 12px;
    border-top: 1px solid var(--divider-color, #e0e0e0);
    font-size: 0.875rem;
    color: var(--secondary-text-color);
  }
  .bulk {
    /* Wraps like the chips: on a phone, ten buttons are wider than the card,
       and the last ones (clear the selection among them) must stay in sight. */
    display: flex;
    flex-wrap: wrap;
    justify-content: flex-end;
    gap: 0;
    max-width: 100%;
    margin-left: auto;
  }
  .checkbox {
    width: 20px;
    height: 20px;
    margin: 10px;
    flex: none;
    accent-color: var(--primary-color);
    cursor: pointer;
  }
  .alert {
    display: flex;
    align-items: flex-start;
    gap: 8px;
    margin: 4px 16px;
    padding: 8px 12px;
    border-radius: 8px;
    font-size: 0.875rem;
    white-space: pre-line;
    background: rgba(var(--rgb-error-color, 219, 68, 55), 0.12);
    color: var(--primary-text-color);
    border-left: 4px solid var(--error-color, #db4437);
  }
  .alert.warning {
    background: rgba(var(--rgb-warning-color, 255, 166, 0), 0.12);
    border-left-color: var(--warning-color, #ffa600);
  }
  .alert span {
    flex: 1;
    padding: 2px 0;
  }
  .alert .icon-button {
    width: 28px;
    height: 28px;
  }
  .list {
    position: relative;
    overflow-y: auto;
    overscroll-behavior: contain;
    border-top: 1px solid var(--divider-color, #e0e0e0);
  }
  .spacer {
    position: relative;
  }
  .window {
    position: absolute;
    left: 0;
    right: 0;
    top: 0;
    will-change: transform;
  }
  .empty {
    display: flex;
    align-items: center;
    justify-content: center;
    height: 100%;
    color: var(--secondary-text-color);
    padding: 16px;
    box-sizing: border-box;
    text-align: center;
  }
  .row {
    display: flex;
    align-items: center;
    height: ${ROW_HEIGHT}px;
    box-sizing: border-box;
    padding-right: 8px;
    border-bottom: 1px solid var(--divider-color, #e0e0e0);
    border-left: 4px solid transparent;
    contain: strict;
  }
  .row.compact {
    height: ${COMPACT_ROW_HEIGHT}px;
  }
  .row.accent {
    border-left-color: var(--server-color);
  }
  .row[aria-selected="true"] {
    background: var(--qbm-selected-background);
  }
  .row .checkbox {
    margin: 0 10px 0 8px;
  }
  .open {
    flex: 1;
    min-width: 0;
    height: 100%;
    display: flex;
    flex-direction: column;
    justify-content: center;
    gap: 3px;
    border: none;
    background: none;
    padding: 0 4px;
    text-align: left;
    cursor: pointer;
  }
  .compact .open {
    flex-direction: row;
    align-items: center;
    gap: 8px;
  }
  .line {
    display: flex;
    align-items: center;
    gap: 8px;
    min-width: 0;
    white-space: nowrap;
  }
  .name {
    flex: 1;
    min-width: 0;
    overflow: hidden;
    text-overflow: ellipsis;
    font-size: 0.9375rem;
  }
  .meta {
    display: flex;
    /* Figures that do not fit wrap onto a second line, which is cut off:
       a narrow card shows fewer figures instead of half of one. */
    flex-wrap: wrap;
    column-gap: 10px;
    row-gap: 4px;
    height: 1.4em;
    line-height: 1.4em;
    min-width: 0;
    overflow: hidden;
    font-size: 0.8125rem;
    color: var(--secondary-text-color);
  }
  .compact .meta {
    flex: none;
    max-width: 55%;
  }
  .meta span {
    flex: none;
  }
  .badge {
    display: inline-flex;
    align-items: center;
    gap: 4px;
    flex: none;
    max-width: 35%;
    overflow: hidden;
    text-overflow: ellipsis;
    padding: 0 6px;
    border-radius: 9px;
    font-size: 0.75rem;
    line-height: 18px;
    color: var(--primary-text-color);
    background: color-mix(in srgb, var(--server-color) 22%, transparent);
  }
  .state {
    flex: none;
    font-size: 0.75rem;
    padding: 0 6px;
    line-height: 18px;
    border-radius: 9px;
    background: var(--qbm-chip-background);
    color: var(--secondary-text-color);
  }
  .state.downloading,
  .state.metadata {
    color: var(--info-color, var(--primary-color));
  }
  .state.seeding {
    color: var(--success-color, #43a047);
  }
  .state.errored {
    color: var(--error-color, #db4437);
  }
  .state.stalled,
  .state.checking,
  .state.moving {
    color: var(--warning-color, #ffa600);
  }
  .bar {
    position: relative;
    height: 4px;
    border-radius: 2px;
    overflow: hidden;
    background: var(--divider-color, #e0e0e0);
  }
  .compact .bar {
    width: 48px;
    flex: none;
  }
  .bar > div {
    position: absolute;
    inset: 0;
    transform-origin: left;
    background: var(--primary-color);
  }
  .bar.done > div {
    background: var(--success-color, #43a047);
  }
  .bar.errored > div {
    background: var(--error-color, #db4437);
  }
  dialog {
    width: min(520px, calc(100vw - 32px));
    max-height: calc(100vh - 64px);
    box-sizing: border-box;
    padding: 0;
    border: none;
    border-radius: var(--ha-dialog-border-radius, 24px);
    background: var(--mdc-theme-surface, var(--card-background-color, #fff));
    color: var(--primary-text-color);
    box-shadow: 0 8px 32px rgba(0, 0, 0, 0.3);
  }
  dialog::backdrop {
    background: rgba(0, 0, 0, 0.45);
  }
  .dialog-body {
    display: flex;
    flex-direction: column;
    gap: 12px;
    padding: 20px 24px;
  }
  .dialog-title {
    display: flex;
    align-items: center;
    gap: 8px;
    margin: 0;
    font-size: 1.25rem;
    font-weight: 500;
    overflow-wrap: anywhere;
  }
  .dialog-title > span {
    flex: 1;
  }
  .dialog-actions {
    display: flex;
    flex-wrap: wrap;
    justify-content: flex-end;
    gap: 8px;
  }
  .button {
    display: inline-flex;
    align-items: center;
    gap: 6px;
    height: 40px;
    padding: 0 16px;
    border-radius: 20px;
    border: none;
    background: none;
    color: var(--primary-color);
    font-weight: 500;
    cursor: pointer;
  }
  .button:hover {
    background: var(--qbm-selected-background);
  }
  .button.filled {
    background: var(--primary-color);
    color: var(--text-primary-color, #fff);
  }
  .button.danger {
    color: var(--error-color, #db4437);
  }
  .button.filled.danger {
    background: var(--error-color, #db4437);
    color: var(--text-primary-color, #fff);
  }
  .button:disabled {
    opacity: 0.5;
    cursor: default;
  }
  .action-grid {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(130px, 1fr));
    gap: 4px;
  }
  .action-grid .button {
    justify-content: flex-start;
    color: var(--primary-text-color);
    border-radius: 8px;
  }
  .action-grid .button.danger {
    color: var(--error-color, #db4437);
  }
  .details {
    display: grid;
    grid-template-columns: auto 1fr;
    gap: 4px 12px;
    margin: 0;
    font-size: 0.875rem;
  }
  .details dt {
    color: var(--secondary-text-color);
  }
  .details dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
  .field {
    display: flex;
    flex-direction: column;
    gap: 4px;
    font-size: 0.875rem;
  }
  .field textarea {
    height: 96px;
    padding: 8px;
    resize: vertical;
  }
  .field .help {
    color: var(--secondary-text-color);
    font-size: 0.75rem;
  }
  .toggle {
    display: flex;
    align-items: center;
    gap: 4px;
    font-size: 0.875rem;
  }
  .server-option {
    display: flex;
    align-items: center;
    gap: 10px;
    width: 100%;
    min-height: 48px;
    padding: 0 12px;
    border: none;
    border-radius: 8px;
    background: none;
    text-align: left;
    cursor: pointer;
  }
  .server-option:hover,
  .server-option[aria-current="true"] {
    background: var(--qbm-selected-background);
  }
  .server-option .name {
    font-size: 1rem;
  }
  .warning-text {
    color: var(--error-color, #db4437);
    font-weight: 500;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
  @container (max-width: 450px) {
    .header,
    .chips,
    .controls {
      padding-left: 12px;
      padding-right: 12px;
    }
    .search {
      flex-basis: 100%;
    }
    .controls select {
      flex: 1 1 0;
      min-width: 0;
    }
    .sort {
      flex: 1 1 100%;
      max-width: none;
    }
    .speeds {
      flex-direction: column;
      gap: 0;
      align-items: flex-end;
    }
  }
`;
