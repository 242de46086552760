/**
 * A time-series chart drawn with uPlot (a small canvas chart library: ~50 KB, loaded only with
 * the pages that import this file). Times are Unix seconds shown in UTC; a null value is a gap.
 * Colours come from the theme's tokens and follow a theme switch; the width follows the box.
 *
 * A canvas says nothing to a screen reader: the chart is an image named by `summary`, and the
 * page is expected to offer the same numbers as text (a table) beside it.
 */
import 'uplot/dist/uPlot.min.css';
import './TimeSeriesChart.css';
import { useEffect, useRef, useState } from 'react';
import uPlot from 'uplot';

export interface ChartSeries {
  label: string;
  values: ReadonlyArray<number | null>;
  /** A colour token of styles/tokens.css, without the dashes: `accent`, `bad`, `ok`… */
  tone?: string;
}

export interface TimeSeriesChartProps {
  /** Unix seconds, ascending, one per value of each series. */
  times: readonly number[];
  series: readonly ChartSeries[];
  /** The chart in one sentence, for screen readers (the canvas itself is not read). */
  summary: string;
  /** How a value reads on the y axis: `2h`, `40%`. */
  format?: (value: number) => string;
  /** The steps the y axis may tick at, in its unit (hours: 1, 6, 24, 168…); default: uPlot's. */
  yTicks?: readonly number[];
  /** The steps the time axis may tick at, in seconds (a week: 604800); default: uPlot's. */
  timeTicks?: readonly number[];
  /** How a tick on the time axis reads (the date is in UTC); default: uPlot's. */
  timeFormat?: (at: Date) => string;
  /** What the legend calls the time under the pointer: `Week from`; default `Time`. */
  timeLabel?: string;
  height?: number;
  testId?: string;
  /** Moments to mark with a dashed line across the chart (Unix seconds), e.g. releases; each label is drawn at its top. */
  markers?: readonly ChartMarker[];
}

export interface ChartMarker {
  at: number;
  label: string;
}

export function TimeSeriesChart({
  times,
  series,
  summary,
  format = String,
  yTicks,
  timeTicks,
  timeFormat,
  timeLabel = 'Time',
  height = 160,
  testId,
  markers = noMarkers,
}: TimeSeriesChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const theme = useThemeVersion();
  // biome-ignore lint/correctness/useExhaustiveDependencies: theme: the colours are read from the page's CSS, which a theme switch changes
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const colours = themeColours();
    const data = [times.slice(), ...series.map((s) => s.values.slice())] as uPlot.AlignedData;
    // Dots at every value help read a few weeks; on a dense series they only blur the line.
    const axes = { format, yTicks, timeTicks, timeFormat, timeLabel, markers, dots: times.length <= 40 };
    const chart = new uPlot(chartOptions(el.clientWidth, height, series, axes, colours, el), data, el);
    const resize = new ResizeObserver(() => chart.setSize({ width: el.clientWidth, height }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      chart.destroy();
    };
  }, [times, series, format, yTicks, timeTicks, timeFormat, timeLabel, height, theme, markers]);
  return <div ref={box} className="ts-chart" role="img" aria-label={summary} data-testid={testId} />;
}

const noMarkers: readonly ChartMarker[] = [];

type Colours = Record<'text' | 'muted' | 'border' | 'surface', string> & { tone: (name: string) => string };

function themeColours(): Colours {
  const style = getComputedStyle(document.documentElement);
  const token = (name: string) => style.getPropertyValue(`--${name}`).trim() || 'currentColor';
  return {
    text: token('text'),
    muted: token('text-muted'),
    border: token('border'),
    surface: token('surface'),
    tone: token,
  };
}

function chartOptions(
  width: number,
  height: number,
  series: readonly ChartSeries[],
  {
    format,
    yTicks,
    timeTicks,
    timeFormat,
    timeLabel,
    markers,
    dots,
  }: Pick<TimeSeriesChartProps, 'yTicks' | 'timeTicks' | 'timeFormat' | 'timeLabel'> & {
    format: (value: number) => string;
    markers: readonly ChartMarker[];
    dots: boolean;
  },
  c: Colours,
  el: HTMLElement,
): uPlot.Options {
  const axis = { stroke: c.muted, grid: { stroke: c.border, width: 1 }, ticks: { stroke: c.border, width: 1 } };
  return {
    width: Math.max(width, 120),
    height,
    // Weeks and days are UTC in Slipway's figures; the browser's zone would shift them.
    tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
    // Under the chart, the values where the pointer is (the newest until it moves there).
    legend: { live: true },
    cursor: { drag: { x: false, y: false } },
    scales: {
      // One time alone (a window of one week) gets a day either side rather than no width at all.
      x: { time: true, range: (_u, min, max) => (min === max ? [min - 86_400, max + 86_400] : [min, max]) },
      y: { range: (_u, _min, max) => [0, max > 0 ? max * 1.15 : 1] },
    },
    axes: [
      {
        ...axis,
        ...(timeTicks ? { incrs: [...timeTicks] } : {}),
        ...(timeFormat ? { values: (_u, splits) => splits.map((s) => timeFormat(new Date(s * 1000))) } : {}),
      },
      {
        ...axis,
        size: 56,
        ...(yTicks ? { incrs: [...yTicks] } : {}),
        values: (_u, splits) => splits.map((v) => format(v)),
      },
    ],
    series: [
      {
        label: timeLabel ?? 'Time',
        value: (u, ts, si, idx) => {
          const at = shown(u, ts, si, idx);
          return at == null ? '—' : (timeFormat ?? utcMinute)(new Date(at * 1000));
        },
      },
      ...series.map((s) => ({
        label: s.label,
        stroke: c.tone(s.tone ?? 'accent'),
        width: 2,
        spanGaps: false,
        value: (u: uPlot, v: number | null, si: number, idx: number | null) => {
          const value = shown(u, v, si, idx);
          return value == null ? '—' : format(value);
        },
        points: { show: dots, size: 7, fill: c.surface },
      })),
    ],
    hooks: {
      // What was drawn, for the portal's tests: one x per time, and how many values were not gaps.
      draw: [
        (u) => drawMarkers(u, markers, c),
        (u) => {
          el.dataset.markers = String(markers.length);
          el.dataset.points = String(u.data[0].length);
          el.dataset.values = String(
            u.data.slice(1).reduce((n, ys) => n + Array.from(ys).filter((y) => y != null).length, 0),
          );
        },
      ],
    },
  };
}

/** Dashed vertical lines at the markers inside the time range, each labelled at its top. */
function drawMarkers(u: uPlot, markers: readonly ChartMarker[], c: Colours): void {
  const { ctx, bbox } = u;
  const [min, max] = [u.scales.x?.min ?? 0, u.scales.x?.max ?? 0];
  ctx.save();
  ctx.strokeStyle = c.muted;
  ctx.fillStyle = c.text;
  ctx.lineWidth = devicePixelRatio;
  ctx.setLineDash([4 * devicePixelRatio, 4 * devicePixelRatio]);
  ctx.font = `${11 * devicePixelRatio}px system-ui, sans-serif`;
  for (const marker of markers) {
    if (marker.at < min || marker.at > max) continue;
    const x = Math.round(u.valToPos(marker.at, 'x', true));
    ctx.beginPath();
    ctx.moveTo(x, bbox.top);
    ctx.lineTo(x, bbox.top + bbox.height);
    ctx.stroke();
    // The label goes right of its line, or left of it where it would run off the chart.
    const width = ctx.measureText(marker.label).width;
    const gap = 3 * devicePixelRatio;
    const right = x + gap + width <= bbox.left + bbox.width;
    ctx.fillText(marker.label, right ? x + gap : x - gap - width, bbox.top + 11 * devicePixelRatio);
  }
  ctx.restore();
}

/** The legend's value: the one under the pointer, or the newest while the pointer is elsewhere. */
function shown(u: uPlot, value: number | null, seriesIndex: number, index: number | null): number | null {
  return index === null ? (u.data[seriesIndex]?.at(-1) ?? null) : value;
}

/** `2026-12-04 21:35 UTC`: what the legend says of a time when no caller says otherwise. */
function utcMinute(at: Date): string {
  return `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** Counts theme switches (html[data-theme]), so a chart redraws in the new colours. */
function useThemeVersion(): number {
  const [version, setVersion] = useState(0);
  useEffect(() => {
    const observer = new MutationObserver(() => setVersion((v) => v + 1));
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    return () => observer.disconnect();
  }, []);
  return version;
}
