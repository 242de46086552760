/**
 * A window in which deploys stop (`block`) or go ahead with a warning (`warn`): a holiday
 * season, a migration, an incident. Empty `environmentTypes` and `environments` mean everywhere.
 */
export interface DeployFreeze {
  id: string;
  name: string;
  startsAt: Date;
  /** Exclusive: a freeze until midnight no longer holds at midnight. */
  endsAt: Date;
  mode: 'block' | 'warn';
  reason: string;
  environmentTypes: string[];
  environments: string[];
}

export interface FreezeTarget {
  environment: string;
  /** The environment's type, e.g. `production`. */
  type: string;
}

/** The freezes that hold for a deploy to `target` at `now`, in the order they were given. */
export function activeFreezes(
  freezes: readonly DeployFreeze[],
  target: FreezeTarget,
  now: Date,
): { blocking: DeployFreeze[]; warnings: DeployFreeze[] } {
  const active = freezes.filter((f) => isWithin(f, now) && appliesTo(f, target));
  return { blocking: active.filter((f) => f.mode === 'block'), warnings: active.filter((f) => f.mode === 'warn') };
}

function isWithin(f: DeployFreeze, now: Date): boolean {
  return f.startsAt.getTime() <= now.getTime() && now.getTime() < f.endsAt.getTime();
}

function appliesTo(f: DeployFreeze, target: FreezeTarget): boolean {
  if (f.environments.length === 0 && f.environmentTypes.length === 0) return true;
  return f.environments.includes(target.environment) || f.environmentTypes.includes(target.type);
}

/** One line for the API, the CLI and the portal, e.g. `Deploy freeze "black-friday" until …: reason`. */
export function freezeMessage(f: DeployFreeze): string {
  const reason = f.reason.trim();
  return `Deploy freeze "${f.name}" until ${f.endsAt.toISOString()}${reason ? `: ${reason}` : ''}`;
}
