/**
 * Backstage entity references: `[kind:][namespace/]name`. A reference written in a document
 * may leave out the namespace (it is `default`) and, where the field implies one, the kind
 * (spec.owner means a Group). Stored references are lower-cased, because Backstage compares
 * them without regard to case.
 */
export interface EntityName {
  kind: string;
  namespace: string;
  name: string;
}

export const defaultNamespace = 'default';

export interface RefContext {
  /** The kind a reference without one means; without it, the kind is required. */
  defaultKind?: string;
  defaultNamespace?: string;
}

/** Parses a reference; throws an Error naming what is missing (callers turn it into an issue). */
export function parseEntityRef(ref: string, context: RefContext = {}): EntityName {
  const text = ref.trim();
  const colon = text.indexOf(':');
  const slash = text.indexOf('/');
  // A colon after the slash belongs to the name, as in Backstage.
  const hasKind = colon !== -1 && (slash === -1 || colon < slash);
  const kind = hasKind ? text.slice(0, colon) : context.defaultKind;
  const rest = hasKind ? text.slice(colon + 1) : text;
  const restSlash = rest.indexOf('/');
  const namespace = restSlash === -1 ? (context.defaultNamespace ?? defaultNamespace) : rest.slice(0, restSlash);
  const name = restSlash === -1 ? rest : rest.slice(restSlash + 1);
  if (!kind) throw new Error(`"${ref}" needs a kind, e.g. component:${text}`);
  if (!namespace) throw new Error(`"${ref}" has an empty namespace`);
  if (!name) throw new Error(`"${ref}" has an empty name`);
  return { kind, namespace, name };
}

/** The stored form: `kind:namespace/name`, lower-cased. */
export function formatEntityRef(entity: EntityName): string {
  return `${entity.kind}:${entity.namespace}/${entity.name}`.toLowerCase();
}

/** The reference of a document's own envelope. */
export function entityRefOf(entity: { kind: string; metadata: { name: string; namespace?: string } }): string {
  return formatEntityRef({
    kind: entity.kind,
    namespace: entity.metadata.namespace ?? defaultNamespace,
    name: entity.metadata.name,
  });
}
