import { jsonPointer, SlipwayError } from '../errors/index.ts';
import type { ResourceRequest } from '../resources/resolved.ts';
import { builtinProvisioners } from './builtin/index.ts';
import type { Provisioner, ProvisionerMatch } from './model.ts';

/**
 * Humanitec's rule for picking a provisioner: the type must be equal; each other criterion is
 * either unset (matches anything) or set, and then must be equal. Among the matches, the most
 * specific wins, id over class over environment type: weights 4, 2, 1 make any match on a
 * stronger criterion outrank every combination of weaker ones.
 */
const criteria = [
  ['id', 4],
  ['class', 2],
  ['environmentType', 1],
] as const satisfies ReadonlyArray<readonly [keyof ProvisionerMatch, number]>;

/** The specificity of `p` for the request, or undefined when it does not match. */
export function specificity(p: Provisioner, request: ResourceRequest, environmentType: string): number | undefined {
  if (p.match.type !== request.type) return undefined;
  const wanted = { id: request.id, class: request.class ?? 'default', environmentType };
  let score = 0;
  for (const [criterion, weight] of criteria) {
    const value = p.match[criterion];
    if (value === undefined) continue;
    if (value !== wanted[criterion]) return undefined;
    score += weight;
  }
  return score;
}

/** The most specific match; on a tie, the one listed first. */
function best(
  request: ResourceRequest,
  environmentType: string,
  list: readonly Provisioner[],
): Provisioner | undefined {
  let winner: Provisioner | undefined;
  let top = -1;
  for (const p of list) {
    const score = specificity(p, request, environmentType);
    if (score !== undefined && score > top) [winner, top] = [p, score];
  }
  return winner;
}

/**
 * Picks the provisioner for one request. Built-ins are a fallback: they are consulted only when
 * no provisioner of the platform's own matches, so a platform engineer who writes a `postgres`
 * provisioner replaces the built-in one everywhere it matches, whatever its specificity.
 */
export function selectProvisioner(
  request: ResourceRequest,
  environmentType: string,
  provisioners: readonly Provisioner[],
  builtins: readonly Provisioner[] = builtinProvisioners,
): Provisioner {
  const found = best(request, environmentType, provisioners) ?? best(request, environmentType, builtins);
  if (found) return found;
  throw noProvisioner(request, environmentType, [...provisioners, ...builtins]);
}

function noProvisioner(request: ResourceRequest, environmentType: string, all: Provisioner[]): SlipwayError {
  const at = jsonPointer(['resources', request.name]);
  const sameType = all.filter((p) => p.match.type === request.type);
  if (sameType.length === 0) {
    const types = [...new Set(all.map((p) => p.match.type))].sort();
    return new SlipwayError(
      'invalid_input',
      `No provisioner for resource type "${request.type}" (resource "${request.name}")`,
      {
        fields: [{ path: `${at}/type`, message: `no provisioner handles the type "${request.type}"` }],
        hint: `types that exist: ${types.join(', ') || 'none'}`,
      },
    );
  }
  const wanted = `class "${request.class ?? 'default'}"${request.id ? `, id "${request.id}"` : ''}`;
  const field = request.class !== undefined ? 'class' : request.id !== undefined ? 'id' : 'type';
  return new SlipwayError(
    'invalid_input',
    `No provisioner for resource type "${request.type}" with ${wanted} in environment type "${environmentType}" (resource "${request.name}")`,
    {
      fields: [{ path: `${at}/${field}`, message: `no "${request.type}" provisioner matches` }],
      hint: `"${request.type}" provisioners: ${sameType.map(describeMatch).join('; ')}`,
    },
  );
}

function describeMatch(p: Provisioner): string {
  const set = criteria.flatMap(([c]) => (p.match[c] === undefined ? [] : [`${c} ${p.match[c]}`]));
  return `${p.id} (${set.length ? set.join(', ') : 'any'})`;
}
