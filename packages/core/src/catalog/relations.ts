import { formatEntityRef, parseEntityRef } from './entity-ref.ts';
import type { CatalogEntity, EntityIssue } from './types.ts';

/** Backstage's relation types, each with its inverse. */
export const relationInverses = {
  ownedBy: 'ownerOf',
  ownerOf: 'ownedBy',
  dependsOn: 'dependencyOf',
  dependencyOf: 'dependsOn',
  providesApi: 'apiProvidedBy',
  apiProvidedBy: 'providesApi',
  consumesApi: 'apiConsumedBy',
  apiConsumedBy: 'consumesApi',
  partOf: 'hasPart',
  hasPart: 'partOf',
  memberOf: 'hasMember',
  hasMember: 'memberOf',
  parentOf: 'childOf',
  childOf: 'parentOf',
} as const;

export type RelationType = keyof typeof relationInverses;

/** One stored relation row: `source` --type--> `target`, both lower-cased references. */
export interface CatalogRelation {
  source: string;
  type: RelationType;
  target: string;
}

/** A relation the document declares, with the field that declares it (for error messages). */
export interface DeclaredRelation {
  type: RelationType;
  target: string;
  path: string;
}

/** Which spec field makes which relation, per kind; `kind` is what a bare name refers to. */
interface RelationField {
  field: string;
  type: RelationType;
  kind?: string;
}

const owner: RelationField = { field: 'owner', type: 'ownedBy', kind: 'Group' };
const dependsOn: RelationField = { field: 'dependsOn', type: 'dependsOn' };
const dependencyOf: RelationField = { field: 'dependencyOf', type: 'dependencyOf' };
const system: RelationField = { field: 'system', type: 'partOf', kind: 'System' };

// Mirrors Backstage's BuiltinKindsEntityProcessor.
const fieldsByKind: Record<string, RelationField[]> = {
  component: [
    owner,
    system,
    { field: 'subcomponentOf', type: 'partOf', kind: 'Component' },
    { field: 'providesApis', type: 'providesApi', kind: 'API' },
    { field: 'consumesApis', type: 'consumesApi', kind: 'API' },
    dependsOn,
    dependencyOf,
  ],
  api: [owner, system],
  resource: [owner, dependsOn, dependencyOf, system],
  system: [owner, { field: 'domain', type: 'partOf', kind: 'Domain' }],
  domain: [owner, { field: 'subdomainOf', type: 'partOf', kind: 'Domain' }],
  group: [
    { field: 'parent', type: 'childOf', kind: 'Group' },
    { field: 'children', type: 'parentOf', kind: 'Group' },
    { field: 'members', type: 'hasMember', kind: 'User' },
  ],
  user: [{ field: 'memberOf', type: 'memberOf', kind: 'Group' }],
  template: [owner],
};

/**
 * The relations an entity's own fields declare. Namespaces default to the entity's own, as in
 * Backstage; a reference that cannot be read becomes an issue instead of a relation.
 */
export function declaredRelations(entity: CatalogEntity): { relations: DeclaredRelation[]; issues: EntityIssue[] } {
  const relations: DeclaredRelation[] = [];
  const issues: EntityIssue[] = [];
  const namespace = entity.metadata.namespace ?? 'default';
  const spec = entity.spec ?? {};
  for (const { field, type, kind } of fieldsByKind[entity.kind.toLowerCase()] ?? []) {
    const value = spec[field];
    if (value === undefined || value === null) continue;
    const list = Array.isArray(value) ? value : [value];
    list.forEach((item, i) => {
      const path = Array.isArray(value) ? `/spec/${field}/${i}` : `/spec/${field}`;
      if (typeof item !== 'string') {
        issues.push({ path, message: 'must be an entity reference' });
        return;
      }
      try {
        const target = formatEntityRef(
          parseEntityRef(item, { defaultNamespace: namespace, ...(kind ? { defaultKind: kind } : {}) }),
        );
        relations.push({ type, target, path });
      } catch (error) {
        issues.push({ path, message: (error as Error).message });
      }
    });
  }
  return { relations, issues };
}

/** Every row to store for an entity: each declared relation and its inverse, without repeats. */
export function relationRows(ref: string, declared: readonly DeclaredRelation[]): CatalogRelation[] {
  const rows = new Map<string, CatalogRelation>();
  for (const { type, target } of declared) {
    for (const row of [
      { source: ref, type, target },
      { source: target, type: relationInverses[type], target: ref },
    ])
      rows.set(`${row.source} ${row.type} ${row.target}`, row);
  }
  return [...rows.values()];
}
