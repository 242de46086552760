/**
 * Views and edits one environment type (PUT replaces it whole; environments of the type
 * follow at once), or creates a new one at /admin/environment-types/new.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api, call, fieldProblem } from '../../../api/client';
import { useSession } from '../../../api/session';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { Field } from '../../../components/Field';
import { Loading, PageHeader } from '../../../components/Page';
import { environmentTypeKeys, useEnvironmentType } from '../../../queries/environment-types';
import { environmentKeys } from '../../../queries/environments';
import { policyKeys } from '../../../queries/policies';
import { listWords, SectionError } from '../common';
import { DeleteTypeDialog } from './DeleteTypeDialog';
import { bodyOf, formOf, type TypeForm, type TypeView } from './form';
import { DefaultsFields, GuardrailFields, NamespaceFields } from './TypeFields';

export function EnvironmentTypeEditor() {
  const { name } = useParams();
  const existing = useEnvironmentType(name);
  if (name !== undefined && !existing.data) {
    return (
      <section>
        <PageHeader title={`Environment type ${name}`} />
        <BackLink />
        {existing.isPending ? (
          <Loading what={`environment type ${name}`} />
        ) : (
          <SectionError error={existing.error} what={`environment type ${name}`} />
        )}
      </section>
    );
  }
  return <TypeEditorForm key={name ?? 'new'} initial={existing.data?.type} />;
}

function BackLink() {
  return (
    <p>
      <Link to="/admin/environment-types">← All environment types</Link>
    </p>
  );
}

function TypeEditorForm({ initial }: { initial: TypeView | undefined }) {
  const { access } = useSession();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [form, setForm] = useState<TypeForm>(() => formOf(initial));
  const [saved, setSaved] = useState<{ environments: string[] } | null>(null);
  const [deleting, setDeleting] = useState(false);
  const isNew = initial === undefined;
  const change = (patch: Partial<TypeForm>) => {
    setSaved(null);
    setForm((f) => ({ ...f, ...patch }));
  };
  const save = useMutation({
    mutationFn: () =>
      call(
        api.PUT('/api/v1/environment-types/{name}', {
          params: { path: { name: form.name.trim() } },
          body: bodyOf(form),
        }),
      ),
    onSuccess: async (result) => {
      // The types, the policies each enforces, and the environments of the type that follow it.
      await queryClient.invalidateQueries({ queryKey: environmentTypeKeys.all });
      await queryClient.invalidateQueries({ queryKey: policyKeys.all });
      await queryClient.invalidateQueries({ queryKey: environmentKeys.all });
      if (isNew) navigate(`/admin/environment-types/${result.type.name}`, { replace: true });
      else {
        setForm(formOf(result.type));
        setSaved({ environments: result.environments });
      }
    },
  });
  const problem = (path: string) => fieldProblem(save.error, path);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  const title = isNew ? 'New environment type' : `Environment type ${initial.name}`;
  return (
    <section>
      <PageHeader
        title={title}
        summary={isNew ? 'Defaults, quota and guardrails for a new kind of environment.' : initial.description}
        actions={
          access.admin && !isNew ? (
            <button type="button" className="danger" onClick={() => setDeleting(true)}>
              Delete type
            </button>
          ) : undefined
        }
      />
      <BackLink />
      {!access.admin && <p className="notice">Only admins change environment types; this is a read-only view.</p>}
      {/* noValidate: the API checks every field and names it; its words are better than the browser's. */}
      <form onSubmit={submit} className="admin-type-form" aria-label={title} noValidate>
        <fieldset disabled={!access.admin} className="admin-plain">
          <div className="card">
            <h2>About</h2>
            {isNew && (
              <Field
                id="type-name"
                label="Name"
                help="A DNS label, e.g. qa or production-eu"
                problem={problem('/name')}
              >
                {(w) => (
                  <input
                    {...w}
                    value={form.name}
                    onChange={(e) => change({ name: e.target.value })}
                    required
                    autoComplete="off"
                  />
                )}
              </Field>
            )}
            <Field id="type-description" label="Description" problem={problem('/description')}>
              {(w) => (
                <textarea
                  {...w}
                  rows={2}
                  value={form.description}
                  onChange={(e) => change({ description: e.target.value })}
                />
              )}
            </Field>
          </div>
          <DefaultsFields form={form} change={change} problem={problem} />
          <NamespaceFields form={form} change={change} problem={problem} />
          <GuardrailFields form={form} change={change} problem={problem} />
        </fieldset>
        <ErrorNotice error={save.error} title="The environment type was not saved" />
        {saved && (
          <div className="notice ok" role="status">
            <strong>Saved.</strong>{' '}
            {saved.environments.length
              ? `Updated the quota and limits of ${listWords(saved.environments)}.`
              : 'No environment of this type needed its quota or limits changed.'}
          </div>
        )}
        {access.admin && (
          <div className="row admin-form-actions">
            <button type="submit" className="primary" disabled={save.isPending}>
              {save.isPending ? 'Saving…' : isNew ? 'Create environment type' : 'Save changes'}
            </button>
            {!isNew && (
              <button type="button" onClick={() => change(formOf(initial))} disabled={save.isPending}>
                Undo changes
              </button>
            )}
          </div>
        )}
      </form>
      {deleting && initial && (
        <DeleteTypeDialog
          name={initial.name}
          onClose={() => setDeleting(false)}
          onDeleted={() => navigate('/admin/environment-types', { replace: true })}
        />
      )}
    </section>
  );
}
