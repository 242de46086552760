/**
 * The service's golden signals in one environment, from Prometheus (GET …/metrics): a chart
 * per signal over the chosen range with the releases as dashed markers, its newest value, and
 * "since release #N vs before" — also as a table, for those who read rather than look. The
 * range is part of the address (?range=), so a link shows the same view. Loaded lazily: uPlot
 * comes with this tab only.
 */
import { formatChange, formatSignalValue } from '@slipway/core/metrics';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { api, call, type Schemas } from '../../api/client';
import { ErrorNotice } from '../../components/ErrorNotice';
import { EmptyState, Loading } from '../../components/Page';
import { Table } from '../../components/Table';
import { type ChartMarker, type ChartSeries, TimeSeriesChart } from '../../components/TimeSeriesChart';
import { useServiceContext } from './context';
import { EnvironmentPicker } from './EnvironmentPicker';

type Metrics = Schemas['ServiceMetrics'];
type Signal = Metrics['signals'][number];

/** The ranges offered, in seconds; the API takes 60 s … 30 days. */
export const ranges = [
  { id: '15m', seconds: 900, label: 'Last 15 minutes' },
  { id: '1h', seconds: 3_600, label: 'Last hour' },
  { id: '6h', seconds: 21_600, label: 'Last 6 hours' },
  { id: '24h', seconds: 86_400, label: 'Last 24 hours' },
  { id: '7d', seconds: 604_800, label: 'Last 7 days' },
  { id: '30d', seconds: 2_592_000, label: 'Last 30 days' },
] as const;
const defaultRange = '1h';

export default function MetricsTab() {
  const ctx = useServiceContext();
  const [search, setSearch] = useSearchParams();
  const range = ranges.find((r) => r.id === search.get('range')) ?? ranges[1];
  const setRange = (id: string) =>
    setSearch(
      (params) => {
        const next = new URLSearchParams(params);
        if (id === defaultRange) next.delete('range');
        else next.set('range', id);
        return next;
      },
      { replace: true },
    );
  if (!ctx.environment) {
    return <EmptyState title="No metrics yet">Metrics appear once {ctx.service} runs in an environment.</EmptyState>;
  }
  return (
    <div className="stack">
      <div className="row toolbar">
        <EnvironmentPicker id="metrics-env" />
        <div>
          <label htmlFor="metrics-range">Range</label>
          <select id="metrics-range" value={range.id} onChange={(e) => setRange(e.target.value)}>
            {ranges.map((r) => (
              <option key={r.id} value={r.id}>
                {r.label}
              </option>
            ))}
          </select>
        </div>
      </div>
      <Signals service={ctx.service} environment={ctx.environment} seconds={range.seconds} />
    </div>
  );
}

function Signals({ service, environment, seconds }: { service: string; environment: string; seconds: number }) {
  const metrics = useQuery({
    queryKey: ['service', service, 'metrics', environment, seconds],
    queryFn: () =>
      call(
        api.GET('/api/v1/services/{service}/environments/{environment}/metrics', {
          params: { path: { service, environment }, query: { sinceSeconds: seconds } },
        }),
      ),
    placeholderData: keepPreviousData,
    refetchInterval: 30_000,
  });
  const answer = metrics.data;
  const markers = useMemo(() => (answer ? releaseMarkers(answer) : []), [answer]);
  if (metrics.isPending) return <Loading what="metrics" />;
  if (!answer) return <ErrorNotice error={metrics.error} title="The metrics could not be read" />;
  const problems = [...new Set(answer.signals.filter((s) => s.status === 'unavailable').map((s) => s.message))];
  return (
    <>
      <ErrorNotice error={metrics.error} title="The metrics could not be read again" />
      {problems.map((p) => (
        <p key={p} className="notice warn" role="status">
          Prometheus did not answer: {p}
        </p>
      ))}
      <div className="metrics-grid">
        {answer.signals.map((s) => (
          <SignalCard key={s.name} signal={s} markers={markers} compared={answer.comparedWith?.number ?? null} />
        ))}
      </div>
      <Comparison answer={answer} />
    </>
  );
}

/** Each release at the moment it was asked for: `#4 ana`. */
function releaseMarkers(answer: Metrics): ChartMarker[] {
  return answer.releases.map((r) => ({ at: Date.parse(r.createdAt) / 1000, label: `#${r.number} ${r.createdBy}` }));
}

function SignalCard({
  signal,
  markers,
  compared,
}: {
  signal: Signal;
  markers: readonly ChartMarker[];
  compared: number | null;
}) {
  const format = (v: number) => formatSignalValue(v, signal.unit);
  const chart = useMemo(() => chartData(signal), [signal]);
  const first = signal.series[0];
  return (
    <figure className="metric-card" data-signal={signal.name} data-status={signal.status}>
      <figcaption>
        <span className="metric-title">{signal.title}</span>
        {first && <span className="metric-now">{formatSignalValue(first.summary.last, signal.unit)}</span>}
        {first?.sinceRelease && compared !== null && (
          <span className="metric-change small">
            {formatChange(first.sinceRelease.change)} since #{compared}
          </span>
        )}
      </figcaption>
      {signal.status === 'ok' && chart ? (
        <TimeSeriesChart
          times={chart.times}
          series={chart.series}
          summary={`${signal.title}: now ${formatSignalValue(first?.summary.last ?? null, signal.unit)}, at most ${formatSignalValue(first?.summary.max ?? null, signal.unit)}`}
          format={format}
          markers={markers}
          height={140}
          testId={`metric-${signal.name}`}
        />
      ) : (
        <p className="metric-empty small" title={signal.query}>
          {statusWords(signal)}
        </p>
      )}
    </figure>
  );
}

function statusWords(signal: Signal): string {
  switch (signal.status) {
    case 'no_data':
      return 'No data: the query matched no series in this range.';
    case 'invalid':
      return `Prometheus refused the query: ${signal.message}`;
    case 'unavailable':
      return 'Prometheus did not answer.';
    default:
      return '';
  }
}

/** The series on one time axis (they share the step, but may start and end apart). */
function chartData(signal: Signal): { times: number[]; series: ChartSeries[] } | null {
  if (signal.series.length === 0) return null;
  const times = [...new Set(signal.series.flatMap((s) => s.points.map((p) => p.t)))].sort((a, b) => a - b);
  const tones = ['accent', 'ok', 'warn', 'bad'];
  const series = signal.series.map((s, i) => {
    const byTime = new Map(s.points.map((p) => [p.t, p.v]));
    const label = Object.entries(s.labels)
      .map(([k, v]) => `${k}=${v}`)
      .join(', ');
    return {
      label: label || signal.title,
      values: times.map((t) => byTime.get(t) ?? null),
      tone: tones[i % tones.length] ?? 'accent',
    };
  });
  return { times: times.map((t) => t / 1000), series };
}

/** "Since release #N vs before", each signal's first series, as numbers. */
function Comparison({ answer }: { answer: Metrics }) {
  const compared = answer.comparedWith;
  if (!compared) {
    return <p className="small muted">No release finished in this range: nothing to compare with.</p>;
  }
  const rows = answer.signals.flatMap((s) => {
    const c = s.series[0]?.sinceRelease;
    return c ? [{ signal: s, ...c }] : [];
  });
  return (
    <Table
      caption={`Since release #${compared.number} (${compared.at.slice(0, 16).replace('T', ' ')} UTC) against as long before it`}
      className="metric-comparison"
      columns={['Signal', 'Before', 'Since', 'Change']}
      items={rows}
      empty={<EmptyState title="No numbers">No signal has data on both sides of the release.</EmptyState>}
    >
      {(r) => (
        <tr key={r.signal.name} data-signal={r.signal.name}>
          <th scope="row">{r.signal.title}</th>
          <td>{formatSignalValue(r.before, r.signal.unit)}</td>
          <td>{formatSignalValue(r.after, r.signal.unit)}</td>
          <td>{formatChange(r.change)}</td>
        </tr>
      )}
    </Table>
  );
}
