import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  accessOf,
  builtinEnvironmentTypes,
  type Caller,
  canActForTeam,
  canApprove,
  canDeploy,
  canManageEnvironment,
  canManageService,
  canReadBinding,
  canReadEnvironment,
  canReadService,
  canReadTeam,
  type EnvironmentFacts,
  isAdmin,
  type RoleBinding,
  roleOnService,
  SlipwayError,
  validateRoleBinding,
} from '../../src/index.ts';

const bind = (
  role: RoleBinding['role'],
  scope: RoleBinding['scope'] = { kind: 'team', team: 'alpha' },
  environmentTypes: string[] = [],
): RoleBinding => ({ role, subject: { kind: 'user', name: 'ada' }, scope, environmentTypes });
const caller = (...bindings: RoleBinding[]): Caller => ({ username: 'ada', teams: ['alpha'], bindings });

const checkout = { name: 'checkout', ownerTeam: 'alpha' };
const billing = { name: 'billing', ownerTeam: 'beta' };
const platformService = { name: 'gateway', ownerTeam: null };
const env = (name: string, type: string, ownerTeam: string | null = 'alpha'): EnvironmentFacts => ({
  name,
  type,
  ownerTeam,
  access: accessOf(builtinEnvironmentTypes.find((t) => t.name === type)),
});
const dev = env('dev', 'development');
const prod = env('prod', 'production', null);

describe('authorization decisions', () => {
  it('a team’s members and bindings: its members, roles over it, admins; nobody else', () => {
    assert.equal(canReadTeam(caller(), 'alpha').allowed, true, 'a member without a role');
    assert.equal(
      canReadTeam({ ...caller(bind('viewer', { kind: 'team', team: 'beta' })), teams: [] }, 'beta').allowed,
      true,
    );
    assert.equal(canReadTeam(caller(bind('viewer', { kind: 'global' })), 'beta').allowed, true);
    const denied = canReadTeam(caller(bind('maintainer')), 'beta');
    assert.match((denied as { reason: string }).reason, /not in team beta and has no role over it/);
    const ada = caller(bind('developer'));
    const theirs = (scope: RoleBinding['scope'], name = 'bo'): RoleBinding => ({
      role: 'viewer',
      subject: { kind: 'user', name },
      scope,
      environmentTypes: [],
    });
    assert.equal(canReadBinding(ada, theirs({ kind: 'team', team: 'alpha' })), true);
    assert.equal(canReadBinding(ada, theirs({ kind: 'team', team: 'beta' })), false);
    assert.equal(canReadBinding(ada, theirs({ kind: 'global' })), false, 'others’ global roles are admins’ business');
    assert.equal(canReadBinding(ada, theirs({ kind: 'global' }, 'ada')), true, 'one’s own');
    assert.equal(canReadBinding(ada, theirs({ kind: 'service', service: 'checkout' }), checkout), true);
    assert.equal(canReadBinding(ada, theirs({ kind: 'service', service: 'billing' }), billing), false);
    assert.equal(
      canReadBinding(caller(bind('admin', { kind: 'global' })), theirs({ kind: 'team', team: 'beta' })),
      true,
    );
  });

  it('reads need any role over the service; another team’s service is out of reach', () => {
    assert.equal(canReadService(caller(bind('viewer')), checkout).allowed, true);
    const denied = canReadService(caller(bind('maintainer')), billing);
    assert.equal(denied.allowed, false);
    assert.match((denied as { reason: string }).reason, /owned by team beta/);
    assert.equal(canReadService(caller(bind('developer')), platformService).allowed, false);
  });

  it('deploys follow the environment type: developers to development, maintainers to production', () => {
    assert.equal(canDeploy(caller(bind('viewer')), checkout, dev).allowed, false);
    assert.equal(canDeploy(caller(bind('developer')), checkout, dev).allowed, true);
    const refused = canDeploy(caller(bind('developer')), checkout, prod);
    assert.equal(refused.allowed, false);
    assert.match((refused as { reason: string }).reason, /needs the maintainer role.*has developer/);
    assert.equal(canDeploy(caller(bind('maintainer')), checkout, prod).allowed, true);
  });

  it('a binding limited to types counts only there, yet still lets its holder read', () => {
    const onlyDev = caller(bind('maintainer', { kind: 'service', service: 'checkout' }, ['development']));
    assert.equal(canDeploy(onlyDev, checkout, dev).allowed, true);
    assert.equal(canDeploy(onlyDev, checkout, prod).allowed, false);
    assert.equal(canReadService(onlyDev, checkout).allowed, true);
    assert.equal(canManageService(onlyDev, checkout).allowed, false, 'every environment means unrestricted');
    assert.equal(roleOnService(onlyDev, checkout, 'development'), 'maintainer');
    assert.equal(roleOnService(onlyDev, checkout), null);
  });

  it('another team’s environment needs a developer there, even for one’s own service', () => {
    const theirs = env('beta-dev', 'development', 'beta');
    assert.equal(canDeploy(caller(bind('developer')), checkout, theirs).allowed, false);
    const both = caller(bind('developer'), bind('developer', { kind: 'team', team: 'beta' }));
    assert.equal(canDeploy(both, checkout, theirs).allowed, true);
  });

  it('approvals ask the type’s approve role', () => {
    assert.equal(canApprove(caller(bind('developer')), checkout, prod).allowed, false);
    assert.equal(canApprove(caller(bind('maintainer')), checkout, prod).allowed, true);
  });

  it('shared environments: every member reads, only admins manage; a team’s: its developers', () => {
    const admin = caller(bind('admin', { kind: 'global' }));
    assert.equal(isAdmin(admin), true);
    assert.equal(canReadEnvironment(caller(bind('viewer')), prod).allowed, true);
    assert.equal(canReadEnvironment(caller(), prod).allowed, false, 'no role at all: not a member');
    assert.equal(canManageEnvironment(caller(bind('maintainer')), prod).allowed, false);
    assert.equal(canManageEnvironment(admin, prod).allowed, true);
    assert.equal(canManageEnvironment(caller(bind('developer')), dev).allowed, true);
    assert.equal(canManageEnvironment(caller(bind('developer')), env('p', 'production')).allowed, false);
  });

  it('an admin restricted to types is no platform admin', () => {
    assert.equal(isAdmin(caller(bind('admin', { kind: 'global' }, ['development']))), false);
  });

  it('acting for a team: the role on it, or admin when no team is named', () => {
    assert.equal(canActForTeam(caller(bind('developer')), 'alpha', 'developer', 'Creating a service').allowed, true);
    assert.equal(canActForTeam(caller(bind('developer')), 'alpha', 'maintainer', 'Changing team alpha').allowed, false);
    assert.equal(canActForTeam(caller(bind('maintainer')), null, 'developer', 'Creating a service').allowed, false);
  });
});

describe('role bindings', () => {
  it('are validated with the path of each bad field', () => {
    try {
      validateRoleBinding({
        role: 'owner' as never,
        subject: { kind: 'team', name: 'Not A Team' },
        scope: { kind: 'service', service: '-bad' },
        environmentTypes: ['ok', 'BAD'],
      });
      assert.fail('expected invalid input');
    } catch (error) {
      assert.ok(error instanceof SlipwayError);
      assert.deepEqual(
        error.fields?.map((f) => f.path),
        ['/role', '/subject/name', '/scope/service', '/environmentTypes/1'],
      );
    }
  });

  it('admin is bound globally only; types are de-duplicated and sorted', () => {
    assert.throws(
      () => validateRoleBinding(bind('admin')),
      (error: SlipwayError) => /admin is a platform role/.test(error.fields?.[0]?.message ?? ''),
    );
    const binding = validateRoleBinding(bind('viewer', { kind: 'global' }, ['staging', 'development', 'staging']));
    assert.deepEqual(binding.environmentTypes, ['development', 'staging']);
  });
});
