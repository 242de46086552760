/**
 * bench/policy: CEL policies evaluated per deploy.
 *
 * `npm run bench -- policy [policies=1000] [samples=200]`
 *
 * `policies` CEL policies (five kinds of check over the workload, the rendered objects, the
 * environment and the facts, each with its own literal so none is the same expression) are
 * compiled once, then all of them are evaluated against one realistic deploy context `samples`
 * times; the figure is the p99 of evaluating all of them (goal: ≤ 20 ms for 1,000). Baseline,
 * in the same run: the same checks written as plain TypeScript functions over the same context.
 */
import {
  buildCelContext,
  type CelContext,
  type CelPolicy,
  compileCelPolicies,
  evaluateCelPolicies,
  parseScore,
  renderWorkload,
} from '@slipway/core';
import { round, summarize } from './lib/stats.ts';

const score = `apiVersion: score.dev/v1b1
metadata:
  name: cart
containers:
  web:
    image: ghcr.io/acme/cart:1.4.2
    readinessProbe: { httpGet: { path: /readyz, port: 8080 } }
    resources: { requests: { cpu: 250m, memory: 256Mi }, limits: { memory: 512Mi } }
  sidecar:
    image: ghcr.io/acme/proxy:2.0.1
service:
  ports:
    http: { port: 80, targetPort: 8080 }
`;

function context(): CelContext {
  const workload = parseScore(score);
  const { objects } = renderWorkload({
    workload,
    environment: {
      name: 'prod-eu',
      type: 'production',
      namespace: 'cart-prod',
      routeKind: 'Ingress',
      defaults: { replicas: 2, progressDeadlineSeconds: 600 },
    },
    resources: {},
    release: 'rel-001',
  });
  return buildCelContext({
    workload,
    objects,
    environment: { name: 'prod-eu', labels: { region: 'eu' } },
    environmentType: { name: 'production', requiresApproval: true, ttlSeconds: null },
    service: {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'cart', annotations: { 'backstage.io/techdocs-ref': 'dir:.' } },
      spec: { type: 'service', owner: 'team-a', lifecycle: 'production' },
    },
    facts: {
      openApprovals: 1,
      dora: { deploymentsPerDay: 3, leadTimeSeconds: 5400, changeFailureRate: 0.05, timeToRestoreSeconds: 1800 },
    },
  });
}

type Check = (c: CelContext) => boolean;
// biome-ignore lint/suspicious/noExplicitAny: the baseline reads rendered objects of any kind
type Any = any;

/** The i-th policy, as CEL and as the equivalent TypeScript. */
function policy(i: number): { cel: CelPolicy; ts: Check } {
  const name = `p-${i}`;
  const tag = `:bad-${i}`;
  switch (i % 5) {
    case 0:
      return {
        cel: {
          name,
          severity: 'enforce',
          expression: `workload.containers.all(c, !workload.containers[c].image.endsWith("${tag}"))`,
        },
        ts: (c) => Object.values(c.workload.containers).every((k) => !k.image.endsWith(tag)),
      };
    case 1:
      return {
        cel: {
          name,
          severity: 'warn',
          expression: `objects.filter(o, o.kind == "Deployment").all(d, d.spec.replicas >= ${i % 4}.0)`,
        },
        ts: (c) => c.objects.filter((o) => o.kind === 'Deployment').every((d: Any) => d.spec.replicas >= i % 4),
      };
    case 2:
      return {
        cel: { name, severity: 'audit', expression: `environment.type != "type-${i}" || facts.openApprovals < 5.0` },
        ts: (c) => c.environment.type !== `type-${i}` || c.facts.openApprovals < 5,
      };
    case 3:
      return {
        cel: {
          name,
          severity: 'warn',
          expression: `facts.owner != null && facts.dora.changeFailureRate < 0.${(i % 9) + 1}`,
        },
        ts: (c) => c.facts.owner !== null && (c.facts.dora.changeFailureRate ?? 1) < Number(`0.${(i % 9) + 1}`),
      };
    default:
      return {
        cel: {
          name,
          severity: 'enforce',
          expression: `objects.exists(o, o.kind == "Service") && service.metadata.name != "svc-${i}"`,
        },
        ts: (c) => c.objects.some((o) => o.kind === 'Service') && c.service?.metadata.name !== `svc-${i}`,
      };
  }
}

function time(samples: number, task: () => void): number[] {
  const out: number[] = [];
  for (let s = 0; s < samples; s++) {
    const t = performance.now();
    task();
    out.push(performance.now() - t);
  }
  return out;
}

export async function run(args: string[]): Promise<Record<string, unknown>> {
  const [count = 1000, samples = 200] = args.map(Number);
  const ctx = context();
  const all = Array.from({ length: count }, (_, i) => policy(i));
  const started = performance.now();
  const compiled = compileCelPolicies(all.map((p) => p.cel));
  const compileMs = performance.now() - started;
  const checks = all.map((p) => p.ts);
  let celViolations = 0;
  let tsViolations = 0;
  time(Math.min(100, samples), () => evaluateCelPolicies(compiled, ctx)); // warm-up: let the JIT settle
  const cel = summarize(
    time(samples, () => {
      celViolations = evaluateCelPolicies(compiled, ctx).length;
    }),
  );
  const ts = summarize(
    time(samples, () => {
      tsViolations = checks.filter((f) => !f(ctx)).length;
    }),
  );
  if (celViolations !== tsViolations)
    throw new Error(`CEL found ${celViolations} violations, TypeScript ${tsViolations}`);
  console.log(
    `${count} CEL policies: compile ${round(compileMs, 1)} ms; evaluate all p50 ${cel.p50} ms, p99 ${cel.p99} ms`,
  );
  console.log(`same checks in TypeScript: p50 ${ts.p50} ms, p99 ${ts.p99} ms; ratio p99 ${round(cel.p99 / ts.p99, 1)}`);
  return {
    policies: count,
    samples,
    violations: celViolations,
    compile_ms: round(compileMs, 1),
    cel_p50_ms: cel.p50,
    cel_p99_ms: cel.p99,
    baseline_p50_ms: ts.p50,
    baseline_p99_ms: ts.p99,
    ratio_p50: round(cel.p50 / Math.max(ts.p50, 0.001), 1),
    ratio_p99: round(cel.p99 / Math.max(ts.p99, 0.001), 1),
  };
}
