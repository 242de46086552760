import { type ReactNode, useContext, useState } from 'react';
import { describedBy, FieldError, FieldFrame, FieldHelp, helpLines, RequiredMark } from './FieldFrame';
import { type FieldProps, FormContext } from './field-context';
import { PickerField } from './PickerField';
import { fieldId, problemAt } from './problems';
import { escapePointer, isObject, type JsonSchema, labelOf, typeOf, type Values } from './schema';

type Widget =
  | 'object'
  | 'checkbox'
  | 'select'
  | 'checkboxes'
  | 'lines'
  | 'textarea'
  | 'number'
  | 'picker'
  | 'json'
  | 'text';

const pickers = new Set(['OwnerPicker', 'EntityPicker']);

/** Which control a schema gets; anything the form cannot show as fields is edited as JSON. */
export function widgetOf(schema: JsonSchema): Widget {
  if (pickers.has(schema['ui:field'] ?? '')) return 'picker';
  const type = typeOf(schema);
  if (type === 'object') return schema.properties ? 'object' : 'json';
  if (type === 'boolean') return 'checkbox';
  if (type === 'array') {
    const items = schema.items ?? {};
    if (items.enum) return 'checkboxes';
    return (typeOf(items) ?? 'string') === 'string' ? 'lines' : 'json';
  }
  if (schema.enum) return 'select';
  if (type === 'integer' || type === 'number') return 'number';
  if (schema['ui:widget'] === 'textarea') return 'textarea';
  return 'text';
}

/** One parameter as a form control, chosen from its schema and `ui:*` hints. */
export function SchemaField(props: FieldProps) {
  const widget = widgetOf(props.schema);
  switch (widget) {
    case 'object':
      return <ObjectField {...props} />;
    case 'checkbox':
      return <CheckboxField {...props} />;
    case 'checkboxes':
      return <CheckboxesField {...props} />;
    case 'json':
      return <JsonField {...props} />;
    case 'picker':
      return <PickerField {...props} />;
    default:
      return <InputField {...props} widget={widget} />;
  }
}

function useProblem(path: string, within = true) {
  return problemAt(useContext(FormContext).issues, path, within);
}

/** A nested object: a fieldset with its title as the legend, its own fields inside. */
function ObjectField({ name, schema, path, value, onChange }: FieldProps) {
  const id = fieldId(path);
  const problem = useProblem(path, false);
  const inner = isObject(value) ? value : {};
  const required = new Set(schema.required ?? []);
  return (
    <fieldset className="schema-fieldset" aria-describedby={problem ? `${id}-error` : undefined}>
      <legend>{labelOf(name, schema)}</legend>
      <FieldHelp id={id} lines={helpLines(schema)} />
      <FieldError id={id} problem={problem} />
      {Object.entries(schema.properties ?? {}).map(([child, childSchema]) => (
        <SchemaField
          key={child}
          name={child}
          schema={childSchema}
          path={`${path}/${escapePointer(child)}`}
          required={required.has(child)}
          value={inner[child]}
          onChange={(next) => onChange({ ...inner, [child]: next } satisfies Values)}
        />
      ))}
    </fieldset>
  );
}

function CheckboxField({ name, schema, path, required, value, onChange }: FieldProps) {
  const id = fieldId(path);
  const problem = useProblem(path);
  const help = helpLines(schema);
  return (
    <div className="field">
      <div className="check">
        <input
          id={id}
          type="checkbox"
          checked={value === true}
          onChange={(e) => onChange(e.target.checked)}
          aria-invalid={problem ? true : undefined}
          aria-describedby={describedBy(id, help, problem)}
          // biome-ignore lint/a11y/noAutofocus: the template asks for it (ui:autofocus)
          autoFocus={schema['ui:autofocus'] === true}
        />
        <label htmlFor={id}>
          {labelOf(name, schema)}
          <RequiredMark required={required} />
        </label>
      </div>
      <FieldHelp id={id} lines={help} />
      <FieldError id={id} problem={problem} />
    </div>
  );
}

/** A list whose items come from an `enum`: one checkbox each. */
function CheckboxesField({ name, schema, path, required, value, onChange }: FieldProps) {
  const id = fieldId(path);
  const problem = useProblem(path);
  const help = helpLines(schema);
  const chosen = Array.isArray(value) ? value : [];
  const options = schema.items?.enum ?? [];
  const names = schema.items?.enumNames ?? [];
  return (
    <fieldset className="schema-fieldset" aria-describedby={describedBy(id, help, problem)}>
      <legend>
        {labelOf(name, schema)}
        <RequiredMark required={required} />
      </legend>
      {options.map((option, i) => (
        <div className="check" key={String(option)}>
          <input
            id={`${id}-${i}`}
            type="checkbox"
            checked={chosen.includes(option)}
            onChange={(e) => onChange(e.target.checked ? [...chosen, option] : chosen.filter((c) => c !== option))}
          />
          <label htmlFor={`${id}-${i}`}>{names[i] ?? String(option)}</label>
        </div>
      ))}
      <FieldHelp id={id} lines={help} />
      <FieldError id={id} problem={problem} />
    </fieldset>
  );
}

/** Text, numbers, enums, lists of strings (one a line) and long text. */
function InputField({ name, schema, path, required, value, onChange, widget }: FieldProps & { widget: Widget }) {
  const id = fieldId(path);
  const problem = useProblem(path);
  const { teams } = useContext(FormContext);
  const help = helpLines(schema);
  if (widget === 'lines') help.push('One per line.');
  const common = {
    id,
    name: path,
    'aria-invalid': problem ? true : undefined,
    'aria-required': required || undefined,
    'aria-describedby': describedBy(id, help, problem),
    autoFocus: schema['ui:autofocus'] === true,
    readOnly: schema['ui:readonly'] === true,
    placeholder: schema['ui:placeholder'],
  } as const;
  let control: ReactNode;
  if (widget === 'select') {
    const options = schema.enum ?? [];
    const names = schema.enumNames ?? (schema['ui:options']?.enumNames as string[] | undefined) ?? [];
    const index = options.indexOf(value);
    control = (
      <select
        {...common}
        value={index < 0 ? '' : String(index)}
        onChange={(e) => onChange(options[Number(e.target.value)] ?? undefined)}
      >
        {(index < 0 || !required) && <option value="">{required ? 'Choose…' : 'None'}</option>}
        {options.map((option, i) => (
          <option key={String(option)} value={String(i)}>
            {names[i] ?? String(option)}
          </option>
        ))}
      </select>
    );
  } else if (widget === 'textarea' || widget === 'lines') {
    const text =
      widget === 'lines' ? (Array.isArray(value) ? value.join('\n') : '') : typeof value === 'string' ? value : '';
    const rows = Number(schema['ui:options']?.rows ?? 4);
    control = (
      <textarea
        {...common}
        rows={rows}
        value={text}
        onChange={(e) => onChange(widget === 'lines' ? e.target.value.split('\n') : e.target.value)}
      />
    );
  } else if (widget === 'number') {
    control = (
      <input
        {...common}
        type="number"
        inputMode={typeOf(schema) === 'integer' ? 'numeric' : 'decimal'}
        step={typeOf(schema) === 'integer' ? 1 : 'any'}
        min={schema.minimum}
        max={schema.maximum}
        value={typeof value === 'number' && !Number.isNaN(value) ? String(value) : ''}
        onChange={(e) => onChange(e.target.value === '' ? undefined : Number(e.target.value))}
      />
    );
  } else {
    // A parameter called owner is almost always a team: suggest them, but any value goes.
    const suggest = name === 'owner' && teams.length > 0;
    control = (
      <>
        <input
          {...common}
          type={inputType(schema)}
          list={suggest ? `${id}-teams` : undefined}
          autoComplete="off"
          spellCheck={false}
          value={typeof value === 'string' ? value : value === undefined ? '' : String(value)}
          onChange={(e) => onChange(e.target.value)}
        />
        {suggest && (
          <datalist id={`${id}-teams`}>
            {teams.map((t) => (
              <option key={t} value={t} />
            ))}
          </datalist>
        )}
      </>
    );
  }
  return (
    <FieldFrame id={id} label={labelOf(name, schema)} required={required} help={help} problem={problem}>
      {control}
    </FieldFrame>
  );
}

function inputType(schema: JsonSchema): string {
  if (schema['ui:widget'] === 'password') return 'password';
  if (schema.format === 'email') return 'email';
  if (schema.format === 'date') return 'date';
  return 'text';
}

/** What the form has no control for (lists of objects, free-form objects): JSON, checked as typed. */
function JsonField({ name, schema, path, required, value, onChange }: FieldProps) {
  const id = fieldId(path);
  const serverProblem = useProblem(path);
  const [text, setText] = useState(() => (value === undefined ? '' : JSON.stringify(value, null, 2)));
  const [parseProblem, setParseProblem] = useState<string>();
  const problem = parseProblem ?? serverProblem;
  const help = [...helpLines(schema), 'Written as JSON.'];
  return (
    <FieldFrame id={id} label={labelOf(name, schema)} required={required} help={help} problem={problem}>
      <textarea
        id={id}
        className="mono"
        rows={5}
        spellCheck={false}
        value={text}
        aria-invalid={problem ? true : undefined}
        aria-describedby={describedBy(id, help, problem)}
        onChange={(e) => {
          setText(e.target.value);
          if (e.target.value.trim() === '') {
            setParseProblem(undefined);
            return onChange(undefined);
          }
          try {
            onChange(JSON.parse(e.target.value));
            setParseProblem(undefined);
          } catch {
            setParseProblem('is not valid JSON yet');
          }
        }}
      />
    </FieldFrame>
  );
}
