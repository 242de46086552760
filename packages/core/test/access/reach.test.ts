import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  type Caller,
  canReadEnvironment,
  canReadService,
  type ReadReach,
  type RoleBinding,
  readReach,
  roles,
} from '../../src/index.ts';

// The filter a store applies, written the way the SQL reads: if the two ever disagree, a list
// shows what a direct read refuses, or hides what it allows.
const seesService = (r: ReadReach, s: { name: string; ownerTeam: string | null }) =>
  r.all || r.services.includes(s.name) || (s.ownerTeam !== null && r.teams.includes(s.ownerTeam));
const seesEnvironment = (r: ReadReach, e: { ownerTeam: string | null }) =>
  r.all || (e.ownerTeam === null ? r.member : r.teams.includes(e.ownerTeam));

const teams = ['alpha', 'beta'];
const serviceNames = ['checkout', 'billing'];
const scopes: RoleBinding['scope'][] = [
  { kind: 'global' },
  ...teams.map((team) => ({ kind: 'team' as const, team })),
  ...serviceNames.map((service) => ({ kind: 'service' as const, service })),
];
const typeSets = [[], ['development'], ['production', 'preview']];

/** Every caller of up to two bindings over these scopes, roles and environment types. */
function* callers(): Generator<Caller> {
  const bindings = scopes.flatMap((scope) =>
    roles.flatMap((role) =>
      typeSets.map(
        (environmentTypes): RoleBinding => ({ role, subject: { kind: 'user', name: 'ada' }, scope, environmentTypes }),
      ),
    ),
  );
  yield { username: 'ada', teams: ['alpha'], bindings: [] };
  for (const [i, a] of bindings.entries()) {
    yield { username: 'ada', teams: ['alpha'], bindings: [a] };
    for (const b of bindings.slice(i + 1)) yield { username: 'ada', teams: ['alpha'], bindings: [a, b] };
  }
}

describe('readReach', () => {
  const services = [
    ...serviceNames.flatMap((name) => [...teams, null].map((ownerTeam) => ({ name, ownerTeam }))),
    { name: 'gateway', ownerTeam: null },
  ];
  const environments = [...teams, 'gamma', null].map((ownerTeam) => ({ name: 'env', type: 'development', ownerTeam }));

  it('lets a list see exactly the services and environments the decisions allow', () => {
    let compared = 0;
    for (const caller of callers()) {
      const reach = readReach(caller);
      for (const s of services) {
        assert.equal(
          seesService(reach, s),
          canReadService(caller, s).allowed,
          `${JSON.stringify(caller.bindings)} ${s.name}`,
        );
        compared++;
      }
      for (const e of environments) {
        assert.equal(seesEnvironment(reach, e), canReadEnvironment(caller, e).allowed, JSON.stringify(caller.bindings));
        compared++;
      }
    }
    assert.ok(compared > 20_000, `compared ${compared}`);
  });

  it('names each scope once', () => {
    const b = (scope: RoleBinding['scope']): RoleBinding => ({
      role: 'viewer',
      subject: { kind: 'team', name: 'alpha' },
      scope,
      environmentTypes: [],
    });
    const reach = readReach({
      username: 'ada',
      teams: ['alpha'],
      bindings: [
        b({ kind: 'team', team: 'beta' }),
        b({ kind: 'team', team: 'beta' }),
        b({ kind: 'service', service: 'x' }),
      ],
    });
    assert.deepEqual(reach, { all: false, member: true, teams: ['beta'], services: ['x'] });
  });
});
