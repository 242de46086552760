/**
 * bench/preview: from a signed `pull_request opened` webhook to a Healthy preview environment
 * of a 5-service application.
 *
 * Slipway: the real server over HTTP, on the local cluster. A base environment runs the five
 * services; each round sends GitHub's webhook (signed with X-Hub-Signature-256) for a new
 * pull request and stops the clock when every release of `pr-N` is Healthy — the namespace
 * with its quota and limits made, five Score workloads rendered for the preview type with the
 * pull request's images, dry-run, stored, applied and judged healthy.
 *
 * Baseline, in the same run and on the same cluster: the very objects of that preview
 * (namespace, quota, limits and the services' objects) moved to a fresh namespace, applied
 * by hand with `kubectl apply --server-side`, then `kubectl wait` until every Deployment is
 * Available. Usage: npm run bench -- preview [rounds=3]
 */
import { execFileSync } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { environmentNamespaceObjects, type KubeObject } from '@slipway/core';
import {
  assemblePlatform,
  buildApp,
  getEnvironmentType,
  KeyRing,
  loadConfig,
  type openDatabase,
  reuseConnections,
} from '@slipway/server';
import { stringify } from 'yaml';
import { benchCluster, kubectl } from './lib/cluster.ts';
import { openBenchPglite } from './lib/pglite.ts';
import { round, summarize } from './lib/stats.ts';
import { setUpTeam } from './lib/team.ts';

const services = ['web', 'api', 'cart', 'search', 'worker'];
const secret = randomBytes(24).toString('hex');

const score = (name: string) => `
apiVersion: score.dev/v1b1
metadata:
  name: ${name}
containers:
  main:
    image: registry.example.com/shop/${name}:1.0.0
    variables:
      SERVICE: \${metadata.name}
service:
  ports:
    http:
      port: 80
      targetPort: 8080
`;

export async function run(args: string[]) {
  const rounds = Number(args[0] ?? 3);
  const cluster = benchCluster();
  const kc = new KubeConfig();
  kc.loadFromFile(cluster.kubeconfig);
  reuseConnections(kc);
  const prefix = `bp-${randomBytes(2).toString('hex')}`;
  let slipway: Awaited<ReturnType<typeof startSlipway>> | undefined;
  try {
    slipway = await startSlipway(kc, prefix);
    await slipway.setUp();
    const viaWebhook: number[] = [];
    const webhookAnswer: number[] = [];
    const viaKubectl: number[] = [];
    let objects = 0;
    for (let i = 1; i <= rounds; i++) {
      const round1 = await slipway.preview(i);
      viaWebhook.push(round1.ms);
      webhookAnswer.push(round1.answerMs);
      objects = round1.objects.length;
      viaKubectl.push(byHand(cluster.kubeconfig, `${prefix}-kubectl-${i}`, round1.objects));
      await slipway.close(i);
    }
    const s = summarize(viaWebhook);
    const k = summarize(viaKubectl);
    const a = summarize(webhookAnswer);
    const figures = {
      services: services.length,
      objects,
      rounds,
      slipway_p50_s: round(s.p50 / 1000, 2),
      slipway_max_s: round(Math.max(...viaWebhook) / 1000, 2),
      webhook_answer_p50_ms: a.p50,
      kubectl_p50_s: round(k.p50 / 1000, 2),
      ratio: round(s.p50 / k.p50, 2),
    };
    console.log(
      [
        `preview of ${services.length} services, ${objects} objects, ${rounds} pull requests`,
        `  slipway  ${figures.slipway_p50_s} s p50 (max ${figures.slipway_max_s} s)  signed webhook → every release of pr-N Healthy`,
        `           the webhook itself answers in ${a.p50} ms p50 (clone, render, dry-run, store)`,
        `  kubectl  ${figures.kubectl_p50_s} s p50  apply --server-side of the same objects + wait until every Deployment is Available`,
        `  ratio    ${figures.ratio}×`,
      ].join('\n'),
    );
    return figures;
  } finally {
    await slipway?.stop();
    await deleteNamespaces(kc, prefix);
    cluster.stop();
  }
}

async function startSlipway(kc: KubeConfig, prefix: string) {
  const database = await openBenchPglite();
  const base = loadConfig({ env: { SLIPWAY_NAMESPACE_PREFIX: prefix, SLIPWAY_GITHUB_WEBHOOK_SECRET: secret } });
  const config = { ...base, environments: { ...base.environments, controllerIntervalMs: 1000 } };
  const quiet = { info() {}, warn() {}, error() {} };
  const platform = await assemblePlatform({
    config,
    db: database.db,
    kube: kc,
    keyRing: KeyRing.parse(KeyRing.generate('bench')),
    seed: 'bench',
    log: quiet,
  });
  const app = await buildApp({ config, database, kube: kc, platform });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  platform.start();
  // A developer of team shop owns the base environment, so its previews too; preview
  // sources are the platform's, so the admin declares that one.
  const { admin, developer } = await setUpTeam(database.db, url, { team: 'shop' });
  const call = developer.call;
  const healthy = async (environment: string, count: number) => {
    for (;;) {
      const { json } = await call('GET', `/releases?environment=${environment}`);
      const items = json.items as Array<{ status: string; message: string }>;
      const bad = items.find((r) => ['degraded', 'failed'].includes(r.status));
      if (bad) throw new Error(`a release of ${environment} is ${bad.status}: ${bad.message}`);
      if (items.length >= count && items.every((r) => r.status === 'healthy')) return;
      await new Promise((r) => setTimeout(r, 25));
    }
  };
  const webhook = async (payload: object) => {
    const body = JSON.stringify(payload);
    const res = await fetch(`${url}/api/v1/webhooks/github`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-github-event': 'pull_request',
        'x-github-delivery': randomBytes(8).toString('hex'),
        'x-hub-signature-256': `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`,
      },
      body,
    });
    if (res.status !== 202) throw new Error(`webhook answered ${res.status}: ${await res.text()}`);
    return res.json() as Promise<{ environment: string }>;
  };
  // GitHub's updated_at has whole seconds, and Slipway acts only on an event newer than the
  // last it acted on for the pull request: each event is a second later than the one before.
  let updatedAt = Date.now();
  const nextUpdate = () => {
    updatedAt += 1000;
    return new Date(updatedAt).toISOString().replace(/\.\d+Z$/, 'Z');
  };
  const event = (action: string, n: number) => ({
    action,
    number: n,
    pull_request: {
      number: n,
      state: action === 'closed' ? 'closed' : 'open',
      updated_at: nextUpdate(),
      title: `change ${n}`,
      html_url: `https://github.com/acme/shop/pull/${n}`,
      user: { login: 'bench' },
      head: { sha: randomBytes(20).toString('hex'), ref: `feature/${n}` },
      base: { ref: 'main' },
    },
    repository: { full_name: 'acme/shop' },
  });

  return {
    async setUp() {
      await call('POST', '/environments', { name: 'base', type: 'development' });
      for (const name of services) await call('POST', '/deploys', { environment: 'base', workload: score(name) });
      await healthy('base', services.length);
      await admin.call('PUT', '/preview-sources/shop', {
        repository: 'acme/shop',
        baseEnvironment: 'base',
        images: Object.fromEntries(services.map((s) => [s, `registry.example.com/shop/${s}:{short_sha}`])),
      });
    },
    /** One pull request opened: the time to a Healthy preview, and the objects it made. */
    async preview(n: number) {
      const started = performance.now();
      const answer = await webhook(event('opened', n));
      const answered = performance.now();
      await healthy(answer.environment, services.length);
      const ms = performance.now() - started;
      const env = (await call('GET', `/environments/${answer.environment}`)).json.environment as { namespace: string };
      const { json } = await call('GET', `/releases?environment=${answer.environment}`);
      const ids = (json.items as Array<{ id: string }>).map((r) => r.id);
      const objects = await releaseObjects(database.db, ids);
      const live = await namespaceObjects(database.db, answer.environment, env.namespace);
      return { ms, answerMs: round(answered - started, 1), objects: [...live, ...objects] };
    },
    async close(n: number) {
      await webhook(event('closed', n));
      // Gone is 404 only to an admin: to anyone else a name that resolves to nothing is refused.
      const gone = async () =>
        (await admin.call('GET', `/environments/pr-${n}`, undefined, { missingOk: true })).status === 404;
      while (!(await gone())) await new Promise((r) => setTimeout(r, 200));
    },
    async stop() {
      await platform.stop();
      await app.close();
      await database.close();
    },
  };
}

/** The stored objects of the preview's releases, exactly as Slipway applied them. */
async function releaseObjects(db: Awaited<ReturnType<typeof openDatabase>>['db'], ids: string[]) {
  const rows = await db.selectFrom('releases').select('objects').where('id', 'in', ids).execute();
  return rows.flatMap((r) => r.objects as KubeObject[]);
}

/** The namespace with its quota and limits, rendered as Slipway renders them for the preview. */
async function namespaceObjects(
  db: Awaited<ReturnType<typeof openDatabase>>['db'],
  environment: string,
  namespace: string,
) {
  const type = await getEnvironmentType(db, 'preview');
  return environmentNamespaceObjects({ environment, namespace, type });
}

/** The same objects by hand: one kubectl apply --server-side, then wait for Available. */
function byHand(kubeconfig: string, namespace: string, objects: KubeObject[]): number {
  const dir = mkdtempSync(join(tmpdir(), 'bench-preview-'));
  const file = join(dir, 'objects.yaml');
  const moved = objects.map((o) =>
    o.kind === 'Namespace'
      ? { ...o, metadata: { ...o.metadata, name: namespace } }
      : { ...o, metadata: { ...o.metadata, namespace } },
  );
  writeFileSync(file, moved.map((o) => stringify(o)).join('---\n'));
  const k = (...args: string[]) => execFileSync(kubectl(), ['--kubeconfig', kubeconfig, ...args], { stdio: 'pipe' });
  const started = performance.now();
  k('apply', '--server-side', '--field-manager=bench', '-f', file);
  k('wait', '--for=condition=Available', 'deployment', '--all', '-n', namespace, '--timeout=300s');
  return performance.now() - started;
}

async function deleteNamespaces(kc: KubeConfig, prefix: string) {
  const core = kc.makeApiClient(CoreV1Api);
  const all = await core.listNamespace().catch(() => ({ items: [] }));
  for (const ns of all.items) {
    const name = ns.metadata?.name ?? '';
    if (name.startsWith(prefix)) await core.deleteNamespace({ name }).catch(() => {});
  }
}
