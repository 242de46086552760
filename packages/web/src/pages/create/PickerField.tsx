import { useQuery } from '@tanstack/react-query';
import { useContext } from 'react';
import { api, call } from '../../api/client';
import { describedBy, FieldFrame, helpLines } from './FieldFrame';
import { type FieldProps, FormContext } from './field-context';
import { fieldId, problemAt } from './problems';
import { labelOf } from './schema';

interface Entity {
  kind: string;
  namespace: string;
  name: string;
  title: string;
}

/** The kinds a picker offers: `allowedKinds`, or the kinds of its `catalogFilter`. */
export function pickerKinds(options: Record<string, unknown>, owner: boolean): string[] {
  if (Array.isArray(options.allowedKinds)) return options.allowedKinds.map(String);
  const filters = Array.isArray(options.catalogFilter) ? options.catalogFilter : [options.catalogFilter];
  const kinds = filters.flatMap((f) => {
    const kind = (f as { kind?: unknown } | undefined)?.kind;
    return kind === undefined ? [] : Array.isArray(kind) ? kind.map(String) : [String(kind)];
  });
  if (kinds.length) return kinds;
  return owner ? ['Group'] : [];
}

/**
 * The reference a picker stores, as Backstage's pickers write it: `kind:namespace/name`, with
 * the kind and namespace left out when they are the `defaultKind` and `defaultNamespace`.
 */
export function entityValue(e: Entity, options: Record<string, unknown>): string {
  const sameKind =
    typeof options.defaultKind === 'string' && options.defaultKind.toLowerCase() === e.kind.toLowerCase();
  const sameNamespace = typeof options.defaultNamespace === 'string' && options.defaultNamespace === e.namespace;
  const name = sameNamespace ? e.name : `${e.namespace}/${e.name}`;
  return sameKind ? name : `${e.kind.toLowerCase()}:${name}`;
}

/**
 * `ui:field: OwnerPicker` / `EntityPicker`: a select of catalog entities (groups for an owner).
 * An owner picker with no groups in the catalog offers Slipway's teams; with nothing to offer
 * at all it is a text field, so the form can still be filled in.
 */
export function PickerField({ name, schema, path, required, value, onChange }: FieldProps) {
  const id = fieldId(path);
  const { issues, teams } = useContext(FormContext);
  const problem = problemAt(issues, path);
  const options = (schema['ui:options'] ?? {}) as Record<string, unknown>;
  const owner = schema['ui:field'] === 'OwnerPicker';
  const kinds = pickerKinds(options, owner);
  const entities = useQuery({
    queryKey: ['create', 'picker', kinds],
    queryFn: () =>
      call(
        api.GET('/api/v1/catalog/entities', {
          params: { query: { ...(kinds.length ? { kind: kinds } : {}), limit: 500 } },
        }),
      ),
  });
  let choices = (entities.data?.items ?? []).map((e) => ({
    value: entityValue(e, options),
    label: `${e.title || e.name}${kinds.length === 1 ? '' : ` (${e.kind})`}${e.namespace === 'default' ? '' : ` · ${e.namespace}`}`,
  }));
  if (owner && choices.length === 0) choices = teams.map((t) => ({ value: t, label: t }));
  const current = typeof value === 'string' ? value : '';
  if (current && !choices.some((c) => c.value === current)) choices.unshift({ value: current, label: current });

  const help = helpLines(schema);
  if (entities.isError) help.push('The catalog could not be read; type a reference instead.');
  const label = labelOf(name, schema);
  const common = {
    id,
    'aria-invalid': problem ? true : undefined,
    'aria-required': required || undefined,
    'aria-describedby': describedBy(id, help, problem),
    autoFocus: schema['ui:autofocus'] === true,
  } as const;
  const free = !entities.isPending && choices.length === 0;
  return (
    <FieldFrame id={id} label={label} required={required} help={help} problem={problem}>
      {free ? (
        <input
          {...common}
          value={current}
          placeholder="kind:namespace/name"
          onChange={(e) => onChange(e.target.value)}
        />
      ) : (
        <select
          {...common}
          value={current}
          disabled={entities.isPending}
          onChange={(e) => onChange(e.target.value || undefined)}
        >
          <option value="">
            {entities.isPending ? 'Loading the catalog…' : owner ? 'Choose an owner…' : 'Choose…'}
          </option>
          {choices.map((c) => (
            <option key={c.value} value={c.value}>
              {c.label}
            </option>
          ))}
        </select>
      )}
    </FieldFrame>
  );
}
