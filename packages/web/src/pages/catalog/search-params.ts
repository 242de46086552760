/**
 * The catalog page's state lives in its address (`?q=pay&kind=component&kind=api&owner=…`),
 * so a search can be linked, bookmarked and come back with the Back button.
 */
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { type EntitySearch, type FacetName, facetNames, type Selection } from './catalog-api';

export function emptySelection(): Selection {
  return { kind: [], type: [], owner: [], lifecycle: [], system: [], tag: [] };
}

export function searchFromParams(params: URLSearchParams): EntitySearch {
  const selection = emptySelection();
  for (const facet of facetNames) selection[facet] = [...new Set(params.getAll(facet).filter((v) => v !== ''))];
  return { q: params.get('q') ?? '', selection };
}

export function paramsFromSearch(search: EntitySearch): URLSearchParams {
  const params = new URLSearchParams();
  if (search.q.trim()) params.set('q', search.q.trim());
  for (const facet of facetNames) for (const value of search.selection[facet]) params.append(facet, value);
  return params;
}

export function hasFilters(search: EntitySearch): boolean {
  return facetNames.some((f) => search.selection[f].length > 0);
}

/** The search in the address, and ways to change it (a new history entry unless `replace`). */
export function useCatalogSearch() {
  const [params, setParams] = useSearchParams();
  const search = useMemo(() => searchFromParams(params), [params]);
  const update = useCallback(
    (change: (current: EntitySearch) => EntitySearch, options: { replace?: boolean } = {}) => {
      setParams((current) => paramsFromSearch(change(searchFromParams(current))), {
        replace: options.replace ?? false,
        preventScrollReset: true,
        // A ticked box shows ticked at once, not after the router's next render.
        flushSync: !options.replace,
      });
    },
    [setParams],
  );
  const setQuery = useCallback((q: string, replace: boolean) => update((s) => ({ ...s, q }), { replace }), [update]);
  const toggle = useCallback(
    (facet: FacetName, value: string) =>
      update((s) => {
        const values = s.selection[facet];
        const next = values.includes(value) ? values.filter((v) => v !== value) : [...values, value];
        return { ...s, selection: { ...s.selection, [facet]: next } };
      }),
    [update],
  );
  const clearFilters = useCallback(() => update((s) => ({ ...s, selection: emptySelection() })), [update]);
  return { search, setQuery, toggle, clearFilters };
}
