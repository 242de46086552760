import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { ErrorNotice } from '../../components/ErrorNotice';
import { EmptyState, Loading, TimeAgo } from '../../components/Page';
import { Table } from '../../components/Table';
import { useServiceContext } from './context';
import { EnvironmentPicker } from './EnvironmentPicker';
import { fetchEvents } from './live-api';

/**
 * The Kubernetes Events of the service's workloads and pods in one environment, newest first,
 * warnings marked in words and colour. Read again every few seconds while the tab is open.
 */
export function EventsTab() {
  const ctx = useServiceContext();
  const environment = ctx.environment;
  const [warningsOnly, setWarningsOnly] = useState(false);
  const events = useQuery({
    queryKey: ['service', ctx.service, 'events', environment],
    queryFn: () => fetchEvents(ctx.service, environment ?? '', 200),
    enabled: !!environment,
    refetchInterval: 5_000,
  });
  const items = (events.data?.items ?? []).filter((e) => !warningsOnly || e.type === 'Warning');
  const warnings = (events.data?.items ?? []).filter((e) => e.type === 'Warning').length;
  return (
    <div className="stack">
      <div className="row toolbar">
        <EnvironmentPicker id="events-env" />
        <div className="row checkbox-row">
          <input
            id="warnings-only"
            type="checkbox"
            checked={warningsOnly}
            onChange={(e) => setWarningsOnly(e.target.checked)}
          />
          <label htmlFor="warnings-only">Warnings only ({warnings})</label>
        </div>
        <button type="button" onClick={() => void events.refetch()} disabled={events.isFetching}>
          {events.isFetching ? 'Refreshing…' : 'Refresh'}
        </button>
      </div>
      {!environment && (
        <EmptyState title="No environment yet">Events appear once {ctx.service} is deployed.</EmptyState>
      )}
      <ErrorNotice error={events.error} title="The events could not be read" />
      {events.isPending && environment && <Loading what="events" />}
      {events.data && (
        <Table
          caption={`Kubernetes events of ${ctx.service} in ${environment}, newest first`}
          className="events"
          columns={['Type', 'Reason', 'Object', 'Message', 'Count', 'Last seen']}
          items={items}
          empty={
            <EmptyState title={warningsOnly ? 'No warnings' : 'No events'}>
              Kubernetes keeps events for about an hour; none concern {ctx.service} in {environment}
              {warningsOnly ? ' with a warning' : ''} right now.
            </EmptyState>
          }
        >
          {(e) => (
            <tr
              key={`${e.object}/${e.reason}/${e.firstAt}/${e.message}`}
              className={e.type === 'Warning' ? 'warning' : undefined}
              data-event-type={e.type}
            >
              <td>
                <span className={`badge ${e.type === 'Warning' ? 'warn' : 'info'}`}>{e.type}</span>
              </td>
              <td>{e.reason}</td>
              <td className="mono small">{e.object}</td>
              <td className="event-message">{e.message}</td>
              <td>{e.count}</td>
              <td className="nowrap-cell">
                <TimeAgo at={e.lastAt ?? e.firstAt} />
              </td>
            </tr>
          )}
        </Table>
      )}
    </div>
  );
}
