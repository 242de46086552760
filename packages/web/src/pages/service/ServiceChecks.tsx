import { ErrorNotice } from '../../components/ErrorNotice';
import { Table } from '../../components/Table';
import { useServiceVerification } from '../../queries/services';

/**
 * The metric checks the service declares for its releases, beside its environment types':
 * what each release must keep up once Healthy, in which types. Set from a file with the CLI
 * (`slipway service checks`), where a team keeps them beside its score.yaml.
 */
export function ServiceChecks({ service }: { service: string }) {
  const answer = useServiceVerification(service);
  if (answer.error) return <ErrorNotice error={answer.error} />;
  const checks = answer.data?.checks ?? [];
  return (
    <section aria-labelledby="service-checks-title" className="service-checks">
      <h2 id="service-checks-title">Checks of its own</h2>
      <Table
        caption={`Metric checks ${service} declares for its releases`}
        columns={['Check', 'Condition', 'Sampled', 'In', 'Query']}
        items={checks}
        empty={
          answer.isPending ? (
            <p className="muted">Loading…</p>
          ) : (
            <p className="muted">
              None: its environment types' checks alone verify its releases. A maintainer sets some with{' '}
              <code>slipway service checks {service} -f checks.yaml</code>.
            </p>
          )
        }
      >
        {(c) => (
          <tr key={c.name} data-service-check={c.name}>
            <th scope="row">
              <code>{c.name}</code>
            </th>
            <td>
              {c.condition.op} {c.condition.threshold}
              {(c.failureLimit ?? 0) > 0 ? `, ${c.failureLimit} failures tolerated` : ''}
            </td>
            <td>
              every {c.intervalSeconds} s for {c.durationSeconds} s
            </td>
            <td>{c.environmentTypes?.join(', ') ?? 'every environment'}</td>
            <td>
              <code className="small">{c.query}</code>
            </td>
          </tr>
        )}
      </Table>
    </section>
  );
}
