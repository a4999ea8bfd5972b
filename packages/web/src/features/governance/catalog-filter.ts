import type { DataElementView } from '@shequ/core';

export interface CatalogFilter {
  /** Part of an element's code or name. */
  q?: string;
  /** A verifying department type, or `none` for elements nobody verifies. */
  verifier?: string;
}

/** The catalog's elements that match the search box and the verifying-department filter. */
export function filterCatalog(
  elements: readonly DataElementView[],
  filter: CatalogFilter,
): DataElementView[] {
  const q = filter.q?.trim().toLowerCase();
  return elements.filter((e) => {
    if (q && !e.code.toLowerCase().includes(q) && !e.name.toLowerCase().includes(q)) return false;
    if (filter.verifier === 'none') return e.verifier === null;
    if (filter.verifier) return e.verifier === filter.verifier;
    return true;
  });
}
