import { useId, useState } from 'react';
import type { FacetName, Selection } from './catalog-api';
import { facetNames } from './catalog-api';
import { facetTitles, facetValueLabel } from './facet-labels';
import type { FacetCounts } from './use-entity-results';

/** Long facets (tags, owners) show this many values until asked for all. */
const shortList = 8;

/**
 * Checkboxes per facet, each with how many entities it would bring. Values of one facet
 * widen the results (any of them), facets narrow them (all of them).
 */
export function FacetFilters({
  facets,
  selection,
  onToggle,
}: {
  facets: FacetCounts;
  selection: Selection;
  onToggle: (facet: FacetName, value: string) => void;
}) {
  // Open beside the results on a wide screen; folded above them on a phone, where the list matters first.
  const [open, setOpen] = useState(() => window.matchMedia('(min-width: 901px)').matches);
  const active = facetNames.reduce((n, f) => n + selection[f].length, 0);
  return (
    <details className="catalog-filters" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>
        <h2 className="catalog-filters-title">Filters</h2>
        {active > 0 && <span className="badge info">{active} active</span>}
      </summary>
      <div className="catalog-facets">
        {facetNames.map((facet) =>
          facets[facet].length === 0 ? null : (
            <Facet
              key={facet}
              facet={facet}
              values={facets[facet]}
              selected={selection[facet]}
              onToggle={(value) => onToggle(facet, value)}
            />
          ),
        )}
      </div>
    </details>
  );
}

function Facet({
  facet,
  values,
  selected,
  onToggle,
}: {
  facet: FacetName;
  values: Array<{ value: string; count: number }>;
  selected: string[];
  onToggle: (value: string) => void;
}) {
  const [all, setAll] = useState(false);
  const idBase = useId();
  // Ticked values always show, even past the short list.
  const shown = all ? values : values.filter((v, i) => i < shortList || selected.includes(v.value));
  return (
    <fieldset className="catalog-facet">
      <legend>{facetTitles[facet]}</legend>
      <ul>
        {shown.map(({ value, count }) => {
          const id = `${idBase}-${values.findIndex((v) => v.value === value)}`;
          return (
            <li key={value}>
              <input
                className="catalog-facet-check"
                type="checkbox"
                id={id}
                checked={selected.includes(value)}
                onChange={() => onToggle(value)}
              />
              <label htmlFor={id} title={value} className="catalog-facet-label">
                <span className="catalog-facet-value">{facetValueLabel(facet, value)}</span>
                <span className="catalog-facet-count">
                  {count}
                  <span className="visually-hidden">{count === 1 ? ' entity' : ' entities'}</span>
                </span>
              </label>
            </li>
          );
        })}
      </ul>
      {values.length > shortList && (
        <button type="button" className="link-button" aria-expanded={all} onClick={() => setAll(!all)}>
          {all ? 'Show fewer' : `Show all ${values.length}`}
        </button>
      )}
    </fieldset>
  );
}
