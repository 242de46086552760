/** The four DORA figures of the whole window, a tile each: the value, its band, what it rests on. */
import { BandBadge } from './BandBadge';
import { duration, frequency, percent } from './format';
import type { DoraBand, DoraBands, DoraFigures } from './queries';

interface Tile {
  key: keyof DoraBands;
  title: string;
  value: string;
  counted: string;
}

function tilesOf(f: DoraFigures): Tile[] {
  return [
    {
      key: 'deploymentFrequency',
      title: 'Deployment frequency',
      value: frequency(f),
      counted: `${f.deployments} ${f.deployments === 1 ? 'deployment' : 'deployments'}`,
    },
    {
      key: 'leadTime',
      title: 'Lead time for changes',
      value: duration(f.leadTime.medianSeconds),
      counted: `median of ${f.leadTime.count} with a commit time, ${f.leadTime.withoutCommitTime} without`,
    },
    {
      key: 'changeFailureRate',
      title: 'Change failure rate',
      value: percent(f.changeFailure.rate),
      counted: `${f.changeFailure.failed} of ${f.changeFailure.changes} changes`,
    },
    {
      key: 'timeToRestore',
      title: 'Time to restore',
      value: duration(f.timeToRestore.medianSeconds),
      counted: `median of ${f.timeToRestore.restored} restored, ${f.timeToRestore.open} still open`,
    },
  ];
}

export function FigureTiles({ figures, bands }: { figures: DoraFigures; bands: DoraBands }) {
  return (
    <ul className="dora-tiles">
      {tilesOf(figures).map((t) => (
        <li key={t.key} className="card dora-tile" data-figure={t.key} data-band={bands[t.key] ?? 'none'}>
          <h3>{t.title}</h3>
          <div className="dora-tile-value">
            <span className="dora-value" data-testid={`value-${t.key}`}>
              {t.value}
            </span>
            <BandBadge band={bands[t.key] as DoraBand | null} />
          </div>
          <p className="muted">{t.counted}</p>
        </li>
      ))}
    </ul>
  );
}
