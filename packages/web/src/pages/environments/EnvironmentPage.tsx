/**
 * One environment: what it is, the services deployed in it with their status, its defaults
 * and schedule, and the actions (clone, pause or resume, delete), each confirmed first.
 */
import './environments.css';
import { useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { SlipwayError } from '../../api/client';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading, PageHeader, TimeAgo } from '../../components/Page';
import { useEnvironment } from '../../queries/environments';
import { type Action, ActionDialog, EnvironmentActionButtons } from './EnvironmentActions';
import { EnvironmentDefaults, EnvironmentDetails, EnvironmentSchedule } from './EnvironmentDetails';
import { EnvironmentServices } from './EnvironmentServices';
import { useServicesIn } from './queries';

export default function EnvironmentPage() {
  const { name = '' } = useParams();
  const location = useLocation();
  // Each visit (another environment after a clone, say) starts with its own notice and no dialog.
  return (
    <EnvironmentScreen key={location.key} name={name} notice={(location.state as { notice?: string } | null)?.notice} />
  );
}

function EnvironmentScreen({ name, notice: handedOver }: { name: string; notice: string | undefined }) {
  const environment = useEnvironment(name);
  const services = useServicesIn(name);
  const [action, setAction] = useState<Action | null>(null);
  // A notice handed over by the page that sent us here (created, cloned), until an action of ours.
  const [notice, setNotice] = useState(handedOver);

  if (!environment.data) {
    const gone = environment.error instanceof SlipwayError && environment.error.code === 'not_found';
    return (
      <>
        <PageHeader title={name} actions={<Link to="/environments">All environments</Link>} />
        {gone ? (
          <div className="notice warn" role="status">
            <strong>There is no environment {name}</strong>
            It may have been deleted, or expired. <Link to="/environments">See the environments there are.</Link>
          </div>
        ) : (
          <ErrorNotice error={environment.error} title={`Environment ${name} could not be read`} />
        )}
        {environment.isPending && <Loading what="the environment" />}
      </>
    );
  }
  const env = environment.data.environment;
  const deployed = services.data ?? [];
  return (
    <>
      <PageHeader
        title={env.name}
        summary={
          <>
            {env.type} environment on cluster {env.cluster}, namespace <code>{env.namespace}</code>
          </>
        }
        actions={<EnvironmentActionButtons env={env} onAction={setAction} />}
      />
      {notice && (
        <div className="notice ok" role="status">
          {notice}
        </div>
      )}
      {env.status === 'paused' && (
        <div className="notice warn">
          <strong>
            Paused{env.pausedAt ? ' ' : ''}
            {env.pausedAt && <TimeAgo at={env.pausedAt} />}
          </strong>
          Its workloads are scaled to zero and its CronJobs suspended. Resume it to bring them back as they were.
        </div>
      )}
      {env.status === 'deleting' && (
        <div className="notice warn" role="status">
          <strong>Being deleted</strong>
          Its namespace and everything in it are being removed.
        </div>
      )}
      <div className="env-layout">
        <div className="env-main">
          <EnvironmentServices
            releases={deployed}
            error={services.error}
            pending={services.isPending}
            environment={env.name}
            paused={env.status === 'paused'}
          />
          <EnvironmentDefaults env={env} />
        </div>
        <div className="env-side">
          <EnvironmentDetails env={env} />
          <EnvironmentSchedule env={env} />
        </div>
      </div>
      {action && (
        <ActionDialog
          action={action}
          env={env}
          services={deployed}
          onClose={() => setAction(null)}
          onDone={(text) => {
            setAction(null);
            setNotice(text);
          }}
        />
      )}
    </>
  );
}
