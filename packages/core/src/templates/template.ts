/**
 * A scaffolder template (`scaffolder.backstage.io/v1beta3`) read into what the runner needs:
 * one JSON Schema for all parameter pages, the steps, and the output.
 */

import { validateTemplate } from '../catalog/template.ts';
import type { CatalogEntity } from '../catalog/types.ts';
import { SlipwayError } from '../errors/index.ts';
import { jsonPointer } from '../errors/json-pointer.ts';
import { ajvIssues, paramsValidator } from '../provisioners/ajv.ts';
import { checkDepth, templateLimits, tooDeep } from './limits.ts';
import { orderedPropertyNames } from './parameter-order.ts';
import { pickerIssues } from './pickers.ts';

export interface TemplateStep {
  id: string;
  name: string;
  action: string;
  input: Record<string, unknown>;
  /** A condition (`${{ parameters.environment }}`); the step is skipped when it is falsy. */
  if?: unknown;
}

export interface TemplateOutputLink {
  title?: string;
  url?: string;
  entityRef?: string;
  icon?: string;
}

export interface TemplateDefinition {
  namespace: string;
  name: string;
  title: string;
  description: string;
  type: string;
  owner: string;
  tags: string[];
  /** The parameter pages merged into one object schema. */
  parameters: Record<string, unknown>;
  /** Parameter names whose values are never stored (`ui:widget: password`, `ui:field: Secret`). */
  secretParameters: string[];
  steps: TemplateStep[];
  output: { links: TemplateOutputLink[]; text: unknown[] };
}

export function templateInvalid(ref: string, issues: Array<{ path: string; message: string }>): SlipwayError {
  return new SlipwayError('invalid_input', `Template ${ref} is not valid`, { fields: issues });
}

export function parseScaffolderTemplate(entity: CatalogEntity): TemplateDefinition {
  const ref = `template:${entity.metadata.namespace ?? 'default'}/${entity.metadata.name}`;
  if (entity.kind !== 'Template') throw templateInvalid(ref, [{ path: '/kind', message: 'must be Template' }]);
  // First, before anything walks the spec: a value nested thousands deep would overflow the stack.
  const deep = tooDeep(entity.spec, templateLimits.specDepth);
  if (deep)
    throw templateInvalid(ref, [
      {
        path: `/spec${jsonPointer(deep)}`,
        message: `nests deeper than ${templateLimits.specDepth} levels (specDepth)`,
      },
    ]);
  const issues = validateTemplate(entity);
  const spec = entity.spec as Record<string, unknown>;
  const steps = Array.isArray(spec?.steps) ? (spec.steps as Array<Record<string, unknown>>) : [];
  const ids = new Set<string>();
  steps.forEach((step, i) => {
    const id = typeof step.id === 'string' ? step.id : `step-${i + 1}`;
    if (ids.has(id)) issues.push({ path: `/spec/steps/${i}/id`, message: `"${id}" is used by another step` });
    ids.add(id);
    if (
      step.input !== undefined &&
      (typeof step.input !== 'object' || step.input === null || Array.isArray(step.input))
    )
      issues.push({ path: `/spec/steps/${i}/input`, message: 'must be a mapping' });
  });
  if (issues.length) throw templateInvalid(ref, issues);
  const pages = parameterPages(spec.parameters);
  const output = (spec.output ?? {}) as Record<string, unknown>;
  return {
    namespace: entity.metadata.namespace ?? 'default',
    name: entity.metadata.name,
    title: entity.metadata.title ?? entity.metadata.name,
    description: entity.metadata.description ?? '',
    type: String(spec.type),
    owner: typeof spec.owner === 'string' ? spec.owner : '',
    tags: entity.metadata.tags ?? [],
    parameters: mergeParameterPages(pages),
    secretParameters: secretNames(pages),
    steps: steps.map((step, i) => ({
      id: typeof step.id === 'string' ? step.id : `step-${i + 1}`,
      name: typeof step.name === 'string' ? step.name : String(step.action),
      action: String(step.action),
      input: (step.input ?? {}) as Record<string, unknown>,
      ...(step.if !== undefined ? { if: step.if } : {}),
    })),
    output: {
      links: Array.isArray(output.links) ? (output.links as TemplateOutputLink[]) : [],
      text: Array.isArray(output.text) ? output.text : [],
    },
  };
}

function parameterPages(parameters: unknown): Array<Record<string, unknown>> {
  if (parameters === undefined) return [];
  return (Array.isArray(parameters) ? parameters : [parameters]) as Array<Record<string, unknown>>;
}

/**
 * The form's pages as one schema: their properties and required lists united; any other
 * keywords of a page (dependencies, oneOf, ...) kept as an `allOf` member so they still apply.
 */
export function mergeParameterPages(pages: ReadonlyArray<Record<string, unknown>>): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  const required = new Set<string>();
  const allOf: Array<Record<string, unknown>> = [];
  for (const page of pages) {
    const own = (page.properties ?? {}) as Record<string, unknown>;
    for (const name of orderedPropertyNames(page)) properties[name] = own[name];
    for (const name of Array.isArray(page.required) ? page.required : []) required.add(String(name));
    const { properties: _p, required: _r, title: _t, description: _d, type: _y, ...rest } = page;
    if (Object.keys(rest).some((key) => !key.startsWith('ui:'))) allOf.push(rest);
  }
  return {
    type: 'object',
    properties,
    ...(required.size ? { required: [...required] } : {}),
    ...(allOf.length ? { allOf } : {}),
  };
}

function secretNames(pages: ReadonlyArray<Record<string, unknown>>): string[] {
  const names: string[] = [];
  for (const page of pages) {
    for (const [name, schema] of Object.entries((page.properties ?? {}) as Record<string, Record<string, unknown>>)) {
      if (schema?.['ui:widget'] === 'password' || schema?.['ui:field'] === 'Secret') names.push(name);
    }
  }
  return names;
}

/**
 * Checks the given parameters against the template's schema, filling in defaults. Problems come
 * back as one invalid_input error with `/parameters/...` paths.
 */
export function validateParameters(template: TemplateDefinition, given: unknown): Record<string, unknown> {
  // Measured without recursion before anything recursive (cloning, the schema check) sees it.
  checkDepth(given, templateLimits.parameterDepth, '/parameters', 'Template parameters');
  const parameters = structuredClone(given ?? {}) as Record<string, unknown>;
  if (typeof parameters !== 'object' || Array.isArray(parameters))
    throw new SlipwayError('invalid_input', 'Template parameters must be an object', {
      fields: [{ path: '/parameters', message: 'must be an object' }],
    });
  let validate: ReturnType<typeof paramsValidator>;
  try {
    validate = paramsValidator(template.parameters);
  } catch (error) {
    throw new SlipwayError('invalid_input', `Template ${template.name} has a parameter schema that is not valid`, {
      cause: error,
    });
  }
  // Every problem at once: the schema's and the form fields' (EntityNamePicker's name rule …).
  const issues = [
    ...(validate(parameters) ? [] : ajvIssues(validate.errors, '/parameters')),
    ...pickerIssues(template.parameters, parameters),
  ];
  if (issues.length > 0)
    throw new SlipwayError('invalid_input', `The parameters do not fit template ${template.name}`, { fields: issues });
  return parameters;
}

/** Parameters with secret values replaced, for storing and showing. */
export function redactParameters(template: TemplateDefinition, parameters: Record<string, unknown>) {
  const out = { ...parameters };
  for (const name of template.secretParameters) if (name in out) out[name] = '***';
  return out;
}

/** Names of required parameters the given set lacks (the CLI prompts for them). */
export function missingParameters(template: TemplateDefinition, given: Record<string, unknown>): string[] {
  const required = (template.parameters.required ?? []) as string[];
  return required.filter((name) => given[name] === undefined || given[name] === '');
}
