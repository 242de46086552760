/**
 * Environments: the list (type, cluster, owner, status, lifetime, and the pull request of a
 * preview), and the form for a new one.
 */
import './environments.css';
import { useState } from 'react';
import { useLocation } from 'react-router';
import { ErrorNotice } from '../../components/ErrorNotice';
import { EmptyState, Loading, PageHeader } from '../../components/Page';
import { useEnvironments } from '../../queries/environments';
import { CreateEnvironmentForm } from './CreateEnvironmentForm';
import { EnvironmentTable } from './EnvironmentTable';

export default function EnvironmentsPage() {
  const environments = useEnvironments();
  const location = useLocation();
  const notice = (location.state as { notice?: string } | null)?.notice;
  const [creating, setCreating] = useState(false);
  const items = environments.data?.items ?? [];
  return (
    <>
      <PageHeader
        title="Environments"
        summary="Where services run: each one a namespace with the quota, limits and defaults of its type. Clone one, pause it for the night, or let a pull request have its own preview."
        actions={
          !creating && (
            <button type="button" className="primary" onClick={() => setCreating(true)}>
              New environment
            </button>
          )
        }
      />
      {notice && (
        <div className="notice ok" role="status">
          {notice}
        </div>
      )}
      {creating && (
        <div id="env-create">
          <CreateEnvironmentForm onCancel={() => setCreating(false)} />
        </div>
      )}
      <ErrorNotice error={environments.error} title="The environments could not be listed" />
      {environments.isPending && <Loading what="environments" />}
      {environments.isSuccess && items.length === 0 && (
        <EmptyState title="No environments yet">
          Create one to deploy to: a development environment is a good start.
        </EmptyState>
      )}
      {items.length > 0 && (
        <section aria-labelledby="env-list-title">
          <h2 id="env-list-title" className="visually-hidden">
            All environments
          </h2>
          <EnvironmentTable items={items} />
        </section>
      )}
    </>
  );
}
