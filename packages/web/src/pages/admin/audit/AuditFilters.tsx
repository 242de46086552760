import { type FormEvent, useState } from 'react';
import { Field } from '../../../components/Field';
import type { AuditFilter } from './filters';

const empty: AuditFilter = { actor: '', action: '', target: '', since: '', until: '' };

/** The filter form; applying it changes the address, which reloads the list. */
export function AuditFilters({
  value,
  onApply,
  problem,
  actions,
}: {
  value: AuditFilter;
  onApply: (f: AuditFilter) => void;
  problem: (path: string) => string | undefined;
  actions: string[];
}) {
  const [draft, setDraft] = useState(value);
  const set = (patch: Partial<AuditFilter>) => setDraft((d) => ({ ...d, ...patch }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onApply(draft);
  };
  return (
    <form className="card admin-filters" onSubmit={submit} aria-label="Filter the audit log">
      <Field id="audit-actor" label="Actor" help="A username, github, anonymous" problem={problem('/actor')}>
        {(w) => (
          <input {...w} value={draft.actor} onChange={(e) => set({ actor: e.target.value })} autoComplete="off" />
        )}
      </Field>
      <Field id="audit-action" label="Action" help="An operation, e.g. createToken" problem={problem('/action')}>
        {(w) => (
          <input
            {...w}
            list="audit-actions"
            value={draft.action}
            onChange={(e) => set({ action: e.target.value })}
            autoComplete="off"
          />
        )}
      </Field>
      <datalist id="audit-actions">
        {actions.map((a) => (
          <option key={a} value={a} />
        ))}
      </datalist>
      <Field
        id="audit-target"
        label="Target"
        help="It and everything below: environments/dev"
        problem={problem('/target')}
      >
        {(w) => (
          <input {...w} value={draft.target} onChange={(e) => set({ target: e.target.value })} autoComplete="off" />
        )}
      </Field>
      <Field id="audit-since" label="From" problem={problem('/since')}>
        {(w) => (
          <input {...w} type="datetime-local" value={draft.since} onChange={(e) => set({ since: e.target.value })} />
        )}
      </Field>
      <Field id="audit-until" label="Until" problem={problem('/until')}>
        {(w) => (
          <input {...w} type="datetime-local" value={draft.until} onChange={(e) => set({ until: e.target.value })} />
        )}
      </Field>
      <div className="row admin-filter-buttons">
        <button type="submit" className="primary">
          Apply filters
        </button>
        <button
          type="button"
          onClick={() => {
            setDraft(empty);
            onApply(empty);
          }}
        >
          Clear
        </button>
      </div>
    </form>
  );
}
