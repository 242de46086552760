import { type RawBuilder, sql } from 'kysely';
import type { EntityFilter } from './filter.ts';

/**
 * Where each field of an entity lives in SQL. The fields queries filter on most have columns
 * of their own (indexed); any other path is read from the stored document.
 */
const columns: Record<string, string> = {
  kind: 'kind',
  'metadata.namespace': 'namespace',
  'metadata.name': 'name',
  'metadata.title': 'title',
  'metadata.description': 'description',
  'spec.type': 'type',
  'spec.owner': 'owner',
  'spec.lifecycle': 'lifecycle',
  'spec.system': 'system',
};

/** Columns ingestion writes lower-cased (kind, namespace, name, and owner and system as references). */
const storedLowerCase = new Set(['kind', 'namespace', 'name', 'owner', 'system']);

/** Kinds a bare name in these fields refers to, so `owner=team-a` finds `group:default/team-a` too. */
const refKinds: Record<string, string> = { 'spec.owner': 'group', 'spec.system': 'system' };

/**
 * The JSON path of a field inside the document. Annotation and label keys hold dots of their
 * own (`backstage.io/techdocs-ref`), so everything after `metadata.annotations.` is one key.
 */
export function documentPath(field: string): string[] {
  const keyed = /^metadata\.(annotations|labels)\.(.+)$/.exec(field);
  if (keyed) return ['metadata', keyed[1] as string, keyed[2] as string];
  return field.split('.');
}

/** A field's value as text for ordering and substring search. */
export function textOf(field: string): RawBuilder<string> {
  const column = columns[field];
  if (column) return sql<string>`e.${sql.ref(column)}`;
  if (field === 'metadata.tags') return sql<string>`array_to_string(e.tags, ' ')`;
  return sql<string>`(e.entity #>> ${documentPath(field)})`;
}

/** The SQL condition of a whole filter: any alternative, every field of it. */
export function filterCondition(filter: EntityFilter): RawBuilder<boolean> {
  if (filter.length === 0) return sql<boolean>`true`;
  const alternatives = filter.map((conditions) => {
    const parts = Object.entries(conditions).map(([field, values]) => fieldCondition(field, values));
    return sql<boolean>`(${sql.join(parts, sql` and `)})`;
  });
  return sql<boolean>`(${sql.join(alternatives, sql` or `)})`;
}

function fieldCondition(field: string, values: string[] | null): RawBuilder<boolean> {
  const wanted =
    values === null
      ? null
      : expand(
          field,
          values.map((v) => v.toLowerCase()),
        );
  const column = columns[field];
  if (column) {
    if (wanted === null) return sql<boolean>`e.${sql.ref(column)} <> ''`;
    // Ingestion stores these lower-cased already: compared bare, their indexes serve.
    if (storedLowerCase.has(column)) return sql<boolean>`e.${sql.ref(column)} = any(${wanted}::text[])`;
    return sql<boolean>`lower(e.${sql.ref(column)}) = any(${wanted}::text[])`;
  }
  if (field === 'metadata.tags') {
    return wanted === null ? sql<boolean>`cardinality(e.tags) > 0` : sql<boolean>`e.tags && ${wanted}::text[]`;
  }
  if (field === 'metadata.uid') return matchText(sql`e.entity #>> '{metadata,uid}'`, wanted);
  if (field.startsWith('relations.')) return relationCondition(field.slice('relations.'.length), wanted);
  const path = documentPath(field);
  if (wanted === null) return sql<boolean>`(e.entity #> ${path}) is not null`;
  // A field holding a list matches when any element does, as Backstage's search table does.
  return sql<boolean>`(lower(e.entity #>> ${path}) = any(${wanted}::text[]) or exists (
    select 1 from jsonb_array_elements_text(case when jsonb_typeof(e.entity #> ${path}) = 'array'
      then e.entity #> ${path} else '[]'::jsonb end) as element(value)
    where lower(element.value) = any(${wanted}::text[])))`;
}

function matchText(expression: RawBuilder<unknown>, wanted: string[] | null): RawBuilder<boolean> {
  if (wanted === null) return sql<boolean>`${expression} is not null`;
  return sql<boolean>`lower(${expression}) = any(${wanted}::text[])`;
}

/** `relations.ownedBy=group:default/team-a`: the entity has that relation to that target. */
function relationCondition(type: string, wanted: string[] | null): RawBuilder<boolean> {
  const target = wanted === null ? sql`true` : sql`r.target_ref = any(${wanted}::text[])`;
  return sql<boolean>`exists (select 1 from catalog_relations r
    where r.source_ref = e.ref and lower(r.type) = ${type.toLowerCase()} and ${target})`;
}

function expand(field: string, values: string[]): string[] {
  const kind = refKinds[field];
  if (!kind) return values;
  const more = values.flatMap((v) => {
    if (!v.includes(':') && !v.includes('/')) return [`${kind}:default/${v}`];
    const full = new RegExp(`^${kind}:default/(.+)$`).exec(v);
    return full ? [full[1] as string] : [];
  });
  return [...new Set([...values, ...more])];
}
