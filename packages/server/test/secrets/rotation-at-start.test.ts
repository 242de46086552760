import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { loadConfig } from '../../src/config/load.ts';
import { KeyRing } from '../../src/crypto/keyring.ts';
import { ensureService } from '../../src/db/stores/services.ts';
import { start } from '../../src/main.ts';
import { SecretVariableService } from '../../src/secrets/service.ts';
import { testKubeConfigPath } from '../harness/cluster.ts';
import { inTestProcess } from '../harness/in-process.ts';

/**
 * Key rotation as an operator does it: put a new key first in the key file and restart.
 * The server itself (main.ts, as `node main.ts` runs it) re-wraps what the old key sealed.
 */
describe('key rotation at start-up', () => {
  const dir = mkdtempSync(join(tmpdir(), 'slipway-rotation-'));
  const keyFile = join(dir, 'secret-keys');
  const oldKey = KeyRing.generate('old');
  after(() => rmSync(dir, { recursive: true, force: true }));

  const boot = () => {
    delete process.env.SLIPWAY_SECRET_KEYS; // the file is what this test rotates
    return start(
      inTestProcess(
        loadConfig({
          env: {
            SLIPWAY_DATA_DIR: join(dir, 'data'),
            SLIPWAY_ADMIN_TOKEN_FILE: join(dir, 'initial-admin-token'),
            SLIPWAY_SECRET_KEY_FILE: keyFile,
            SLIPWAY_LOG_LEVEL: 'silent',
            SLIPWAY_PORT: '0',
            KUBECONFIG: testKubeConfigPath(),
          },
        }),
      ),
    );
  };
  const sealedValue = async (server: Awaited<ReturnType<typeof start>>) =>
    (await server.app.deps.database.db.selectFrom('secret_variables').select('value').executeTakeFirstOrThrow()).value;

  it('re-wraps secret variables under the new primary; the value still opens with only the new key', async () => {
    writeFileSync(keyFile, oldKey, { mode: 0o600 });
    const first = await boot();
    const token = readFileSync(join(dir, 'initial-admin-token'), 'utf8').trim();
    await ensureService(first.app.deps.database.db, 'shop');
    const put = await first.app.inject({
      method: 'PUT',
      url: '/api/v1/services/shop/secrets/DB_PASSWORD',
      headers: { authorization: `Bearer ${token}` },
      payload: { value: 'before-rotation' },
    });
    assert.equal(put.statusCode, 201, put.body);
    assert.match(await sealedValue(first), /^v1\.old\./);
    await first.stop('test');

    const newKey = KeyRing.generate('new');
    writeFileSync(keyFile, `${newKey}${oldKey}`, { mode: 0o600 });
    const second = await boot();
    try {
      assert.match(await sealedValue(second), /^v1\.new\./, 're-wrapped at start-up');
      // Any environment without its own value reads the service-wide one.
      const environmentId = '00000000-0000-0000-0000-000000000001';
      const onlyNew = new SecretVariableService(second.app.deps.database.db, KeyRing.parse(newKey));
      assert.deepEqual(await onlyNew.effective('shop', environmentId), { DB_PASSWORD: 'before-rotation' });
    } finally {
      await second.stop('test');
    }
  });
});
