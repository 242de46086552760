/**
 * The org and team view of a scorecard: a grid of services × rules, each cell passed, failed or
 * errored, with each service's level and score. The scorecard and the team are in the address
 * (/scorecards?card=documentation&team=payments), so a view can be linked.
 */
import { Link, useSearchParams } from 'react-router';
import { ErrorNotice } from '../../components/ErrorNotice';
import { EmptyState, Loading, PageHeader } from '../../components/Page';
import { Table } from '../../components/Table';
import { LevelBadge } from './LevelBadge';
import { type ScorecardGrid, statusTones, statusWords, useScorecardGrid, useScorecards } from './queries';
import './scorecards.css';

export default function ScorecardsPage() {
  const [search, setSearch] = useSearchParams();
  const cards = useScorecards();
  const chosen = search.get('card') ?? cards.data?.[0]?.name ?? null;
  const team = search.get('team') ?? '';
  const grid = useScorecardGrid(chosen, team);
  const set = (key: string, value: string) =>
    setSearch(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );
  return (
    <>
      <PageHeader
        title="Scorecards"
        summary="How services measure up: each scorecard's rules grouped into levels, and every service's level, score and rules passed."
      />
      <ErrorNotice error={cards.error} title="The scorecards could not be read" />
      {cards.isPending && <Loading what="scorecards" />}
      {cards.data && cards.data.length === 0 && (
        <EmptyState title="No scorecards yet">
          Apply one with <code>slipway scorecard apply -f scorecards/documentation.yaml</code>.
        </EmptyState>
      )}
      {cards.data && cards.data.length > 0 && (
        <form className="row filter-bar" onSubmit={(e) => e.preventDefault()}>
          <label>
            Scorecard{' '}
            <select value={chosen ?? ''} onChange={(e) => set('card', e.target.value)}>
              {cards.data.map((c) => (
                <option key={c.name} value={c.name}>
                  {c.title}
                </option>
              ))}
            </select>
          </label>
          <label>
            Team{' '}
            <input
              type="search"
              value={team}
              placeholder="every team"
              onChange={(e) => set('team', e.target.value.trim())}
            />
          </label>
        </form>
      )}
      <ErrorNotice error={grid.error} title="The grid could not be read" />
      {grid.data && <Grid grid={grid.data} />}
    </>
  );
}

function Grid({ grid }: { grid: ScorecardGrid }) {
  return (
    <Table
      caption={`${grid.title}: services × rules`}
      columns={[
        'Service',
        'Level',
        'Score',
        ...grid.rules.map((r) => (
          <span key={r.id} title={`${r.title} (${r.level})`}>
            {r.id}
          </span>
        )),
      ]}
      items={grid.services}
      empty="No services match."
      className="scorecard-grid"
      testId="scorecard-grid"
    >
      {(row) => (
        <tr key={row.service} data-service={row.service}>
          <th scope="row">
            <Link to={`/services/${row.service}/scorecards`}>{row.service}</Link>
          </th>
          <td>{row.score === null ? '—' : <LevelBadge levels={grid.levels} level={row.level} />}</td>
          <td>{row.score === null ? 'not evaluated' : `${row.score}%`}</td>
          {row.cells.map((cell, i) => (
            <td key={grid.rules[i]?.id ?? i} data-rule={grid.rules[i]?.id} data-status={cell ?? 'none'}>
              {cell === null ? '—' : <span className={`badge ${statusTones[cell]}`}>{statusWords[cell]}</span>}
            </td>
          ))}
        </tr>
      )}
    </Table>
  );
}
