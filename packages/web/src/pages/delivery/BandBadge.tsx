/** A figure's DORA band as a coloured pill with the word in it: colour is never the only signal. */
import { bandWords } from './format';
import type { DoraBand } from './queries';

const tones: Record<DoraBand, string> = { elite: 'ok', high: 'info', medium: 'warn', low: 'bad' };

export function BandBadge({ band }: { band: DoraBand | null }) {
  return (
    <span className={`badge ${band ? tones[band] : ''}`} data-band={band ?? 'none'}>
      <span className="visually-hidden">DORA band: </span>
      {band ? bandWords[band] : 'No data'}
    </span>
  );
}
