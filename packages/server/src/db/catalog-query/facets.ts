import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Schema } from '../schema.ts';
import type { FullTextFilter } from './cursor.ts';
import { documentPath } from './fields.ts';
import type { EntityFilter } from './filter.ts';
import { whereOf } from './query-entities.ts';

export type Facets = Record<string, Array<{ value: string; count: number }>>;

const facetColumns: Record<string, string> = {
  kind: 'kind',
  'metadata.namespace': 'namespace',
  'spec.type': 'type',
  'spec.owner': 'owner',
  'spec.lifecycle': 'lifecycle',
  'spec.system': 'system',
};

/**
 * The values of one facet over the matching entities (`m`), one row per value: from the
 * columns (lower-cased kind, owners as full references: values the filters take back), or
 * as written in the documents, which is what Backstage's facets count.
 */
function facetValues(field: string, asWritten = false): RawBuilder<unknown> {
  const column = asWritten ? undefined : facetColumns[field];
  if (column) return sql`select m.${sql.ref(column)} as value from m where m.${sql.ref(column)} <> ''`;
  if (field === 'metadata.tags') return sql`select unnest(m.tags) as value from m`;
  // Any other field, from the document; a list counts each of its elements.
  const path = documentPath(field);
  return sql`select element.value from m, jsonb_array_elements_text(case jsonb_typeof(m.entity #> ${path})
      when 'array' then m.entity #> ${path} else jsonb_build_array(m.entity #> ${path}) end) as element(value)
    where m.entity #> ${path} is not null`;
}

/**
 * Counts per value of each facet among the entities the filter keeps: one statement, the
 * matching rows read once and grouped per facet. Most frequent first, then by value.
 */
export async function entityFacets(
  db: Kysely<Schema>,
  query: { filter: EntityFilter; text?: FullTextFilter | undefined },
  fields: readonly string[],
  options: { asWritten?: boolean } = {},
): Promise<Facets> {
  const facets: Facets = Object.fromEntries(fields.map((f) => [f, []]));
  if (fields.length === 0) return facets;
  const groups = fields.map(
    (field, i) =>
      sql`select ${i}::int as facet, f.value, count(*) as n from (${facetValues(field, options.asWritten)}) f group by f.value`,
  );
  // The document is only read when a facet needs a field that has no column.
  const needsDocument = options.asWritten || fields.some((f) => !(f in facetColumns) && f !== 'metadata.tags');
  const document = needsDocument ? sql`, e.entity` : sql``;
  const { rows } = await sql<{ facet: number; value: string; n: string | number }>`
    with m as (select e.kind, e.namespace, e.type, e.owner, e.lifecycle, e.system, e.tags${document}
      from catalog_entities e where ${whereOf(query)})
    ${sql.join(groups, sql` union all `)}
    order by facet, n desc, value`.execute(db);
  for (const row of rows) facets[fields[row.facet] as string]?.push({ value: row.value, count: Number(row.n) });
  return facets;
}
