/** The card's few icons, drawn here so the card needs no icon font or network. */
import { svg, type SVGTemplateResult } from "lit";

const icon = (body: SVGTemplateResult): SVGTemplateResult =>
  svg`<svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">${body}</svg>`;

export const ICONS = {
  start: icon(svg`<path d="M8 5v14l11-7z" fill="currentColor"/>`),
  stop: icon(svg`<rect x="6" y="6" width="12" height="12" rx="1" fill="currentColor"/>`),
  recheck: icon(
    svg`<path d="M5 12a7 7 0 1 0 2-5" fill="none" stroke="currentColor" stroke-width="2"/><path d="M4 3v5h5" fill="none" stroke="currentColor" stroke-width="2"/>`,
  ),
  reannounce: icon(
    svg`<path d="M4 10v4h3l5 4V6L7 10z" fill="currentColor"/><path d="M15 9a4 4 0 0 1 0 6M17.5 6.5a7.5 7.5 0 0 1 0 11" fill="none" stroke="currentColor" stroke-width="2"/>`,
  ),
  category: icon(
    svg`<path d="M3 6h7l2 2h9v11H3z" fill="none" stroke="currentColor" stroke-width="2" stroke-linejoin="round"/>`,
  ),
  tag: icon(
    svg`<path d="M3 12V4h8l10 10-8 8z" fill="none" stroke="currentColor" stroke-width="2" stroke-linejoin="round"/><circle cx="7.5" cy="8.5" r="1.5" fill="currentColor"/>`,
  ),
  untag: icon(
    svg`<path d="M3 12V4h8l10 10-8 8z" fill="none" stroke="currentColor" stroke-width="2" stroke-linejoin="round"/><path d="M8 13l5-5" stroke="currentColor" stroke-width="2"/>`,
  ),
  delete: icon(
    svg`<path d="M6 7h12l-1 14H7zM4 7h16M9 7V4h6v3" fill="none" stroke="currentColor" stroke-width="2" stroke-linejoin="round"/>`,
  ),
  deleteFiles: icon(
    svg`<path d="M6 7h12l-1 14H7zM4 7h16M9 7V4h6v3" fill="none" stroke="currentColor" stroke-width="2" stroke-linejoin="round"/><path d="M10 11l4 6M14 11l-4 6" stroke="currentColor" stroke-width="2"/>`,
  ),
  add: icon(svg`<path d="M12 5v14M5 12h14" stroke="currentColor" stroke-width="2.2"/>`),
  close: icon(svg`<path d="M6 6l12 12M18 6L6 18" stroke="currentColor" stroke-width="2.2"/>`),
  dropdown: icon(svg`<path d="M7 10l5 5 5-5z" fill="currentColor"/>`),
  ascending: icon(
    svg`<path d="M12 19V6M6 11l6-6 6 6" fill="none" stroke="currentColor" stroke-width="2"/>`,
  ),
  descending: icon(
    svg`<path d="M12 5v13M6 13l6 6 6-6" fill="none" stroke="currentColor" stroke-width="2"/>`,
  ),
  search: icon(
    svg`<circle cx="10" cy="10" r="6" fill="none" stroke="currentColor" stroke-width="2"/><path d="M15 15l5 5" stroke="currentColor" stroke-width="2.2"/>`,
  ),
  download: icon(svg`<path d="M12 4v13M6 12l6 6 6-6" fill="none" stroke="currentColor" stroke-width="2"/>`),
  upload: icon(svg`<path d="M12 20V7M6 12l6-6 6 6" fill="none" stroke="currentColor" stroke-width="2"/>`),
  check: icon(svg`<path d="M5 12l5 5 9-10" fill="none" stroke="currentColor" stroke-width="2.2"/>`),
};
