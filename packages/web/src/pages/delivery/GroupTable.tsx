/** With "group by": a row per service or team, each with its four figures and their bands. */
import { Link } from 'react-router';
import { Table } from '../../components/Table';
import { BandBadge } from './BandBadge';
import { duration, failureWords, frequency, restoreWords } from './format';
import type { DoraGroup } from './queries';
import { ScrollRegion } from './ScrollRegion';

export function GroupTable({ groups, by }: { groups: readonly DoraGroup[]; by: 'service' | 'team' }) {
  if (groups.length === 0) return <p className="muted">No {by} has releases in this window.</p>;
  return (
    <ScrollRegion label={`The figures per ${by}`}>
      <Table
        wrap={false}
        className="dora-group-table"
        caption={`The figures per ${by}`}
        columns={[
          by === 'service' ? 'Service' : 'Team',
          'Deployment frequency',
          'Lead time',
          'Change failure rate',
          'Time to restore',
        ]}
        items={groups}
        empty=""
        testId="group-table"
      >
        {(g) => (
          <tr key={g.key ?? ''} data-group={g.key ?? ''}>
            <th scope="row">
              {g.key === null ? (
                <span className="muted">No owning team</span>
              ) : by === 'service' ? (
                <Link to={`/services/${g.key}`}>{g.key}</Link>
              ) : (
                g.key
              )}
            </th>
            <td>
              {frequency(g.figures)} <BandBadge band={g.bands.deploymentFrequency} />
            </td>
            <td>
              {duration(g.figures.leadTime.medianSeconds)} <BandBadge band={g.bands.leadTime} />
            </td>
            <td>
              {failureWords(g.figures)} <BandBadge band={g.bands.changeFailureRate} />
            </td>
            <td>
              {restoreWords(g.figures)} <BandBadge band={g.bands.timeToRestore} />
            </td>
          </tr>
        )}
      </Table>
    </ScrollRegion>
  );
}
