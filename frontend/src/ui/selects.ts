/** Keeps each select showing its value after its options were re-rendered. */

/**
 * Options re-rendered in place (a server list that grew, say) can leave a
 * select on the wrong one; a select that names its value in data-value is set
 * back to it after every render.
 */
export function syncSelects(root: ParentNode): void {
  for (const select of root.querySelectorAll<HTMLSelectElement>("select[data-value]")) {
    const value = select.dataset.value ?? "";
    if (select.value !== value) select.value = value;
  }
}
