/**
 * Teams, roles and service owners with the CLI, end to end against a live server and the
 * local cluster: an admin makes a team and gives it a role; its member then creates an
 * environment and deploys into it, while someone without a role is refused in plain words.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { RoleBindingView, ServiceView } from '../src/client.ts';
import {
  type CliResult,
  deleteNamespacesWithPrefix,
  liveKubeconfig,
  parseJson,
  runCli,
  startLiveServer,
  type TestServer,
  tempDir,
} from './harness.ts';

let server: TestServer;
let work: string;
const prefix = `cli-access-${randomBytes(2).toString('hex')}`;

const score = `apiVersion: score.dev/v1b1
metadata:
  name: shop
containers:
  shop:
    image: nginx:1.27
`;

before(async () => {
  work = tempDir('access');
  writeFileSync(join(work, 'score.yaml'), score);
  server = await startLiveServer({ namespacePrefix: prefix });
});

after(async () => {
  await server?.stop();
  await deleteNamespacesWithPrefix(liveKubeconfig(), prefix);
  rmSync(work, { recursive: true, force: true });
});

async function cli(args: string[], as?: string): Promise<CliResult> {
  const token = as ? await server.tokenFor(as, { admin: false }) : server.adminToken;
  return runCli([...args, '--server', server.url, '--token', token], { configDir: join(work, 'config'), cwd: work });
}

const output = (r: CliResult) => `exit ${r.code}\nstdout:\n${r.stdout}\nstderr:\n${r.stderr}`;

test('an admin makes a team, adds a member and gives the team the developer role over itself', async () => {
  await server.tokenFor('ana', { admin: false });
  assert.equal((await cli(['team', 'create', 'shop-team', '--display-name', 'Shop'])).code, 0);
  const add = await cli(['team', 'add', 'shop-team', 'ana']);
  assert.equal(add.code, 0, output(add));
  const grant = await cli([
    'role',
    'grant',
    'developer',
    '--team',
    'shop-team',
    '--on',
    'team:shop-team',
    '-o',
    'json',
  ]);
  assert.equal(grant.code, 0, output(grant));
  const { binding } = parseJson<{ binding: RoleBindingView }>(grant);
  assert.deepEqual(binding.scope, { kind: 'team', team: 'shop-team' });
  const shown = await cli(['team', 'show', 'shop-team']);
  assert.match(shown.stdout, /members: +ana/);
  assert.match(shown.stdout, /team shop-team is developer of team:shop-team/);
});

test('whoami shows the member her team and roles', async () => {
  const me = await cli(['whoami'], 'ana');
  assert.equal(me.code, 0, output(me));
  assert.match(me.stdout, /teams: +shop-team/);
  assert.match(me.stdout, /roles: +developer of team shop-team \(via team:shop-team\)/);
});

test('the member creates an environment and deploys a new service: both owned by her team', async () => {
  const env = await cli(['env', 'create', 'shop-dev', '--type', 'development'], 'ana');
  assert.equal(env.code, 0, output(env));
  const shown = await cli(['env', 'show', 'shop-dev'], 'ana');
  assert.match(shown.stdout, /owner: +team shop-team/);
  const deploy = await cli(['deploy', '--env', 'shop-dev', '--wait', '--timeout', '2m'], 'ana');
  assert.equal(deploy.code, 0, output(deploy));
  const services = parseJson<{ items: ServiceView[] }>(await cli(['service', 'list', '-o', 'json'], 'ana'));
  assert.deepEqual(
    services.items.map((s) => [s.name, s.owner]),
    [['shop', 'shop-team']],
  );
});

test('someone without a role is refused with the reason and exit code 3, and sees nothing', async () => {
  const deploy = await cli(['deploy', '--env', 'shop-dev'], 'eve');
  assert.equal(deploy.code, 3, output(deploy));
  assert.match(deploy.stderr, /needs the developer role on the service \(owned by team shop-team\); eve has none/);
  const list = await cli(['service', 'list'], 'eve');
  assert.equal(list.code, 3);
  assert.match(list.stderr, /eve holds no role yet/);
});

test('a viewer of the team reads but may not deploy; revoking the role takes it away', async () => {
  const grant = await cli(['role', 'grant', 'viewer', '--user', 'vic', '--on', 'service:shop', '-o', 'json']);
  await server.tokenFor('vic', { admin: false });
  const { binding } = parseJson<{ binding: RoleBindingView }>(grant);
  assert.equal((await cli(['status', 'shop', '--env', 'shop-dev'], 'vic')).code, 0);
  const deploy = await cli(['deploy', '--env', 'shop-dev'], 'vic');
  assert.equal(deploy.code, 3);
  assert.match(deploy.stderr, /needs the developer role/);
  assert.equal((await cli(['role', 'revoke', binding.id])).code, 0);
  assert.equal((await cli(['status', 'shop', '--env', 'shop-dev'], 'vic')).code, 3);
});

test('bad scopes and roles are usage errors (exit 2)', async () => {
  const scope = await cli(['role', 'grant', 'viewer', '--user', 'x', '--on', 'teams/shop']);
  assert.equal(scope.code, 2, output(scope));
  const role = await cli(['role', 'grant', 'owner', '--user', 'x', '--on', 'global']);
  assert.equal(role.code, 2, output(role));
});
