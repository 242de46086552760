import {
  apiEntityV1alpha1Validator,
  componentEntityV1alpha1Validator,
  DEFAULT_NAMESPACE,
  domainEntityV1alpha1Validator,
  EntityPolicies,
  FieldFormatEntityPolicy,
  groupEntityV1alpha1Validator,
  locationEntityV1alpha1Validator,
  NoForeignRootFieldsEntityPolicy,
  resourceEntityV1alpha1Validator,
  SchemaValidEntityPolicy,
  systemEntityV1alpha1Validator,
  userEntityV1alpha1Validator,
} from '@backstage/catalog-model';
import { entityRefOf } from './entity-ref.ts';
import { validateTemplate } from './template.ts';
import type { CatalogEntity, EntityIssue } from './types.ts';

/**
 * What reading one document gave: either an entity (stored, with whatever is wrong with it
 * shown on it), or no entity at all when the envelope is too broken to name one.
 */
export type ValidationResult =
  | { ok: true; entity: CatalogEntity; ref: string; issues: EntityIssue[] }
  | { ok: false; ref: string; issues: EntityIssue[] };

// Backstage's own rules for the envelope, in the order its catalog applies them; its first,
// DefaultNamespaceEntityPolicy, is applied by `withDefaultNamespace` below.
const policies = EntityPolicies.allOf([
  new NoForeignRootFieldsEntityPolicy(),
  new FieldFormatEntityPolicy(),
  new SchemaValidEntityPolicy(),
]);

const kindValidators = [
  componentEntityV1alpha1Validator,
  apiEntityV1alpha1Validator,
  systemEntityV1alpha1Validator,
  domainEntityV1alpha1Validator,
  resourceEntityV1alpha1Validator,
  groupEntityV1alpha1Validator,
  userEntityV1alpha1Validator,
  locationEntityV1alpha1Validator,
];

// Fields that make up the reference: if they are wrong, there is no entity to attach errors to.
const identityFields = ['/apiVersion', '/kind', '/metadata/name', '/metadata/namespace'];

/** Validates one parsed YAML document with Backstage's rules (async: its validators are). */
export async function validateEntity(document: unknown): Promise<ValidationResult> {
  const envelope = envelopeIssues(document);
  if (envelope.length > 0) return { ok: false, ref: guessRef(document), issues: envelope };
  const entity = withDefaultNamespace(structuredClone(document) as CatalogEntity);
  let normalised: CatalogEntity;
  try {
    normalised = ((await policies.enforce(entity as never)) ?? entity) as CatalogEntity;
  } catch (error) {
    const issue = issueFrom(error);
    if (identityFields.some((f) => issue.path === f || issue.path.startsWith(`${f}/`)))
      return { ok: false, ref: guessRef(document), issues: [issue] };
    return { ok: true, entity, ref: entityRefOf(entity), issues: [issue] };
  }
  return { ok: true, entity: normalised, ref: entityRefOf(normalised), issues: await kindIssues(normalised) };
}

/**
 * What Backstage's DefaultNamespaceEntityPolicy does, on the copy made above: it deep-merged
 * the entity into a new one to set one field (over half of the CPU of validating it). As
 * there, only a namespace left out is given the default; an empty or null one stays, and the
 * field-format policy reports it.
 */
function withDefaultNamespace(entity: CatalogEntity): CatalogEntity {
  if (entity.metadata.namespace === undefined) entity.metadata.namespace = DEFAULT_NAMESPACE;
  return entity;
}

async function kindIssues(entity: CatalogEntity): Promise<EntityIssue[]> {
  if (entity.kind === 'Template') return validateTemplate(entity);
  for (const validator of kindValidators) {
    try {
      if (await validator.check(entity as never)) return [];
    } catch (error) {
      return [issueFrom(error)];
    }
  }
  return [
    {
      path: '/kind',
      message: `${entity.kind} (${entity.apiVersion}) is not a kind the catalog knows: use one of Backstage's built-in kinds`,
    },
  ];
}

function envelopeIssues(document: unknown): EntityIssue[] {
  if (document === null || typeof document !== 'object' || Array.isArray(document))
    return [{ path: '', message: 'a catalog entity must be a mapping with apiVersion, kind and metadata' }];
  const d = document as Record<string, unknown>;
  const issues: EntityIssue[] = [];
  if (typeof d.apiVersion !== 'string' || !d.apiVersion) issues.push({ path: '/apiVersion', message: 'is required' });
  if (typeof d.kind !== 'string' || !d.kind) issues.push({ path: '/kind', message: 'is required' });
  const metadata = d.metadata as Record<string, unknown> | undefined;
  if (metadata === null || typeof metadata !== 'object' || Array.isArray(metadata))
    issues.push({ path: '/metadata', message: 'is required and must be a mapping' });
  else if (typeof metadata.name !== 'string' || !metadata.name)
    issues.push({ path: '/metadata/name', message: 'is required' });
  return issues;
}

/** The reference a broken document seems to mean, for error messages; '' when it has none. */
function guessRef(document: unknown): string {
  const d = (document ?? {}) as { kind?: unknown; metadata?: { name?: unknown; namespace?: unknown } };
  if (typeof d.kind !== 'string' || typeof d.metadata?.name !== 'string') return '';
  const namespace = typeof d.metadata.namespace === 'string' ? d.metadata.namespace : 'default';
  return `${d.kind}:${namespace}/${d.metadata.name}`.toLowerCase();
}

/**
 * Backstage reports problems as messages: ajv's `/spec/owner must be string` or the field
 * policies' `"metadata.name" is not valid; ...`. The field becomes the issue's path.
 */
function issueFrom(error: unknown): EntityIssue {
  const message = error instanceof Error ? error.message : String(error);
  const pointer = /^(\/[^\s]*) (.*)$/s.exec(message);
  if (pointer) return { path: pointer[1] as string, message: pointer[2] as string };
  const dotted = /^"([A-Za-z0-9_.[\]-]+)"/.exec(message);
  if (dotted) return { path: `/${(dotted[1] as string).replaceAll('.', '/')}`, message: shorten(message) };
  const unknownField = /^Unknown field (\S+)/.exec(message);
  if (unknownField) return { path: `/${unknownField[1]}`, message: 'is not a field of an entity' };
  return { path: '', message: shorten(message) };
}

// Backstage appends a link to its file format ADR to every message; the docs link it once.
function shorten(message: string): string {
  return message.replace(/\s*To learn more about catalog file format.*$/s, '');
}
