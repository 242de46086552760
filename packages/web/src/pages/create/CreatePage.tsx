/**
 * The template gallery: Slipway's golden paths and the catalog's templates, filtered as one
 * types; each card opens the template's wizard. Below, the person's recent runs.
 */
import './create.css';
import { useDeferredValue, useState } from 'react';
import { Link } from 'react-router';
import { ErrorNotice } from '../../components/ErrorNotice';
import { EmptyState, Loading, PageHeader, TimeAgo } from '../../components/Page';
import { StatusBadge } from '../../components/StatusBadge';
import { Table } from '../../components/Table';
import { shortRef, type TemplateView, useTemplateRuns, useTemplates } from './queries';
import { TemplateCard } from './TemplateCard';

/** Every word typed must appear in the title, description, name, type or a tag. */
export function matches(template: TemplateView, filter: string): boolean {
  const text = [
    template.title,
    template.description,
    template.name,
    template.namespace,
    template.type,
    ...template.tags,
  ]
    .join(' ')
    .toLowerCase();
  return filter
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => text.includes(word));
}

export default function CreatePage() {
  const templates = useTemplates();
  const [filter, setFilter] = useState('');
  const deferred = useDeferredValue(filter);
  const items = templates.data?.items ?? [];
  const shown = items.filter((t) => matches(t, deferred));
  return (
    <>
      <PageHeader
        title="Create"
        summary="Start a new service from a golden path: a repository with its code, Score file, catalog entry and CI, registered and ready to deploy."
      />
      <div className="gallery-filter">
        <label htmlFor="template-filter">Filter templates</label>
        <input
          id="template-filter"
          type="search"
          placeholder="e.g. nodejs, job, http"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
          aria-describedby="template-count"
        />
        <p id="template-count" className="muted" aria-live="polite">
          {templates.isSuccess && `${shown.length} of ${items.length} templates`}
        </p>
      </div>
      <ErrorNotice error={templates.error} title="The templates could not be listed" />
      {templates.isPending && <Loading what="templates" />}
      {templates.isSuccess && shown.length === 0 && (
        <EmptyState title={items.length ? 'No template matches the filter' : 'No templates yet'}>
          {items.length
            ? 'Try fewer or other words.'
            : 'Platform engineers add templates to the catalog (kind: Template); the built-in golden paths come with Slipway.'}
        </EmptyState>
      )}
      <div className="grid template-grid">
        {shown.map((t) => (
          <TemplateCard key={t.ref} template={t} />
        ))}
      </div>
      <RecentRuns />
    </>
  );
}

/** The last runs the person started (an admin sees everyone's), each linking to its page. */
function RecentRuns() {
  const runs = useTemplateRuns();
  const items = (runs.data?.items ?? []).slice(0, 8);
  if (runs.isPending || (runs.isSuccess && items.length === 0)) return null;
  return (
    <section aria-labelledby="recent-runs">
      <h2 id="recent-runs">Recent runs</h2>
      <ErrorNotice error={runs.error} title="The runs could not be listed" />
      <Table
        caption="Your recent template runs"
        columns={['Template', 'Status', 'Started by', 'Started']}
        items={items}
        empty="No runs yet."
      >
        {(run) => (
          <tr key={run.id}>
            <td>
              <Link to={`/create/runs/${run.id}`}>{shortRef(run.templateRef)}</Link>
              {typeof run.parameters.name === 'string' && <span className="muted"> · {run.parameters.name}</span>}
            </td>
            <td>
              <StatusBadge status={run.status} />
              {run.dryRun && <span className="muted"> dry run</span>}
            </td>
            <td>{run.createdBy}</td>
            <td>
              <TimeAgo at={run.createdAt} />
            </td>
          </tr>
        )}
      </Table>
    </section>
  );
}
