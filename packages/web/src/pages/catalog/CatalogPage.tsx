import './catalog.css';
import { ErrorNotice } from '../../components/ErrorNotice';
import { EmptyState, Loading, PageHeader } from '../../components/Page';
import { ActiveFilters } from './ActiveFilters';
import { DocsHits } from './DocsHits';
import { EmptyCatalog } from './EmptyCatalog';
import { EntityTable } from './EntityTable';
import { FacetFilters } from './FacetFilters';
import { SearchBox } from './SearchBox';
import { hasFilters, useCatalogSearch } from './search-params';
import { useEntityResults } from './use-entity-results';

/**
 * The software catalog: full-text search, facets, the matching entities a page at a time,
 * and the docs pages that match the same words. Everything is in the address.
 */
export default function CatalogPage() {
  const { search, setQuery, toggle, clearFilters } = useCatalogSearch();
  const { items, totalItems, facets, facetError, results } = useEntityResults(search);
  const filtered = hasFilters(search) || search.q.trim() !== '';
  const empty = results.isSuccess && totalItems === 0 && !filtered;

  return (
    <>
      <PageHeader
        title="Catalog"
        summary="Every component, API, system, team and resource registered, who owns it and how it fits together."
      />
      {empty ? (
        // Nothing to search or filter yet: only how to fill the catalog.
        <EmptyCatalog />
      ) : (
        <>
          <SearchBox value={search.q} onSearch={setQuery} />
          <div className="catalog-layout">
            <aside aria-label="Filters" className="catalog-sidebar">
              <FacetFilters facets={facets} selection={search.selection} onToggle={toggle} />
              {facetError ? <ErrorNotice error={facetError} title="Some filter counts could not be read" /> : null}
            </aside>
            <section aria-labelledby="catalog-results-title" className="catalog-results">
              <div className="catalog-results-head">
                <h2 id="catalog-results-title">Entities</h2>
                <p role="status" aria-live="polite" className="muted">
                  {results.isSuccess && countText(items.length, totalItems, filtered)}
                </p>
              </div>
              <ActiveFilters selection={search.selection} onToggle={toggle} onClear={clearFilters} />
              {results.error ? (
                <ErrorNotice
                  error={results.error}
                  title={
                    results.isFetchNextPageError ? 'The next page could not be read' : 'The catalog could not be read'
                  }
                />
              ) : null}
              {results.isPending && <Loading what="the catalog" />}
              {results.isSuccess && items.length === 0 && filtered && (
                <EmptyState title="No entities match">
                  Try other words, or{' '}
                  <button type="button" className="link-button" onClick={clearFilters}>
                    clear the filters
                  </button>
                  .
                </EmptyState>
              )}
              {items.length > 0 && <EntityTable items={items} />}
              {results.hasNextPage && (
                <div className="catalog-more">
                  <button
                    type="button"
                    onClick={() => void results.fetchNextPage()}
                    disabled={results.isFetchingNextPage}
                  >
                    {results.isFetchingNextPage ? 'Loading more…' : 'Load more'}
                  </button>
                  <span className="muted">
                    {items.length} of {totalItems} shown
                  </span>
                </div>
              )}
              <DocsHits q={search.q} />
            </section>
          </div>
        </>
      )}
    </>
  );
}

function countText(shown: number, total: number, filtered: boolean): string {
  const what =
    total === 1 ? (filtered ? '1 entity matches' : '1 entity') : `${total} entities${filtered ? ' match' : ''}`;
  return shown < total ? `${what}, ${shown} shown` : what;
}
