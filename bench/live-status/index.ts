/**
 * bench/live-status: how soon the portal's live Service page hears of a change in the
 * cluster. A Slipway server on the local cluster runs one deployed service; N browsers'
 * worth of `GET …/live` streams follow it, and so does a plain watch client on the same
 * namespace (the baseline: the earliest anyone can know). The bench then deletes pods (their
 * ReplicaSet replaces them) and scales the Deployment, and times each change from the moment
 * its write is sent to the API server until the watch sees it, and until every stream has
 * received the status that reflects it — and until the portal's Service page, open in
 * Chromium, has drawn it (the pod tiles, the workload bars). Goal: p99 ≤ 500 ms on the page.
 *
 *   npm run bench -- live-status [streams=50] [changes=40] [pages=1]
 */
import { randomBytes } from 'node:crypto';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import {
  assemblePlatform,
  buildApp,
  createToken,
  ensureGlobalRole,
  ensureUser,
  loadConfig,
  reuseConnections,
} from '@slipway/server';
import { ensurePortalBuilt } from '../../packages/web/test/harness.ts';
import { benchCluster } from '../lib/cluster.ts';
import { openBenchPglite } from '../lib/pglite.ts';
import { round, summarize } from '../lib/stats.ts';
import {
  type Change,
  deletePod,
  followLiveStatus,
  rawWatch,
  type Status,
  scaleDeployment,
  settled,
  timeChange,
} from './measure.ts';
import { followPages } from './page.ts';

const goalP99Ms = 500;
const score = `
apiVersion: score.dev/v1b1
metadata:
  name: shop
containers:
  web:
    image: nginx:1.27
service:
  ports:
    http:
      port: 80
      targetPort: 8080
`;

export async function run(args: string[]) {
  const streams = Number(args[0] ?? 50);
  const changes = Number(args[1] ?? 40);
  const pageCount = Number(args[2] ?? 1);
  const cluster = benchCluster();
  const kc = new KubeConfig();
  kc.loadFromFile(cluster.kubeconfig);
  reuseConnections(kc);
  const namespace = `bench-live-${randomBytes(3).toString('hex')}`;
  // Before the server starts: it looks for the portal's build once, when it is made, and
  // without one serves no pages (so a fresh checkout got the API document at /).
  ensurePortalBuilt();
  const server = await startServer(kc, namespace);
  try {
    const baseline = await rawWatch(kc, namespace);
    const observers = await Promise.all(
      Array.from({ length: streams }, () => followLiveStatus(server.liveUrl, server.token)),
    );
    const first = observers[0] as (typeof observers)[number];
    await first.firstAfter(settled, 0, 30_000);
    const pages = await followPages({ ...server.portal, count: pageCount });
    const baselineMs: number[] = [];
    const streamMs: number[] = [];
    const pageMs: number[] = [];
    const behindWatchMs: number[] = [];
    for (let i = 0; i < changes; i++) {
      const change = nextChange(kc, namespace, i, first.latest() as Status);
      const timed = await timeChange(change, baseline, [...observers, ...pages.observers]);
      baselineMs.push(timed.baselineMs);
      streamMs.push(...timed.observersMs.slice(0, streams));
      pageMs.push(...timed.observersMs.slice(streams));
      behindWatchMs.push(...timed.observersMs.slice(0, streams).map((ms) => ms - timed.baselineMs));
      await first.firstAfter(settled, performance.now() - 1, 60_000).catch(() => {});
      await new Promise((r) => setTimeout(r, 200));
    }
    for (const o of [baseline, ...observers, ...pages.observers]) o.close();
    await pages.close();
    return report({ streams, pages: pageCount, changes }, baselineMs, streamMs, pageMs, behindWatchMs);
  } finally {
    await server.stop();
    await kc
      .makeApiClient(CoreV1Api)
      .deleteNamespace({ name: namespace })
      .catch(() => {});
    cluster.stop();
  }
}

/** Alternates: delete a pod of the service, scale its Deployment between 2 and 3. */
function nextChange(kc: KubeConfig, namespace: string, i: number, status: Status): Change {
  if (i % 2 === 0) {
    const pod = status.pods.find((p) => p.workload === 'shop')?.name;
    if (!pod) throw new Error(`the service has no pod to delete: ${JSON.stringify(status)}`);
    return deletePod(kc, namespace, pod);
  }
  const desired = status.workloads.find((w) => w.name === 'shop')?.desired ?? 2;
  return scaleDeployment(kc, namespace, 'shop', desired === 2 ? 3 : 2);
}

/** Slipway with its engine on an embedded database, one environment, the service deployed. */
async function startServer(kc: KubeConfig, namespace: string) {
  const database = await openBenchPglite();
  const config = loadConfig({ env: {} });
  const platform = await assemblePlatform({ config, db: database.db, kube: kc, keyRing: null, seed: 'bench' });
  const app = await buildApp({ config, database, kube: kc, platform });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  platform.engine.start();
  const user = await ensureUser(database.db, 'bench');
  await ensureGlobalRole(database.db, 'bench', 'admin', 'bench');
  const { secret: token } = await createToken(database.db, {
    userId: user.id,
    name: 'bench',
    scopes: ['read', 'write'],
  });
  const call = async (method: string, path: string, body: unknown) => {
    const res = await fetch(`${url}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (res.status >= 300) throw new Error(`${method} ${path} answered ${res.status}: ${await res.text()}`);
    return res.json() as Promise<{ release?: { id: string } }>;
  };
  await call('PUT', '/environments/bench', { type: 'development', namespace, defaults: { replicas: 2 } });
  await call('POST', '/deploys', { environment: 'bench', workload: score });
  // A person with a password, for the browser pages (which sign in through the form).
  const password = `bench-${randomBytes(12).toString('hex')}`;
  await call('POST', '/users', { username: 'viewer', password });
  await call('POST', '/role-bindings', {
    role: 'viewer',
    subject: { kind: 'user', name: 'viewer' },
    scope: { kind: 'global' },
    environmentTypes: [],
  });
  return {
    liveUrl: `${url}/api/v1/services/shop/environments/bench/live`,
    portal: { baseUrl: url, path: '/services/shop/live?env=bench', username: 'viewer', password },
    token,
    stop: async () => {
      const closing = app.close();
      app.server.closeAllConnections();
      await closing;
      await platform.stop();
      await database.close();
    },
  };
}

function report(
  counts: { streams: number; pages: number; changes: number },
  baselineMs: number[],
  streamMs: number[],
  pageMs: number[],
  behindMs: number[],
) {
  const { streams, pages, changes } = counts;
  const watch = summarize(baselineMs);
  const sse = summarize(streamMs);
  const page = summarize(pageMs);
  const behind = summarize(behindMs);
  const figures = {
    streams,
    pages,
    changes,
    watch_p50_ms: watch.p50,
    watch_p99_ms: watch.p99,
    sse_p50_ms: sse.p50,
    sse_p99_ms: sse.p99,
    sse_max_ms: round(Math.max(...streamMs), 1),
    ratio_p50: round(sse.p50 / watch.p50, 2),
    ratio_p99: round(sse.p99 / watch.p99, 2),
    sse_behind_watch_p50_ms: behind.p50,
    sse_behind_watch_p99_ms: behind.p99,
    page_p50_ms: page.p50,
    page_p99_ms: page.p99,
    page_max_ms: round(Math.max(...pageMs), 1),
    page_ratio_p99: round(page.p99 / watch.p99, 2),
    goal_p99_ms: goalP99Ms,
    goal_met: page.p99 <= goalP99Ms && sse.p99 <= goalP99Ms,
  };
  console.log(
    [
      `${changes} changes (pod deleted, Deployment scaled) followed by ${streams} live status streams`,
      `  raw watch     p50 ${watch.p50} ms  p99 ${watch.p99} ms   (write sent → watch event)`,
      `  live streams  p50 ${sse.p50} ms  p99 ${sse.p99} ms  max ${figures.sse_max_ms} ms   (write sent → status on every stream)`,
      `  portal page   p50 ${page.p50} ms  p99 ${page.p99} ms  max ${figures.page_max_ms} ms   (write sent → drawn in ${pages} Chromium page(s); goal p99 ≤ ${goalP99Ms} ms: ${figures.goal_met ? 'met' : 'missed'})`,
      `  ratio         ${figures.ratio_p50}× p50, ${figures.ratio_p99}× p99;  streams behind the watch: p50 ${behind.p50} ms, p99 ${behind.p99} ms`,
    ].join('\n'),
  );
  return figures;
}
