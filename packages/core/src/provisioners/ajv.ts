import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import type { FieldIssue } from '../errors/index.ts';

/**
 * Two Ajv instances: one strict, for Slipway's own schemas (provisioner documents), and one
 * lenient that fills in defaults, for the params schemas platform engineers write (which may
 * use keywords, such as `description` or `examples`, that strict mode would reject).
 */
export const strictAjv = new Ajv({ allErrors: true, strict: true });
export const paramsAjv = new Ajv({ allErrors: true, useDefaults: true, strict: false });

const compiled = new WeakMap<object, ValidateFunction>();

/** Compiles a params schema once per schema object. Throws Ajv's own error when it is not a schema. */
export function paramsValidator(schema: Record<string, unknown>): ValidateFunction {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = paramsAjv.compile(schema);
    compiled.set(schema, validate);
  }
  return validate;
}

/** Ajv's errors as field issues under `prefix`, pointing at the missing or unknown field itself. */
export function ajvIssues(errors: ErrorObject[] | null | undefined, prefix: string): FieldIssue[] {
  const issues = (errors ?? []).map((e): FieldIssue => {
    const params = e.params as Record<string, unknown>;
    const child = params.missingProperty ?? params.additionalProperty;
    const path = `${prefix}${e.instancePath}${child === undefined ? '' : `/${String(child)}`}`;
    if (params.missingProperty !== undefined) return { path, message: 'is required' };
    if (params.additionalProperty !== undefined) return { path, message: 'is not a known field' };
    if (Array.isArray(params.allowedValues)) {
      return { path, message: `must be one of: ${params.allowedValues.map(String).join(', ')}` };
    }
    return { path, message: e.message ?? 'is not valid' };
  });
  return dedupe(issues);
}

function dedupe(issues: FieldIssue[]): FieldIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const key = `${i.path}\n${i.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
