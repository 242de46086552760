/**
 * Entity references as the catalog writes them (`kind:namespace/name`, lower-cased) and as
 * people read them: the portal path of an entity, a short name, a kind's proper spelling.
 */

export interface EntityName {
  kind: string;
  namespace: string;
  name: string;
}

/**
 * `component:default/checkout` → its parts; a bare name takes the default kind (Backstage's
 * rule: `owner: team-a` means `group:default/team-a`) and the default namespace.
 */
export function parseRef(ref: string, defaultKind = 'component'): EntityName {
  const match = /^(?:([^:/]+):)?(?:([^/]+)\/)?(.+)$/.exec(ref.trim());
  return {
    kind: (match?.[1] ?? defaultKind).toLowerCase(),
    namespace: (match?.[2] ?? 'default').toLowerCase(),
    name: match?.[3] ?? ref,
  };
}

export function refOf(entity: EntityName): string {
  return `${entity.kind}:${entity.namespace}/${entity.name}`.toLowerCase();
}

/** The portal page of an entity, optionally one of its tabs (`relations`, `docs/guides/setup.md`). */
export function entityPath(entity: EntityName | string, tab?: string): string {
  const e = typeof entity === 'string' ? parseRef(entity) : entity;
  const base = `/catalog/${encodeURIComponent(e.kind.toLowerCase())}/${encodeURIComponent(e.namespace)}/${encodeURIComponent(e.name)}`;
  return tab ? `${base}/${tab}` : base;
}

/** A reference as short as it stays unambiguous: the kind and namespace are left out when they are the usual ones. */
export function shortRef(ref: string, usualKind?: string): string {
  const e = parseRef(ref);
  const namespace = e.namespace === 'default' ? '' : `${e.namespace}/`;
  const kind = usualKind && e.kind === usualKind ? '' : `${e.kind}:`;
  return `${kind}${namespace}${e.name}`;
}

const kindNames: Record<string, string> = {
  api: 'API',
  component: 'Component',
  domain: 'Domain',
  group: 'Group',
  location: 'Location',
  resource: 'Resource',
  system: 'System',
  template: 'Template',
  user: 'User',
};

/** `api` → `API`, `component` → `Component`; unknown kinds get a capital letter. */
export function kindLabel(kind: string): string {
  const known = kindNames[kind.toLowerCase()];
  return known ?? kind.charAt(0).toUpperCase() + kind.slice(1);
}

/** The colour family of a kind (catalog.css gives each one light and dark shades). */
export function kindTone(kind: string | null | undefined): string {
  const k = (kind ?? '').toLowerCase();
  return k in kindNames ? k : 'other';
}
