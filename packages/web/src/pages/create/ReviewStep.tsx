/**
 * The wizard's last step: every answer once more, the team the new service will belong to,
 * and the two ways on: a dry run (the files, nothing leaves the server) or the real run.
 */
import { fieldProblem } from '../../api/client';
import { describedBy } from './FieldFrame';
import { displayValue, isObject, type JsonSchema, labelOf, type Values, type WizardPage } from './schema';

export function ReviewStep({
  pages,
  schema,
  values,
  teams,
  leftOut,
  owner,
  onOwner,
  error,
}: {
  pages: readonly WizardPage[];
  schema: JsonSchema;
  values: Values;
  teams: readonly string[];
  /** What leaving the team out means for this person. */
  leftOut: string;
  owner: string;
  onOwner: (team: string) => void;
  error: unknown;
}) {
  const problem = fieldProblem(error, '/owner');
  const help = ['Slipway records the new service as this team’s; it decides who may deploy and change it.'];
  return (
    <div className="stack">
      {pages.map((page) => (
        <section key={page.title} aria-label={page.title}>
          <h3>{page.title}</h3>
          <dl className="review-list">
            {page.properties.map((name) => (
              <ReviewValue key={name} name={name} schema={schema.properties?.[name] ?? {}} value={values[name]} />
            ))}
          </dl>
        </section>
      ))}
      <div className="field">
        <label htmlFor="run-owner">Team that owns the new service</label>
        <select
          id="run-owner"
          value={owner}
          onChange={(e) => onOwner(e.target.value)}
          aria-invalid={problem ? true : undefined}
          aria-describedby={describedBy('run-owner', help, problem)}
        >
          <option value="">{leftOut}</option>
          {teams.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
        <div className="field-help" id="run-owner-help">
          {help[0]}
        </div>
        {problem && (
          <div className="field-error" id="run-owner-error">
            {problem}
          </div>
        )}
      </div>
    </div>
  );
}

function ReviewValue({ name, schema, value }: { name: string; schema: JsonSchema; value: unknown }) {
  if (schema.properties && isObject(value)) {
    return (
      <>
        {Object.entries(schema.properties).map(([child, childSchema]) => (
          <ReviewValue
            key={child}
            name={`${labelOf(name, schema)} › ${labelOf(child, childSchema)}`}
            schema={{ ...childSchema, title: `${labelOf(name, schema)} › ${labelOf(child, childSchema)}` }}
            value={value[child]}
          />
        ))}
      </>
    );
  }
  const secret = schema['ui:widget'] === 'password' || schema['ui:field'] === 'Secret';
  const shown = secret && value ? '••••••' : displayValue(Array.isArray(value) ? value.filter((v) => v !== '') : value);
  return (
    <div className="review-item">
      <dt>{labelOf(name, schema)}</dt>
      <dd className={shown === '—' ? 'muted' : undefined}>{shown}</dd>
    </div>
  );
}
