import { type FacetName, facetNames, type Selection } from './catalog-api';
import { facetTitles, facetValueLabel } from './facet-labels';

/** The ticked values above the results, each removable, and a way to drop them all. */
export function ActiveFilters({
  selection,
  onToggle,
  onClear,
}: {
  selection: Selection;
  onToggle: (facet: FacetName, value: string) => void;
  onClear: () => void;
}) {
  const active = facetNames.flatMap((facet) => selection[facet].map((value) => ({ facet, value })));
  if (active.length === 0) return null;
  return (
    <ul className="active-filters" aria-label="Active filters">
      {active.map(({ facet, value }) => (
        <li key={`${facet}:${value}`}>
          <button
            type="button"
            className="filter-chip"
            aria-label={`Remove filter ${facetTitles[facet]}: ${facetValueLabel(facet, value)}`}
            onClick={() => onToggle(facet, value)}
          >
            <span className="muted">{facetTitles[facet]}:</span> {facetValueLabel(facet, value)}
            <span aria-hidden="true">×</span>
          </button>
        </li>
      ))}
      <li>
        <button type="button" className="link-button" onClick={onClear}>
          Clear all filters
        </button>
      </li>
    </ul>
  );
}
