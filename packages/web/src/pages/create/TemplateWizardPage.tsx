/**
 * A template's wizard: its parameter pages as steps (a form generated from the JSON Schema),
 * a review, a dry run that shows the files, and the run itself. Required fields are checked
 * here for convenience; everything else is the server's to judge, and its answers (field
 * paths under /parameters) are shown at the fields, on whichever step they are.
 */
import './create.css';
import { pickerIssues } from '@slipway/core/pickers';
import { type FormEvent, useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api, call, fieldProblem } from '../../api/client';
import { useSession } from '../../api/session';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading, PageHeader } from '../../components/Page';
import { DryRunFiles } from './DryRunFiles';
import { FormContext } from './field-context';
import { type FieldIssue, fieldId, issuesOf } from './problems';
import { type TemplateRunView, type TemplateView, useTemplate } from './queries';
import { ReviewStep } from './ReviewStep';
import { SchemaField } from './SchemaField';
import {
  escapePointer,
  initialValues,
  isEmpty,
  type JsonSchema,
  missingRequired,
  parametersToSend,
  type Values,
  withActiveDependencies,
  wizardPages,
} from './schema';
import { useTeamChoices } from './teams';
import { WizardSteps } from './WizardSteps';

export default function TemplateWizardPage() {
  const { namespace = '', name = '' } = useParams();
  const template = useTemplate(namespace, name);
  if (!template.data) {
    return (
      <>
        <PageHeader title="Create" actions={<Link to="/create">All templates</Link>} />
        <ErrorNotice error={template.error} title={`Template ${namespace}/${name} could not be read`} />
        {template.isPending && <Loading what="the template" />}
      </>
    );
  }
  // A new template (another address) starts a new form.
  return <Wizard key={template.data.template.ref} template={template.data.template} />;
}

type Focus = { target: 'heading' | 'dry-run' | string; nonce: number };

function Wizard({ template }: { template: TemplateView }) {
  const baseSchema = template.parameters as JsonSchema;
  const written = useMemo(() => wizardPages(baseSchema, template.pages), [baseSchema, template.pages]);
  const review = written.length;
  const titles = [...written.map((p) => p.title), 'Review and create'];
  const navigate = useNavigate();
  const { access } = useSession();
  const { teams } = useTeamChoices();
  const [step, setStep] = useState(0);
  const [values, setValues] = useState<Values>(() => initialValues(baseSchema));
  // The fields `dependencies` bring in for these values, each drawn right after the one it depends on.
  const active = useMemo(() => withActiveDependencies(baseSchema, values), [baseSchema, values]);
  const schema = active.schema;
  const shown = useMemo(
    () => written.map((p) => ({ ...p, properties: p.properties.flatMap((n) => [n, ...(active.added[n] ?? [])]) })),
    [written, active],
  );
  const [clientIssues, setClientIssues] = useState<FieldIssue[]>([]);
  const [serverIssues, setServerIssues] = useState<FieldIssue[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [failed, setFailed] = useState<'dry' | 'create'>('create');
  const [ownerChoice, setOwnerChoice] = useState<string | null>(null);
  const [busy, setBusy] = useState<'dry' | 'create' | null>(null);
  const [dryRun, setDryRun] = useState<TemplateRunView | null>(null);
  const [focus, setFocus] = useState<Focus | null>(null);
  const issues = [...clientIssues, ...serverIssues];

  // Until a team is chosen, the run belongs to the team the `owner` parameter names, if it is one.
  const owner = ownerChoice ?? (typeof values.owner === 'string' && teams.includes(values.owner) ? values.owner : '');
  const leftOut =
    access.teams.length === 1 ? `Your team (${access.teams[0]})` : 'No team: the platform’s (admins manage it)';

  const pageOf = (path: string) =>
    shown.findIndex((p) =>
      p.properties.some((n) => {
        const own = `/parameters/${escapePointer(n)}`;
        return path === own || path.startsWith(`${own}/`);
      }),
    );
  const withProblems = new Set(issues.map((i) => pageOf(i.path)).filter((i) => i >= 0));
  if (fieldProblem(error, '/owner')) withProblems.add(review);

  useEffect(() => {
    if (!focus) return;
    const id =
      focus.target === 'heading'
        ? 'wizard-step-title'
        : focus.target === 'dry-run'
          ? 'dry-run-title'
          : fieldId(focus.target);
    const element = document.getElementById(id) ?? document.getElementById('wizard-step-title');
    element?.focus();
  }, [focus]);

  const go = (next: number, target: Focus['target'] = 'heading') => {
    setStep(next);
    setFocus({ target, nonce: Date.now() });
  };

  const change = (name: string, value: unknown) => {
    setValues((v) => ({ ...v, [name]: value }));
    const own = `/parameters/${escapePointer(name)}`;
    const keep = (i: FieldIssue) => i.path !== own && !i.path.startsWith(`${own}/`);
    setClientIssues((list) => list.filter(keep));
    setServerIssues((list) => list.filter(keep));
    setDryRun(null);
  };

  /**
   * The required fields of these pages, and the rules of their form fields (EntityNamePicker's
   * name rule, a complete RepoUrlPicker value — the server checks the same); on a miss, the first
   * one's page and field.
   */
  const checkRequired = (indexes: number[]): boolean => {
    const problems = indexes.flatMap((i) => {
      const names = shown[i]?.properties ?? [];
      const own = Object.fromEntries(names.map((n) => [n, schema.properties?.[n]]));
      const given = Object.fromEntries(names.filter((n) => !isEmpty(values[n])).map((n) => [n, values[n]]));
      return [...missingRequired(schema, values, names), ...pickerIssues({ properties: own }, given)];
    });
    setClientIssues(problems);
    const first = problems[0];
    if (first) go(Math.max(0, pageOf(first.path)), first.path);
    return !first;
  };

  const start = async (dry: boolean) => {
    if (!checkRequired(shown.map((_, i) => i))) return;
    setBusy(dry ? 'dry' : 'create');
    setError(null);
    setServerIssues([]);
    setDryRun(null);
    try {
      const { run } = await call(
        api.POST('/api/v1/templates/{namespace}/{name}/runs', {
          params: { path: { namespace: template.namespace, name: template.name } },
          body: { parameters: parametersToSend(schema, values), dryRun: dry, ...(owner ? { owner } : {}) },
        }),
      );
      if (!dry) return navigate(`/create/runs/${run.id}`);
      setDryRun(run);
      setFocus({ target: 'dry-run', nonce: Date.now() });
    } catch (e) {
      setError(e);
      setFailed(dry ? 'dry' : 'create');
      const found = issuesOf(e);
      setServerIssues(found);
      const at = found.find((i) => pageOf(i.path) >= 0);
      if (at) go(pageOf(at.path), at.path);
    } finally {
      setBusy(null);
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (step === review) void start(false);
    else if (checkRequired([step])) go(step + 1);
  };

  const page = shown[step];
  const required = new Set(schema.required ?? []);
  return (
    <>
      <PageHeader
        title={template.title}
        summary={template.description}
        actions={
          <Link to="/create" className="button">
            All templates
          </Link>
        }
      />
      <div className="wizard">
        <aside className="wizard-aside">
          <WizardSteps titles={titles} current={step} withProblems={withProblems} onGo={(i) => go(i)} />
          <TemplateFacts template={template} />
        </aside>
        <div className="wizard-main">
          <form className="card" noValidate onSubmit={submit} aria-labelledby="wizard-step-title">
            <h2 id="wizard-step-title" tabIndex={-1}>
              <span className="muted wizard-step-of">
                Step {step + 1} of {titles.length}
                <span className="visually-hidden">: </span>
              </span>
              {titles[step]}
            </h2>
            {page?.description && <p className="muted">{page.description}</p>}
            <ErrorNotice
              error={error}
              title={failed === 'dry' ? 'The dry run did not work' : 'The run did not start'}
            />
            <FormContext.Provider value={{ issues, teams }}>
              {page ? (
                <>
                  {page.properties.some((n) => required.has(n)) && (
                    <p className="muted required-note">
                      Fields marked <span aria-hidden="true">*</span>
                      <span className="visually-hidden">with an asterisk</span> are required.
                    </p>
                  )}
                  {page.properties.map((n) => {
                    const property = schema.properties?.[n];
                    if (!property) return null;
                    return (
                      <SchemaField
                        key={n}
                        name={n}
                        schema={property}
                        path={`/parameters/${escapePointer(n)}`}
                        required={required.has(n)}
                        value={values[n]}
                        onChange={(v) => change(n, v)}
                      />
                    );
                  })}
                </>
              ) : (
                <ReviewStep
                  pages={shown}
                  schema={schema}
                  values={values}
                  teams={teams}
                  leftOut={leftOut}
                  owner={owner}
                  onOwner={setOwnerChoice}
                  error={error}
                />
              )}
            </FormContext.Provider>
            <div className="row wizard-buttons">
              {step > 0 && (
                <button type="button" onClick={() => go(step - 1)}>
                  Back
                </button>
              )}
              <span className="wizard-buttons-gap" />
              {step === review ? (
                <>
                  <button type="button" onClick={() => void start(true)} disabled={busy !== null}>
                    {busy === 'dry' ? 'Rendering…' : 'Dry run'}
                  </button>
                  <button type="submit" className="primary" disabled={busy !== null}>
                    {busy === 'create' ? 'Starting…' : 'Create'}
                  </button>
                </>
              ) : (
                <button type="submit" className="primary">
                  Next
                </button>
              )}
            </div>
          </form>
          {step === review && dryRun && <DryRunFiles run={dryRun} />}
        </div>
      </div>
    </>
  );
}

/** What the template is and what running it does, step by step. */
function TemplateFacts({ template }: { template: TemplateView }) {
  return (
    <section className="wizard-facts" aria-labelledby="template-facts">
      <h2 id="template-facts">What it does</h2>
      <div className="row">
        <span className="badge info">{template.type}</span>
        {template.builtin && <span className="badge ok">Built-in golden path</span>}
      </div>
      <ol>
        {template.steps.map((s) => (
          <li key={s.id}>
            {s.name} <code className="muted">{s.action}</code>
          </li>
        ))}
      </ol>
    </section>
  );
}
