import { jsonPointer } from '../errors/index.ts';
import { hasActions, parseTemplate, renderTemplate, type TemplateScope } from './template.ts';
import { TemplateError } from './template-error.ts';

/**
 * Renders a tree of template values: every string is a template, everything else is copied.
 * A key (or list item) whose lone action has no value is left out, so an optional param can
 * leave an optional field of a manifest unset. `pointer` names the tree inside its provisioner.
 */
export function renderValues(value: unknown, scope: TemplateScope, pointer: string): unknown {
  if (typeof value === 'string') return renderString(value, scope, pointer);
  if (Array.isArray(value)) {
    return value.map((v, i) => renderValues(v, scope, `${pointer}/${i}`)).filter((v) => v !== undefined);
  }
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    const rendered = renderValues(v, scope, `${pointer}${jsonPointer([key])}`);
    if (rendered !== undefined) out[key] = rendered;
  }
  return out;
}

function renderString(text: string, scope: TemplateScope, pointer: string): unknown {
  if (!hasActions(text)) return text;
  try {
    return renderTemplate(parseTemplate(text), scope);
  } catch (error) {
    if (error instanceof TemplateError) error.pointer ??= pointer;
    throw error;
  }
}

/** Renders `init` one key at a time: each value may read the ones before it as `.init.NAME`. */
export function renderInit(
  init: Record<string, unknown> | undefined,
  scope: TemplateScope,
  pointer: string,
): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  const data = { ...scope.data, init: values };
  for (const [key, template] of Object.entries(init ?? {})) {
    const rendered = renderValues(template, { ...scope, data }, `${pointer}${jsonPointer([key])}`);
    if (rendered !== undefined) values[key] = rendered;
  }
  return values;
}
