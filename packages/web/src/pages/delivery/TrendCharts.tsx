/**
 * The four figures week by week: a chart each (uPlot, through components/TimeSeriesChart), and
 * the same numbers as a table for those who read rather than look.
 */
import { useMemo } from 'react';
import { Table } from '../../components/Table';
import type { ChartSeries } from '../../components/TimeSeriesChart';
import { TimeSeriesChart } from '../../components/TimeSeriesChart';
import { BandBadge } from './BandBadge';
import { duration, failureWords, restoreWords, round } from './format';
import type { DoraFigures, DoraWeek } from './queries';
import { ScrollRegion } from './ScrollRegion';

interface Trend {
  key: string;
  title: string;
  unit: string;
  tone: string;
  value: (f: DoraFigures) => number | null;
  format: (v: number) => string;
  /** Tick steps in the chart's unit: whole deployments, hours that read as hours and days. */
  ticks: readonly number[];
}

const hours = (seconds: number | null) => (seconds === null ? null : seconds / 3600);
const inHours = (v: number) => duration(v * 3600);
const hourTicks = [0.25, 0.5, 1, 2, 3, 6, 12, 24, 48, 72, 168, 336, 720, 1440, 2160, 4320];
const countTicks = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000];
const percentTicks = [5, 10, 20, 25, 50];
/** The time axis ticks at week starts (Mondays): every 1, 2, 4, 8 or 13 weeks. */
const weekTicks = [1, 2, 4, 8, 13].map((w) => w * 7 * 86_400);
const dayMonth = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', timeZone: 'UTC' });
const weekStart = (at: Date) => dayMonth.format(at);

const trends: Trend[] = [
  {
    key: 'deployments',
    title: 'Deployments',
    unit: 'deployments a week',
    tone: 'accent',
    value: (f) => f.deployments,
    format: (v) => round(v),
    ticks: countTicks,
  },
  {
    key: 'leadTime',
    title: 'Lead time for changes',
    unit: 'median, per week',
    tone: 'info',
    value: (f) => hours(f.leadTime.medianSeconds),
    format: inHours,
    ticks: hourTicks,
  },
  {
    key: 'changeFailureRate',
    title: 'Change failure rate',
    unit: 'failed changes, per week',
    tone: 'bad',
    value: (f) => (f.changeFailure.rate === null ? null : f.changeFailure.rate * 100),
    format: (v) => `${round(v)}%`,
    ticks: percentTicks,
  },
  {
    key: 'timeToRestore',
    title: 'Time to restore',
    unit: 'median, per week',
    tone: 'warn',
    value: (f) => hours(f.timeToRestore.medianSeconds),
    format: inHours,
    ticks: hourTicks,
  },
];

export function TrendCharts({ weeks }: { weeks: readonly DoraWeek[] }) {
  const times = useMemo(() => weeks.map((w) => Date.parse(w.start) / 1000), [weeks]);
  return (
    <div className="dora-trends">
      {trends.map((t) => (
        <TrendChart key={t.key} trend={t} weeks={weeks} times={times} />
      ))}
    </div>
  );
}

function TrendChart({ trend, weeks, times }: { trend: Trend; weeks: readonly DoraWeek[]; times: readonly number[] }) {
  const series = useMemo<ChartSeries[]>(
    () => [{ label: trend.title, tone: trend.tone, values: weeks.map((w) => trend.value(w.figures)) }],
    [trend, weeks],
  );
  const first = weeks[0]?.week ?? '';
  const last = weeks.at(-1)?.week ?? '';
  const latest = series[0]?.values.at(-1);
  const summary =
    `${trend.title}, ${trend.unit}, ${weeks.length} weeks from ${first} to ${last}; ` +
    `this week: ${latest === null || latest === undefined ? 'no data' : trend.format(latest)}.`;
  return (
    <figure className="card dora-trend" data-trend={trend.key}>
      <figcaption>
        <strong>{trend.title}</strong> <span className="muted">{trend.unit}</span>
      </figcaption>
      <TimeSeriesChart
        times={times}
        series={series}
        summary={summary}
        format={trend.format}
        yTicks={trend.ticks}
        timeTicks={weekTicks}
        timeFormat={weekStart}
        timeLabel="Week from"
        testId={`chart-${trend.key}`}
      />
    </figure>
  );
}

/** The weeks as rows, newest first: what the charts draw, in numbers. */
export function WeekTable({ weeks }: { weeks: readonly DoraWeek[] }) {
  const rows = useMemo(() => [...weeks].reverse(), [weeks]);
  return (
    <ScrollRegion label={'The figures week by week'}>
      <Table
        wrap={false}
        caption="The figures week by week, newest first"
        columns={['Week (UTC)', 'Deployments', 'Lead time', 'Change failure rate', 'Time to restore']}
        items={rows}
        empty="No weeks in this window."
        testId="week-table"
      >
        {(w) => (
          <tr key={w.week}>
            <th scope="row">
              {w.week} <span className="muted">from {w.start.slice(0, 10)}</span>
            </th>
            <td>{w.figures.deployments}</td>
            <td>
              {duration(w.figures.leadTime.medianSeconds)} <BandBadge band={w.bands.leadTime} />
            </td>
            <td>
              {failureWords(w.figures)} <BandBadge band={w.bands.changeFailureRate} />
            </td>
            <td>
              {restoreWords(w.figures)} <BandBadge band={w.bands.timeToRestore} />
            </td>
          </tr>
        )}
      </Table>
    </ScrollRegion>
  );
}
