/**
 * The entities a search finds, a page at a time (keyset cursors from the API), and the counts
 * beside each filter value.
 *
 * Values of one facet combine with OR, so a facet's counts must not be narrowed by its own
 * ticked values (ticking "Component" would otherwise hide "API" from the kind list). The main
 * query counts the facets nobody has ticked; each facet with ticked values gets one small
 * query (limit 1) with every filter but its own.
 */
import { keepPreviousData, useInfiniteQuery, useQueries } from '@tanstack/react-query';
import { type EntityList, type EntitySearch, type FacetName, facetNames, listEntities } from './catalog-api';

export type FacetCounts = Record<FacetName, Array<{ value: string; count: number }>>;

export function useEntityResults(search: EntitySearch) {
  const ticked = facetNames.filter((f) => search.selection[f].length > 0);
  const untouched = facetNames.filter((f) => search.selection[f].length === 0);

  const results = useInfiniteQuery({
    queryKey: ['catalog', 'entities', search],
    queryFn: ({ pageParam }) => listEntities(search, { cursor: pageParam, facets: untouched }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last: EntityList) => last.nextCursor,
    // The old results stay on screen while the next search runs: no flash of "Loading".
    placeholderData: keepPreviousData,
  });

  const own = useQueries({
    queries: ticked.map((facet) => {
      const others: EntitySearch = { ...search, selection: { ...search.selection, [facet]: [] } };
      return {
        queryKey: ['catalog', 'facet', facet, others],
        queryFn: () => listEntities(others, { facets: [facet], limit: 1 }),
        placeholderData: keepPreviousData,
      };
    }),
  });

  const first = results.data?.pages[0];
  const facets = {} as FacetCounts;
  facetNames.forEach((facet) => {
    const at = ticked.indexOf(facet);
    const counted = at < 0 ? first?.facets?.[facet] : own[at]?.data?.facets?.[facet];
    const values = [...(counted ?? [])];
    // A ticked value stays in the list (with 0) even when nothing matches it, so it can be unticked.
    for (const value of search.selection[facet]) {
      if (!values.some((v) => v.value === value)) values.push({ value, count: 0 });
    }
    facets[facet] = values;
  });

  const items = results.data?.pages.flatMap((p) => p.items) ?? [];
  return {
    items,
    totalItems: first?.totalItems ?? 0,
    facets,
    facetError: own.find((q) => q.error)?.error ?? null,
    results,
  };
}
