import { invalidInput } from '@slipway/core';

/**
 * Which entities a query keeps, as Backstage states it: a list of alternatives (any may
 * match), each a set of fields that must all match, each field with values any of which may
 * match; a field whose values are null only has to be present. Values compare case-insensitively.
 */
export type EntityFilter = Array<Record<string, string[] | null>>;

/** A field path a filter, facet, order or projection may name: `kind`, `spec.type`, `metadata.annotations.x/y`. */
const fieldPath = /^[A-Za-z0-9_][A-Za-z0-9_./@:-]*$/;

export function assertFieldPath(path: string, pointer: string): string {
  if (path.length > 200 || !fieldPath.test(path)) {
    throw invalidInput(`${JSON.stringify(path)} is not a field path`, [
      { path: pointer, message: 'expected a dotted field path like kind or spec.type', in: 'query' },
    ]);
  }
  return path;
}

/**
 * Parses Backstage's `filter` query parameters: each occurrence an alternative, written
 * `key=value,key=value` (the same key twice: either value), a bare `key` meaning "has the field".
 */
export function parseBackstageFilter(params: readonly string[]): EntityFilter {
  const alternatives: EntityFilter = [];
  params.forEach((param, index) => {
    const conditions: Record<string, string[] | null> = {};
    for (const part of param.split(',')) {
      const trimmed = part.trim();
      if (trimmed === '') continue;
      const eq = trimmed.indexOf('=');
      const key = assertFieldPath((eq < 0 ? trimmed : trimmed.slice(0, eq)).trim(), `/filter/${index}`);
      if (eq < 0) {
        conditions[key] ??= null;
        continue;
      }
      const value = trimmed.slice(eq + 1).trim();
      conditions[key] = [...(conditions[key] ?? []), value];
    }
    if (Object.keys(conditions).length > 0) alternatives.push(conditions);
  });
  return alternatives;
}

/** Slipway's own query parameters, each a list of values any of which may match. */
export interface CatalogParams {
  kind?: string[];
  namespace?: string[];
  type?: string[];
  owner?: string[];
  lifecycle?: string[];
  system?: string[];
  tag?: string[];
}

/** Slipway's filter and facet names, and the entity fields they stand for. */
export const paramFields: Readonly<Record<keyof CatalogParams, string>> = {
  kind: 'kind',
  namespace: 'metadata.namespace',
  type: 'spec.type',
  owner: 'spec.owner',
  lifecycle: 'spec.lifecycle',
  system: 'spec.system',
  tag: 'metadata.tags',
};

/** Slipway's parameters as one alternative; `kind=component,api` and `kind=component&kind=api` both mean either. */
export function filterFromParams(params: CatalogParams): EntityFilter {
  const conditions: Record<string, string[]> = {};
  for (const [param, field] of Object.entries(paramFields) as Array<[keyof CatalogParams, string]>) {
    const values = (params[param] ?? [])
      .flatMap((v) => v.split(','))
      .map((v) => v.trim())
      .filter((v) => v !== '');
    if (values.length > 0) conditions[field] = values;
  }
  return Object.keys(conditions).length > 0 ? [conditions] : [];
}
