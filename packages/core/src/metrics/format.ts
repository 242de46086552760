/**
 * How a signal's value reads, in the CLI and the portal alike: three significant digits at
 * most, in the unit a person expects (`10.3/s`, `0.91%`, `62.5ms`, `512m` cores, `192MiB`).
 */
export function formatSignalValue(v: number | null, unit: string): string {
  if (v === null || !Number.isFinite(v)) return '—';
  switch (unit) {
    case 'requests/s':
      return `${short(v)}/s`;
    case 'ratio':
      return `${short(v * 100)}%`;
    case 'seconds':
      return Math.abs(v) < 1 ? `${short(v * 1000)}ms` : `${short(v)}s`;
    case 'cores':
      return Math.abs(v) < 1 ? `${short(v * 1000)}m` : short(v);
    case 'bytes':
      return bytes(v);
    default:
      return short(v);
  }
}

/** A relative change in percent to one decimal: `+3.2%`, `-12%`, `+0%` (float noise included). */
export function formatChange(change: number | null): string {
  if (change === null) return '—';
  const percent = Math.round(change * 1000) / 10 || 0;
  return `${percent >= 0 ? '+' : ''}${percent}%`;
}

function bytes(v: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let n = v;
  let i = 0;
  while (Math.abs(n) >= 1024 && i < units.length - 1) {
    n /= 1024;
    i++;
  }
  return `${short(n)}${units[i]}`;
}

function short(n: number): string {
  return String(Number(n.toPrecision(3)));
}
