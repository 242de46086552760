import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import { AppsV1Api, CoreV1Api } from '@kubernetes/client-node';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { pino } from 'pino';
import { assemblePlatform, type Platform } from '../../src/assemble.ts';
import { ensureFirstLogin } from '../../src/bootstrap.ts';
import { loadConfig } from '../../src/config/load.ts';
import { KeyRing } from '../../src/crypto/keyring.ts';
import { ensureService } from '../../src/db/stores/services.ts';
import { buildApp } from '../../src/http/app.ts';
import { SecretVariableService } from '../../src/secrets/service.ts';
import { useTestNamespace } from '../harness/cluster.ts';
import { describeEachDatabase } from '../harness/databases.ts';
import { settleRelease } from '../harness/settle.ts';

const sharedValue = 'shared-Pa55w0rd-7f3c9a';
const prodValue = 'prod-Pa55w0rd-91be04';
const newValue = 'rotated-Pa55w0rd-c0ffee';
/** Each value as it could leak: itself, and its base64 (what a Secret's data holds). */
const leakForms = [sharedValue, prodValue, newValue].flatMap((v) => [v, Buffer.from(v).toString('base64')]);

const score = `
apiVersion: score.dev/v1b1
metadata:
  name: shop
containers:
  web:
    image: nginx:1.27
    variables:
      DB_PASSWORD: \${secrets.DB_PASSWORD}
      MODE: plain
service:
  ports:
    http:
      port: 80
      targetPort: 8080
`;

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

describeEachDatabase('secret variables', (getDb) => {
  const dev = useTestNamespace('secrets-dev');
  const prod = useTestNamespace('secrets-prod');
  const clone = useTestNamespace('secrets-clone');
  const keyText = KeyRing.generate('first');
  const logs: string[] = [];
  const answers: string[] = [];
  const stateDir = mkdtempSync(join(tmpdir(), 'slipway-secrets-'));
  let platform: Platform;
  let app: FastifyInstance;
  let token: string;

  before(async () => {
    const config = loadConfig({ env: {} });
    platform = await assemblePlatform({
      config,
      db: getDb().db,
      kube: dev.kc(),
      keyRing: KeyRing.parse(keyText),
      seed: 'test-seed',
      tickMs: 300,
    });
    // Everything the server logs, at every level, to check that no value ever reaches a log.
    const logger = pino({ level: 'trace' }, { write: (line: string) => void logs.push(line) });
    app = await buildApp({ config, database: getDb(), kube: dev.kc(), platform, logger });
    platform.engine.start();
    token = (await ensureFirstLogin(getDb().db, 'admin', join(stateDir, 'initial-admin-token'))).secret;
    for (const [name, ns] of [
      ['dev', dev],
      ['prod', prod],
    ] as const) {
      const env = await api('PUT', `/environments/${name}`, {
        type: 'development',
        namespace: ns.namespace(),
        defaults: { progressDeadlineSeconds: 60 },
      });
      assert.equal(env.statusCode, 200, env.body);
    }
  });
  after(async () => {
    await platform.stop();
    await app.close();
    rmSync(stateDir, { recursive: true, force: true });
  });

  /** Calls the API as the initial admin; every answer is kept, to look for leaks at the end. */
  async function api(method: Method, url: string, payload?: unknown): Promise<LightMyRequestResponse> {
    const res = await app.inject({
      method,
      url: `/api/v1${url}`,
      headers: { authorization: `Bearer ${token}` },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
    answers.push(res.body);
    return res;
  }
  const settle = (id: string) => settleRelease((url) => api('GET', url), id);
  const deploy = async (environment: string) => {
    const res = await api('POST', '/deploys', { environment, workload: score });
    assert.equal(res.statusCode, 202, res.body);
    const release = await settle(res.json().release.id);
    assert.equal(release.status, 'healthy', release.message);
    return release;
  };
  const clusterValue = async (namespace: string) => {
    const secret = await dev.kc().makeApiClient(CoreV1Api).readNamespacedSecret({ name: 'shop-secret', namespace });
    return Buffer.from(secret.data?.['env.web.DB_PASSWORD'] ?? '', 'base64').toString();
  };

  it('answers 404 for a service that does not exist yet, with how to create it', async () => {
    const res = await api('PUT', '/services/shop/secrets/DB_PASSWORD', { value: sharedValue });
    assert.equal(res.statusCode, 404, res.body);
    assert.match(res.json().error.hint, /Create the service first: deploy it, or slipway service create shop/);
    assert.equal((await api('GET', '/services/shop/secrets')).statusCode, 404);
  });

  it('refuses a deploy that reads a secret nobody set, at the variable, and says how to set it', async () => {
    const res = await api('POST', '/deploys', { environment: 'dev', workload: score });
    assert.equal(res.statusCode, 400, res.body);
    const { error } = res.json();
    assert.equal(error.code, 'invalid_input');
    assert.deepEqual(
      error.fields.map((f: { path: string }) => f.path),
      ['/containers/web/variables/DB_PASSWORD'],
    );
    assert.match(error.fields[0].message, /slipway secret set shop DB_PASSWORD --env dev/);
  });

  it('sets a service-wide value and one for prod: 201, then 200 with a new version, metadata only', async () => {
    await ensureService(getDb().db, 'shop'); // what `slipway service create` does
    const created = await api('PUT', '/services/shop/secrets/DB_PASSWORD', { value: 'first-draft-value' });
    assert.equal(created.statusCode, 201, created.body);
    assert.deepEqual(Object.keys(created.json().secret).sort(), [
      'createdAt',
      'createdBy',
      'environment',
      'name',
      'updatedAt',
      'updatedBy',
      'version',
    ]);
    const replaced = await api('PUT', '/services/shop/secrets/DB_PASSWORD', { value: sharedValue });
    assert.equal(replaced.statusCode, 200, replaced.body);
    assert.equal(replaced.json().secret.version, 2);
    assert.equal(replaced.json().secret.updatedBy, 'admin');
    assert.equal(replaced.json().secret.environment, null);
    const forProd = await api('PUT', '/services/shop/secrets/DB_PASSWORD', { value: prodValue, environment: 'prod' });
    assert.equal(forProd.statusCode, 201, forProd.body);
    assert.equal(forProd.json().secret.environment, 'prod');
    assert.equal(forProd.json().secret.version, 1);

    const list = await api('GET', '/services/shop/secrets');
    assert.equal(list.statusCode, 200);
    assert.deepEqual(
      list
        .json()
        .items.map((i: { name: string; environment: string | null; version: number }) => [
          i.name,
          i.environment,
          i.version,
        ]),
      [
        ['DB_PASSWORD', null, 2],
        ['DB_PASSWORD', 'prod', 1],
      ],
    );
    const rows = await getDb().db.selectFrom('secret_variables').select('value').execute();
    for (const row of rows) {
      assert.match(row.value, /^v1\.first\./, 'sealed with the key ring');
      assert.ok(!leakForms.some((f) => row.value.includes(f)));
    }
  });

  it('refuses bad names and values with the field, and unknown environments with 404', async () => {
    const cases: Array<[string, unknown, string]> = [
      ['/services/shop/secrets/1BAD', { value: 'x' }, '/name'],
      ['/services/shop/secrets/HAS-DASH', { value: 'x' }, '/name'],
      [`/services/shop/secrets/${'A'.repeat(129)}`, { value: 'x' }, '/name'],
      ['/services/shop/secrets/OK', { value: '' }, '/value'],
      ['/services/shop/secrets/OK', { value: 'é'.repeat(40_000) }, '/value'],
      ['/services/shop/secrets/OK', { value: 'x', extra: 1 }, '/extra'],
      ['/services/shop/secrets/OK', { value: 'x', environment: 'Not A Label' }, '/environment'],
    ];
    for (const [url, body, path] of cases) {
      const res = await api('PUT', url, body);
      assert.equal(res.statusCode, 400, `${url}: ${res.body}`);
      assert.ok(
        res.json().error.fields.some((f: { path: string }) => f.path === path),
        `${url} names ${path}: ${res.body}`,
      );
    }
    const big = await api('PUT', '/services/shop/secrets/OK', { value: 'é'.repeat(40_000) });
    assert.match(big.json().error.fields[0].message, /80000 bytes; the most a secret variable holds is 65536/);
    const atLimit = await api('PUT', '/services/shop/secrets/AT_LIMIT', { value: 'x'.repeat(64 * 1024) });
    assert.equal(atLimit.statusCode, 201, 'exactly 64 KiB is accepted');
    assert.equal((await api('DELETE', '/services/shop/secrets/AT_LIMIT')).statusCode, 204);

    const env = await api('PUT', '/services/shop/secrets/OK', { value: 'x', environment: 'nowhere' });
    assert.equal(env.statusCode, 404, env.body);
    assert.match(env.json().error.message, /Environment nowhere/);
    assert.equal((await api('DELETE', '/services/shop/secrets/OK?environment=nowhere')).statusCode, 404);
    const gone = await api('DELETE', '/services/shop/secrets/NEVER_SET');
    assert.equal(gone.statusCode, 404);
  });

  it('delivers the value as a Secret, referenced by secretKeyRef; the environment’s own value wins', async () => {
    await deploy('dev');
    assert.equal(await clusterValue(dev.namespace()), sharedValue);
    const deployment = await dev
      .kc()
      .makeApiClient(AppsV1Api)
      .readNamespacedDeployment({ name: 'shop', namespace: dev.namespace() });
    const env = deployment.spec?.template.spec?.containers[0]?.env ?? [];
    const variable = env.find((e) => e.name === 'DB_PASSWORD');
    assert.deepEqual({ ...variable?.valueFrom?.secretKeyRef }, { name: 'shop-secret', key: 'env.web.DB_PASSWORD' });
    assert.equal(variable?.value, undefined);
    const configMaps = await dev.kc().makeApiClient(CoreV1Api).listNamespacedConfigMap({ namespace: dev.namespace() });
    const plain = JSON.stringify(configMaps.items.map((c) => c.data));
    assert.match(plain, /"env\.web\.MODE":"plain"/);
    assert.ok(!plain.includes(sharedValue), 'not in a ConfigMap');

    // Promotion renders for the target: prod reads its own value.
    const promoted = await api('POST', '/promotions', { service: 'shop', from: 'dev', to: 'prod' });
    assert.equal(promoted.statusCode, 202, promoted.body);
    assert.equal((await settle(promoted.json().release.id)).status, 'healthy');
    assert.equal(await clusterValue(prod.namespace()), prodValue);
  });

  it('keeps values sealed at rest in releases, and out of release views, diffs and drift', async () => {
    const releases = (await api('GET', '/releases?service=shop')).json().items as Array<{ id: string }>;
    assert.ok(releases.length >= 2);
    for (const { id } of releases) {
      assert.equal((await api('GET', `/releases/${id}`)).statusCode, 200);
      assert.equal((await api('GET', `/releases/${id}/diff`)).statusCode, 200);
      const drift = await api('GET', `/releases/${id}/drift`);
      assert.equal(drift.statusCode, 200, drift.body);
    }
    const rows = await getDb().db.selectFrom('releases').select('objects').execute();
    const stored = JSON.stringify(rows.map((r) => r.objects));
    assert.ok(!leakForms.some((f) => stored.includes(f)), 'no value in the releases table');
    assert.match(stored, /slw:sealed:v1:[0-9a-f]{32}:v1\.first\./);
  });

  it('takes a changed value on the next deploy; a rollback re-applies the release’s own value', async () => {
    const first = (await api('GET', '/releases?service=shop&environment=dev')).json().items[0];
    const changed = await api('PUT', '/services/shop/secrets/DB_PASSWORD', { value: newValue });
    assert.equal(changed.json().secret.version, 3);
    assert.equal(await clusterValue(dev.namespace()), sharedValue, 'nothing changes until a deploy');
    await deploy('dev');
    assert.equal(await clusterValue(dev.namespace()), newValue);
    const back = await api('POST', `/releases/${first.id}/rollback`, {});
    assert.equal(back.statusCode, 202, back.body);
    assert.equal((await settle(back.json().release.id)).status, 'healthy');
    assert.equal(await clusterValue(dev.namespace()), sharedValue);
  });

  it('gives a clone the service-wide values, not those of the environment it copies', async () => {
    const res = await api('POST', '/environments/prod/clone', { name: 'prod-copy', namespace: clone.namespace() });
    assert.equal(res.statusCode, 201, res.body);
    const [release] = (await api('GET', '/releases?service=shop&environment=prod-copy')).json().items;
    assert.equal((await settle(release.id)).status, 'healthy');
    assert.equal(await clusterValue(clone.namespace()), newValue);
  });

  it('falls back to the service-wide value once the environment’s own is deleted', async () => {
    assert.equal((await api('DELETE', '/services/shop/secrets/DB_PASSWORD?environment=prod')).statusCode, 204);
    assert.equal((await api('DELETE', '/services/shop/secrets/DB_PASSWORD?environment=prod')).statusCode, 404);
    await deploy('prod');
    assert.equal(await clusterValue(prod.namespace()), newValue);
  });

  it('key rotation: old values open under a new primary, start-up re-wraps them, then the old key can go', async () => {
    const db = getDb().db;
    const nextKey = KeyRing.generate('second');
    const rotated = KeyRing.parse(`${nextKey}\n${keyText}`);
    const devEnv = await db.selectFrom('environments').select('id').where('name', '=', 'dev').executeTakeFirstOrThrow();
    const before = await new SecretVariableService(db, rotated).effective('shop', devEnv.id);
    assert.deepEqual(before, { DB_PASSWORD: newValue });
    assert.equal(await new SecretVariableService(db, rotated).rewrapAll(), 1);
    assert.equal(await new SecretVariableService(db, rotated).rewrapAll(), 0, 'done once');
    const [row] = await db.selectFrom('secret_variables').select(['value', 'version']).execute();
    assert.match(row?.value ?? '', /^v1\.second\./);
    assert.equal(row?.version, 3, 'a re-wrap is not a new version');
    const onlyNew = new SecretVariableService(db, KeyRing.parse(nextKey));
    assert.deepEqual(await onlyNew.effective('shop', devEnv.id), { DB_PASSWORD: newValue });
    const onlyOld = new SecretVariableService(db, KeyRing.parse(keyText));
    await assert.rejects(onlyOld.effective('shop', devEnv.id), /DB_PASSWORD cannot be opened.*sealed with key second/);
    // The app's own key first again, for the rest of the suite.
    assert.equal(await new SecretVariableService(db, KeyRing.parse(`${keyText}\n${nextKey}`)).rewrapAll(), 1);
  });

  it('binds a sealed value to its row: copied onto another variable, it does not open', async () => {
    const db = getDb().db;
    const put = await api('PUT', '/services/shop/secrets/OTHER', { value: 'other-value', environment: 'dev' });
    assert.equal(put.statusCode, 201);
    const shared = await db
      .selectFrom('secret_variables')
      .select('value')
      .where('name', '=', 'DB_PASSWORD')
      .executeTakeFirstOrThrow();
    await db.updateTable('secret_variables').set({ value: shared.value }).where('name', '=', 'OTHER').execute();
    const res = await api('POST', '/deploys', { environment: 'dev', workload: score });
    assert.equal(res.statusCode, 500);
    assert.match(res.json().error.message, /OTHER cannot be opened: secret could not be decrypted/);
    assert.equal((await api('DELETE', '/services/shop/secrets/OTHER?environment=dev')).statusCode, 204);
  });

  it('never shows a value: not in any answer, any log line, or the audit log', async () => {
    // A broken JSON body is answered and logged without quoting it.
    const broken = await app.inject({
      method: 'PUT',
      url: '/api/v1/services/shop/secrets/DB_PASSWORD',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      payload: `{"value": ${sharedValue}}`,
    });
    assert.equal(broken.statusCode, 400);
    answers.push(broken.body);

    const audit = await api('GET', '/audit?action=setSecretVariable');
    const entries = audit.json().items as Array<{ target: string; status: number }>;
    assert.ok(entries.length >= 5, audit.body);
    assert.ok(entries.some((e) => e.target === 'services/shop/environments/prod/secrets/DB_PASSWORD'));
    assert.ok(entries.some((e) => e.target === 'services/shop/secrets/DB_PASSWORD'));
    const auditRows = await getDb().db.selectFrom('audit_events').selectAll().execute();
    const everything = [...answers, ...logs, JSON.stringify(auditRows)];
    assert.ok(logs.length > 50, `the logger was used (${logs.length} lines)`);
    for (const text of everything) {
      for (const form of leakForms) assert.ok(!text.includes(form), `a value leaked: ${text.slice(0, 300)}`);
    }
  });
});
