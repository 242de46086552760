/**
 * A service's scorecards: for each, the level reached (a badge), the score and its history as a
 * small chart (uPlot, like the Delivery page), and every rule passed or failed, each failed one
 * with what to do about it. Loaded with its tab only, for the chart library.
 */
import { ErrorNotice } from '../../components/ErrorNotice';
import { EmptyState, Loading, TimeAgo } from '../../components/Page';
import { TimeSeriesChart } from '../../components/TimeSeriesChart';
import { LevelBadge } from '../scorecards/LevelBadge';
import {
  type ScorecardResult,
  statusTones,
  statusWords,
  useScorecardHistory,
  useServiceScorecards,
} from '../scorecards/queries';
import { useServiceContext } from './context';

export default function ScorecardsTab() {
  const { service } = useServiceContext();
  const results = useServiceScorecards(service);
  if (results.error) return <ErrorNotice error={results.error} title="The scorecards could not be read" />;
  if (results.isPending) return <Loading what="scorecards" />;
  if (results.data.length === 0)
    return (
      <EmptyState title="No scorecards yet">
        An admin applies scorecards with <code>slipway scorecard apply -f FILE</code> (docs/scorecards.md).
      </EmptyState>
    );
  return (
    <div className="stack" data-testid="scorecards">
      {results.data.map((result) => (
        <ScorecardCard key={result.scorecard} service={service} result={result} />
      ))}
    </div>
  );
}

function ScorecardCard({ service, result }: { service: string; result: ScorecardResult }) {
  const failed = result.rules.filter((r) => r.status !== 'pass');
  return (
    <section
      className="card scorecard"
      aria-labelledby={`scorecard-${result.scorecard}`}
      data-scorecard={result.scorecard}
    >
      <div className="row scorecard-head">
        <h2 id={`scorecard-${result.scorecard}`}>{result.title}</h2>
        <LevelBadge levels={result.levels} level={result.level} />
        <span className="scorecard-score" data-testid="score">
          {result.score}%
        </span>
        <span className="muted">
          {result.rules.length - failed.length} of {result.rules.length} rules pass · evaluated{' '}
          <TimeAgo at={result.evaluatedAt} />
        </span>
      </div>
      <ScoreHistory service={service} scorecard={result.scorecard} title={result.title} />
      <ul className="scorecard-rules">
        {result.rules.map((rule) => (
          <li key={rule.id} data-rule={rule.id} data-status={rule.status}>
            <span className={`badge ${statusTones[rule.status]}`}>{statusWords[rule.status]}</span>{' '}
            <span className="muted">[{rule.level}]</span> {rule.title}
            {rule.status === 'error' && rule.message && <div className="scorecard-error">{rule.message}</div>}
            {rule.status !== 'pass' && rule.remedy && (
              <div className="scorecard-remedy">
                <strong>What to do:</strong> {rule.remedy}
              </div>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The score over time, oldest first; a single point needs no chart. */
function ScoreHistory({ service, scorecard, title }: { service: string; scorecard: string; title: string }) {
  const history = useScorecardHistory(service, scorecard);
  const items = [...(history.data ?? [])].reverse();
  if (items.length < 2) return null;
  const first = items[0];
  const last = items.at(-1);
  return (
    <TimeSeriesChart
      times={items.map((i) => Math.floor(Date.parse(i.evaluatedAt) / 1000))}
      series={[{ label: 'Score', values: items.map((i) => i.score), tone: 'accent' }]}
      summary={`${title} score over time: from ${first?.score}% to ${last?.score}% in ${items.length} results`}
      format={(v) => `${Math.round(v)}%`}
      yTicks={[25, 50]}
      height={90}
      testId={`score-history-${scorecard}`}
    />
  );
}
