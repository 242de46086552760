import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadConfig } from '../../src/config/load.ts';
import { lockStateDir } from '../../src/config/state-dir.ts';
import { KeyRing } from '../../src/crypto/keyring.ts';
import { runMove } from '../../src/db/move-main.ts';
import { createRelease } from '../../src/db/stores/releases.ts';
import { ensureService } from '../../src/db/stores/services.ts';
import { start } from '../../src/main.ts';
import { SecretVariableService } from '../../src/secrets/service.ts';
import { environment as environmentContext } from '../engine/fixtures.ts';
import { testKubeConfigPath } from '../harness/cluster.ts';
import { type ProvisionedDatabase, provisionTestDatabase } from '../harness/databases.ts';
import { storeEnvironment } from '../harness/environments.ts';
import { inTestProcess } from '../harness/in-process.ts';

/**
 * The documented way from PGlite to PostgreSQL, as an operator takes it: a server on PGlite
 * makes releases, audit entries and a sealed secret; it stops; scripts/move-database.sh's code
 * moves the data; a server on PostgreSQL with the same key ring finds all of it intact.
 */
describe('moving from PGlite to PostgreSQL', () => {
  const dir = mkdtempSync(join(tmpdir(), 'slipway-move-'));
  const keyFile = join(dir, 'secret-keys');
  let target: ProvisionedDatabase;
  let targetUrl: string;
  before(async () => {
    writeFileSync(keyFile, KeyRing.generate('k1'), { mode: 0o600 });
    target = await provisionTestDatabase('postgres');
    targetUrl = (target.config as { url: string }).url;
  });
  after(async () => {
    await target?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  const boot = (database: Record<string, string>, stateDir: string) => {
    delete process.env.SLIPWAY_SECRET_KEYS;
    return start(
      inTestProcess(
        loadConfig({
          env: {
            ...database,
            SLIPWAY_STATE_DIR: stateDir,
            SLIPWAY_SECRET_KEY_FILE: keyFile,
            SLIPWAY_LOG_LEVEL: 'silent',
            SLIPWAY_PORT: '0',
            KUBECONFIG: testKubeConfigPath(),
          },
        }),
      ),
    );
  };
  const pgliteDir = join(dir, 'pglite');
  const dataDir = join(pgliteDir, 'data');

  it('keeps releases, the audit chain and sealed secrets; refuses a running source and a full target', async () => {
    const first = await boot({ SLIPWAY_DATA_DIR: dataDir }, pgliteDir);
    let firstStopped = false;
    after(() => (firstStopped ? undefined : first.stop('test')));
    const token = readFileSync(join(pgliteDir, 'initial-admin-token'), 'utf8').trim();
    const auth = { authorization: `Bearer ${token}` };
    const db = first.app.deps.database.db;
    const service = await ensureService(db, 'shop');
    const environment = await storeEnvironment(db, environmentContext('move-test', 60));
    const put = await first.app.inject({
      method: 'PUT',
      url: '/api/v1/services/shop/secrets/DB_PASSWORD',
      headers: auth,
      payload: { value: 'p\u00e4ss "quoted" \\ {json}' },
    });
    assert.equal(put.statusCode, 201, put.body);
    const release = {
      serviceId: service.id,
      environmentId: environment.id,
      contentHash: 'sha256:abc',
      image: 'shop:1',
      commitSha: null,
      createdBy: 'admin',
      reason: 'first',
      workload: { containers: [{ name: 'app', args: ['a', 'b'] }], note: null },
      objects: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'shop' }, data: { k: 'é\n' } }],
    };
    const one = await createRelease(db, release);
    const two = await createRelease(db, { ...release, reason: 'second', rollbackOf: one.id });

    await assert.rejects(runMove(['--from', dataDir, '--to', targetUrl]), { code: 'state_dir_in_use' });
    await first.stop('test');
    firstStopped = true;

    const report = await runMove(['--from', dataDir, '--to', targetUrl]);
    assert.match(report, /row counts match/);
    assert.match(report, /releases\s+2/);
    await assert.rejects(runMove(['--from', dataDir, '--to', targetUrl]), /not empty: .*releases \(2\)/);

    const second = await boot({ SLIPWAY_DATABASE_URL: targetUrl }, join(dir, 'postgres-state'));
    try {
      const listed = await second.app.inject({ url: '/api/v1/releases?service=shop', headers: auth });
      assert.equal(listed.statusCode, 200, listed.body);
      const items = listed.json().items as Array<{ id: string; reason: string }>;
      assert.deepEqual(items.map((r) => r.id).sort(), [one.id, two.id].sort());
      const moved = await second.app.deps.database.db
        .selectFrom('releases')
        .selectAll()
        .where('id', '=', two.id)
        .executeTakeFirstOrThrow();
      assert.equal(moved.rollback_of, one.id);
      assert.deepEqual(moved.objects, release.objects);
      assert.deepEqual(moved.workload, release.workload);
      assert.equal(moved.created_at.toISOString(), two.createdAt.toISOString());

      const verify = await second.app.inject({ url: '/api/v1/audit/verify', headers: auth });
      assert.equal(verify.statusCode, 200, verify.body);
      const verdict = verify.json() as { ok: boolean; checked: number };
      assert.equal(verdict.ok, true, verify.body);
      assert.ok(verdict.checked >= 1, verify.body);

      const secrets = new SecretVariableService(
        second.app.deps.database.db,
        KeyRing.parse(readFileSync(keyFile, 'utf8')),
      );
      assert.deepEqual(await secrets.effective('shop', environment.id), {
        DB_PASSWORD: 'p\u00e4ss "quoted" \\ {json}',
      });
    } finally {
      await second.stop('test');
    }
  });

  it('refuses while another process holds the source state directory', async () => {
    const unlock = lockStateDir(pgliteDir, () => new Date());
    try {
      // This process holds it, as a running server would: the move must wait for it.
      await assert.rejects(runMove(['--from', dataDir, '--to', targetUrl, '--replace']), { code: 'state_dir_in_use' });
    } finally {
      unlock();
    }
  });
});
