/**
 * The part of JSON Schema (and of Backstage's `ui:*` hints) the wizard turns into a form, and
 * the pure helpers around it: defaults, the pages, what to send, and the few checks made
 * before asking the server (required fields only: the server's validation is the one that
 * counts, and its field paths are shown next to the fields).
 */

export interface JsonSchema {
  type?: string | string[];
  title?: string;
  description?: string;
  default?: unknown;
  enum?: unknown[];
  enumNames?: string[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  'ui:widget'?: string;
  'ui:field'?: string;
  'ui:help'?: string;
  'ui:placeholder'?: string;
  'ui:autofocus'?: boolean;
  'ui:readonly'?: boolean;
  'ui:options'?: Record<string, unknown>;
  [keyword: string]: unknown;
}

export type Values = Record<string, unknown>;

export interface WizardPage {
  title: string;
  description?: string;
  properties: string[];
}

/** The schema's main type: the first non-null one of a type list. */
export function typeOf(schema: JsonSchema): string | undefined {
  if (Array.isArray(schema.type)) return schema.type.find((t) => t !== 'null');
  if (schema.type) return schema.type;
  if (schema.properties) return 'object';
  if (schema.enum) return 'string';
  return undefined;
}

/** The form's starting values: every `default`, nested objects included. */
export function initialValues(schema: JsonSchema): Values {
  const values: Values = {};
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    if (property.default !== undefined) values[name] = structuredClone(property.default);
    else if (typeOf(property) === 'object' && property.properties) values[name] = initialValues(property);
  }
  return values;
}

/**
 * The template's pages as the server describes them; parameters no page names (or every
 * parameter, when the template has no pages) are asked on a page of their own.
 */
export function wizardPages(schema: JsonSchema, pages: readonly WizardPage[]): WizardPage[] {
  const all = Object.keys(schema.properties ?? {});
  const listed = new Set(pages.flatMap((p) => p.properties));
  const usable = pages.filter((p) => p.properties.some((name) => all.includes(name)));
  const rest = all.filter((name) => !listed.has(name));
  if (rest.length) usable.push({ title: usable.length ? 'More details' : 'Parameters', properties: rest });
  return usable;
}

export const isEmpty = (value: unknown) =>
  value === undefined ||
  value === '' ||
  (typeof value === 'number' && Number.isNaN(value)) ||
  (Array.isArray(value) && value.length === 0) ||
  (isObject(value) && Object.keys(value).length === 0);

export function isObject(value: unknown): value is Values {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * What is sent: empty fields are left out, so an optional field left blank is not checked
 * against its pattern and the template's own `default` (filled in by the server) applies.
 */
export function parametersToSend(schema: JsonSchema, values: Values): Values {
  const out: Values = {};
  for (const [name, value] of Object.entries(values)) {
    const property = schema.properties?.[name];
    // A field the schema no longer has (a dependency's, its condition since changed) is not sent.
    if (schema.properties && !property) continue;
    let next = value;
    if (property && typeOf(property) === 'object' && isObject(value)) next = parametersToSend(property, value);
    if (Array.isArray(next)) next = next.filter((v) => v !== '');
    if (!isEmpty(next)) out[name] = next;
  }
  return out;
}

/**
 * Required fields left empty on a page, as `/parameters/...` paths like the server's, so one
 * lookup shows both. Nested objects are checked when they are required or partly filled.
 */
export function missingRequired(schema: JsonSchema, values: Values, names: readonly string[], prefix = '/parameters') {
  const problems: Array<{ path: string; message: string }> = [];
  const required = new Set(schema.required ?? []);
  for (const name of names) {
    const property = schema.properties?.[name];
    if (!property) continue;
    const value = values[name];
    const path = `${prefix}/${escapePointer(name)}`;
    if (typeOf(property) === 'object' && property.properties) {
      const inner = isObject(value) ? value : {};
      if (required.has(name) || !isEmpty(parametersToSend(property, inner)))
        problems.push(...missingRequired(property, inner, Object.keys(property.properties), path));
    } else if (
      required.has(name) &&
      (isEmpty(value) || (typeOf(property) === 'boolean' && value !== true && value !== false))
    )
      problems.push({ path, message: 'is required' });
  }
  return problems;
}

export function escapePointer(name: string): string {
  return name.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** A field's label: its title, else its name made readable (`repoUrl` → `Repo url`). */
export function labelOf(name: string, schema: JsonSchema): string {
  if (schema.title) return schema.title;
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[-_]+/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1).toLowerCase();
}

/** A value as a person reads it in the review. */
export function displayValue(value: unknown): string {
  if (value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (Array.isArray(value)) return value.map(displayValue).join(', ') || '—';
  if (isObject(value)) return JSON.stringify(value);
  return String(value);
}

/**
 * Backstage forms' conditional fields: a schema's `dependencies` (in the schema or its `allOf`
 * members, where the server's merge of the pages keeps them), each a schema or `oneOf` branches
 * told apart by the `enum` (or `const`) they give the field they depend on. Answers the schema
 * with the fields of the branches that apply to these values, their `required` included, and per
 * field the fields it brought in, to draw right after it.
 */
export function withActiveDependencies(
  schema: JsonSchema,
  values: Values,
): { schema: JsonSchema; added: Record<string, string[]> } {
  const members = [schema, ...((Array.isArray(schema.allOf) ? schema.allOf : []) as JsonSchema[])];
  const properties = { ...(schema.properties ?? {}) };
  const required = new Set(schema.required ?? []);
  const added: Record<string, string[]> = {};
  for (const member of members) {
    const dependencies = isObject(member.dependencies) ? member.dependencies : {};
    for (const [trigger, dependency] of Object.entries(dependencies)) {
      // A list of names (a property dependency) brings no field to draw.
      if (!isObject(dependency) || isEmpty(values[trigger])) continue;
      const branches = (Array.isArray(dependency.oneOf) ? dependency.oneOf : [dependency]) as JsonSchema[];
      const branch = branches.find((b) => selects(b.properties?.[trigger], values[trigger]));
      for (const [name, property] of Object.entries(branch?.properties ?? {})) {
        if (name === trigger || name in properties) continue;
        properties[name] = property;
        added[trigger] = [...(added[trigger] ?? []), name];
      }
      for (const name of branch?.required ?? []) if (name !== trigger) required.add(name);
    }
  }
  return { schema: { ...schema, properties, required: [...required] }, added };
}

/** Whether a branch's condition on the field it depends on holds for the field's value. */
function selects(condition: JsonSchema | undefined, value: unknown): boolean {
  if (!condition) return true;
  if (Array.isArray(condition.enum)) return condition.enum.some((choice) => choice === value);
  if ('const' in condition) return condition.const === value;
  return true;
}
