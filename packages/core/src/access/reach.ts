import type { Caller } from './decide.ts';

/**
 * What a caller may read, as a filter a store can put in its query: a list of services or
 * environments is then one read of the rows the caller sees, a page at a time, instead of
 * every row read and judged one by one. It says the same as `canReadService` and
 * `canReadEnvironment` (a test holds them to it): every role includes viewer, so any binding
 * reaches what its scope names, whatever its environment types.
 */
export interface ReadReach {
  /** A global binding: everything. */
  all: boolean;
  /** A binding of any kind: shared environments (no owner team) are visible to every member. */
  member: boolean;
  /** Teams whose services and environments a binding covers. */
  teams: string[];
  /** Services a binding names one by one. */
  services: string[];
}

export function readReach(caller: Caller): ReadReach {
  const teams = new Set<string>();
  const services = new Set<string>();
  let all = false;
  for (const { scope } of caller.bindings) {
    if (scope.kind === 'global') all = true;
    else if (scope.kind === 'team') teams.add(scope.team);
    else services.add(scope.service);
  }
  return { all, member: caller.bindings.length > 0, teams: [...teams].sort(), services: [...services].sort() };
}
