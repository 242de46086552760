/**
 * The checks Backstage's form fields (`ui:field`) make of their values, made again on the
 * server: a value sent by the API or the CLI, not picked in a form, meets the same rules.
 * EntityNamePicker: an entity name; RepoUrlPicker: `host?owner=o&repo=r`; OwnerPicker and
 * EntityPicker: an entity reference (MultiEntityPicker: a list of them). Messages follow
 * Backstage's. A picker's `ui:options` that narrow the choices in the form (allowedHosts,
 * allowedKinds) are for the form: the server does not enforce them.
 */
import { parseEntityRef } from '../catalog/entity-ref.ts';
import type { FieldIssue } from '../errors/index.ts';
import { parseRepoUrl } from './backstage-filters.ts';

// Backstage's isValidObjectName: 1 to 63 characters, alphanumerics around [-_.].
const entityName = /^[a-z0-9A-Z](?:[-_.a-zA-Z0-9]{0,61}[a-z0-9A-Z])?$/;

type Check = (value: unknown, defaultKind: string | undefined) => string | null;

const checks: Record<string, Check> = {
  EntityNamePicker: (value) =>
    typeof value === 'string' && !entityName.test(value)
      ? 'Must start and end with an alphanumeric character, and contain only alphanumeric characters, hyphens, ' +
        'underscores, and periods. Maximum length is 63 characters.'
      : null,
  RepoUrlPicker: (value) => {
    if (typeof value !== 'string') return null;
    const parts = parseRepoUrl(value);
    return parts.host && parts.repo && (parts.owner || parts.workspace || parts.project)
      ? null
      : 'Incomplete repository location provided: host?owner=OWNER&repo=REPO';
  },
  OwnerPicker: (value) => refProblem(value, 'group'),
  EntityPicker: (value, defaultKind) => refProblem(value, defaultKind),
  MultiEntityPicker: (value, defaultKind) =>
    Array.isArray(value) ? (value.map((v) => refProblem(v, defaultKind)).find(Boolean) ?? null) : null,
};

function refProblem(value: unknown, defaultKind: string | undefined): string | null {
  if (typeof value !== 'string') return null;
  try {
    parseEntityRef(value, defaultKind ? { defaultKind } : {});
    return null;
  } catch (error) {
    return `is not an entity reference: ${(error as Error).message}`;
  }
}

/** The problems of the values whose property names a picker, at `/parameters/NAME`. */
export function pickerIssues(schema: Record<string, unknown>, values: Record<string, unknown>): FieldIssue[] {
  const properties = (schema.properties ?? {}) as Record<string, Record<string, unknown> | undefined>;
  const issues: FieldIssue[] = [];
  for (const [name, property] of Object.entries(properties)) {
    const field = property?.['ui:field'];
    const check = typeof field === 'string' ? checks[field] : undefined;
    if (!check || values[name] === undefined) continue;
    const options = (property?.['ui:options'] ?? {}) as { catalogFilter?: { kind?: unknown } };
    const kind = typeof options.catalogFilter?.kind === 'string' ? options.catalogFilter.kind : undefined;
    const problem = check(values[name], kind);
    if (problem) issues.push({ path: `/parameters/${name}`, message: problem });
  }
  return issues;
}
