import type { CatalogEntity, EntityIssue } from './types.ts';

/** The Template apiVersions read: the scaffolder's current one, and Backstage's older envelope. */
export const templateApiVersions = ['scaffolder.backstage.io/v1beta3', 'backstage.io/v1beta1'];

/**
 * Backstage validates templates in its scaffolder plugin, not in the catalog model, so the
 * minimal shape of `scaffolder.backstage.io/v1beta3` is checked here: a type, steps that each
 * name an action, and parameters/output of the right JSON types.
 */
export function validateTemplate(entity: CatalogEntity): EntityIssue[] {
  if (!templateApiVersions.includes(entity.apiVersion))
    return [{ path: '/apiVersion', message: `a Template must be one of ${templateApiVersions.join(', ')}` }];
  const spec = entity.spec;
  if (!isMapping(spec)) return [{ path: '/spec', message: 'is required and must be a mapping' }];
  const issues: EntityIssue[] = [];
  if (typeof spec.type !== 'string' || !spec.type) issues.push({ path: '/spec/type', message: 'is required' });
  for (const field of ['owner', 'lifecycle'] as const)
    if (spec[field] !== undefined && typeof spec[field] !== 'string')
      issues.push({ path: `/spec/${field}`, message: 'must be a string' });
  if (spec.parameters !== undefined && !isMapping(spec.parameters) && !Array.isArray(spec.parameters))
    issues.push({ path: '/spec/parameters', message: 'must be a mapping or a list of mappings' });
  if (spec.output !== undefined && !isMapping(spec.output))
    issues.push({ path: '/spec/output', message: 'must be a mapping' });
  if (!Array.isArray(spec.steps)) issues.push({ path: '/spec/steps', message: 'is required and must be a list' });
  else
    spec.steps.forEach((step, i) => {
      if (!isMapping(step)) issues.push({ path: `/spec/steps/${i}`, message: 'must be a mapping' });
      else if (typeof step.action !== 'string' || !step.action)
        issues.push({ path: `/spec/steps/${i}/action`, message: 'is required' });
    });
  return issues;
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
