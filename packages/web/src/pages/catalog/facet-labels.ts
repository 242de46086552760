import type { FacetName } from './catalog-api';
import { kindLabel, shortRef } from './refs';

export const facetTitles: Record<FacetName, string> = {
  kind: 'Kind',
  type: 'Type',
  owner: 'Owner',
  lifecycle: 'Lifecycle',
  system: 'System',
  tag: 'Tag',
};

/** A facet value as people read it: owners and systems come as full references from the API. */
export function facetValueLabel(facet: FacetName, value: string): string {
  if (facet === 'kind') return kindLabel(value);
  if (facet === 'owner') return shortRef(value, 'group');
  if (facet === 'system') return shortRef(value, 'system');
  return value;
}
