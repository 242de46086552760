/** A service's level on a scorecard as a pill with the word in it: colour is never the only signal. */
import { levelTone } from './queries';

export function LevelBadge({ levels, level }: { levels: readonly string[]; level: string | null }) {
  return (
    <span className={`badge ${levelTone(levels, level)}`} data-level={level ?? 'none'}>
      <span className="visually-hidden">Level: </span>
      {level ?? 'No level'}
    </span>
  );
}
