import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  evaluatePolicies,
  type KubeObject,
  parseScore,
  type RenderInput,
  renderWorkload,
  type ScoreWorkload,
  SlipwayError,
} from '../../src/index.ts';
import { scheduleProblem } from '../../src/workload/schedule.ts';
import { environment, fakeResources, productionEnvironment } from './helpers.ts';
import { assertKubeValid } from './kube-validity.ts';

// biome-ignore lint/suspicious/noExplicitAny: tests read rendered objects of any kind freely
type Any = Record<string, any>;

function workload(annotations: Record<string, string>, extra = ''): ScoreWorkload {
  const lines = Object.entries(annotations)
    .map(([k, v]) => `    ${k}: ${JSON.stringify(v)}`)
    .join('\n');
  return parseScore(`apiVersion: score.dev/v1b1
metadata:
  name: nightly-report
  annotations:
${lines}
containers:
  job:
    image: ghcr.io/acme/report:1.0.0
    args: ["--once"]
${extra}`);
}

function render(w: ScoreWorkload, overrides: Partial<RenderInput> = {}): Any[] {
  return renderWorkload({ workload: w, environment, resources: fakeResources(w), release: 'rel-001', ...overrides })
    .objects as Any[];
}

function issues(w: ScoreWorkload): Array<{ path: string; message: string }> {
  try {
    render(w);
  } catch (error) {
    assert.ok(error instanceof SlipwayError);
    assert.equal(error.code, 'invalid_input');
    return error.fields ?? [];
  }
  assert.fail('rendering succeeded');
}

const cron = { 'slipway.dev/workload-type': 'cronjob', 'slipway.dev/schedule': '0 3 * * *' };

describe('renderWorkload: CronJob', () => {
  it('renders a CronJob with the schedule, history limits and OnFailure pods, and nothing that scales', () => {
    const objects = render(workload(cron), { environment: productionEnvironment });
    assert.deepEqual(
      objects.map((o) => o.kind),
      ['NetworkPolicy', 'CronJob'],
    );
    const cj = objects[1] as Any;
    assert.equal(cj.apiVersion, 'batch/v1');
    assert.equal(cj.metadata.name, 'nightly-report');
    assert.equal(cj.spec.schedule, '0 3 * * *');
    assert.equal(cj.spec.concurrencyPolicy, 'Forbid');
    assert.equal(cj.spec.successfulJobsHistoryLimit, 3);
    assert.equal(cj.spec.failedJobsHistoryLimit, 1);
    assert.equal(cj.spec.timeZone, undefined);
    assert.equal(cj.spec.jobTemplate.spec.backoffLimit, 3);
    const pod = cj.spec.jobTemplate.spec.template;
    assert.equal(pod.spec.restartPolicy, 'OnFailure');
    assert.deepEqual(pod.spec.containers[0].args, ['--once']);
    assert.equal(pod.metadata.labels['slipway.dev/release'], 'rel-001');
    assert.equal(
      pod.metadata.annotations?.['slipway.dev/schedule'],
      undefined,
      'instructions to Slipway stay off pods',
    );
    assertKubeValid(objects as KubeObject[], productionEnvironment.namespace);
  });

  it('takes the time zone, concurrency policy and backoff limit', () => {
    const [, cj] = render(
      workload({
        ...cron,
        'slipway.dev/schedule': '@hourly',
        'slipway.dev/time-zone': 'Europe/Berlin',
        'slipway.dev/concurrency-policy': 'Replace',
        'slipway.dev/backoff-limit': '0',
      }),
    ) as Any[];
    assert.equal(cj?.spec.schedule, '@hourly');
    assert.equal(cj?.spec.timeZone, 'Europe/Berlin');
    assert.equal(cj?.spec.concurrencyPolicy, 'Replace');
    assert.equal(cj?.spec.jobTemplate.spec.backoffLimit, 0);
  });

  it('refuses bad values with the path of each annotation', () => {
    const found = issues(
      workload({
        'slipway.dev/workload-type': 'cronjob',
        'slipway.dev/schedule': '61 * * * *',
        'slipway.dev/time-zone': 'Mars/Olympus',
        'slipway.dev/concurrency-policy': 'forbid',
        'slipway.dev/backoff-limit': 'many',
        'slipway.dev/replicas': '2',
      }),
    );
    assert.deepEqual(found.map((f) => f.path).sort(), [
      '/metadata/annotations/slipway.dev~1backoff-limit',
      '/metadata/annotations/slipway.dev~1concurrency-policy',
      '/metadata/annotations/slipway.dev~1replicas',
      '/metadata/annotations/slipway.dev~1schedule',
      '/metadata/annotations/slipway.dev~1time-zone',
    ]);
    assert.match(found.find((f) => f.path.endsWith('schedule'))?.message ?? '', /minute/);
  });

  it('needs a schedule', () => {
    const [found] = issues(workload({ 'slipway.dev/workload-type': 'cronjob' }));
    assert.equal(found?.path, '/metadata/annotations/slipway.dev~1schedule');
    assert.match(found?.message ?? '', /needs a schedule/);
  });

  it('refuses service ports: nothing is there to serve them between runs', () => {
    const [found] = issues(workload(cron, 'service:\n  ports:\n    http:\n      port: 80\n'));
    assert.equal(found?.path, '/service/ports');
    assert.match(found?.message ?? '', /remove service.ports/);
  });

  it('refuses an unknown workload type and a schedule on a Deployment', () => {
    assert.match(issues(workload({ 'slipway.dev/workload-type': 'daemonset' }))[0]?.message ?? '', /cronjob or job/);
    const [found] = issues(workload({ 'slipway.dev/schedule': '@daily' }));
    assert.equal(found?.path, '/metadata/annotations/slipway.dev~1schedule');
  });

  it('refuses a workload type that contradicts slipway.dev/kind', () => {
    const [found] = issues(workload({ ...cron, 'slipway.dev/kind': 'StatefulSet' }));
    assert.equal(found?.path, '/metadata/annotations/slipway.dev~1workload-type');
  });
});

describe('renderWorkload: Job', () => {
  const job = workload({ 'slipway.dev/workload-type': 'job', 'slipway.dev/backoff-limit': '1' });

  it('renders a Job named after its release, so a new release runs a new Job', () => {
    const first = render(job).find((o) => o.kind === 'Job') as Any;
    const second = render(job, { release: 'rel-002' }).find((o) => o.kind === 'Job') as Any;
    assert.match(first.metadata.name, /^nightly-report-[0-9a-f]{8}$/);
    assert.notEqual(first.metadata.name, second.metadata.name);
    assert.equal(first.spec.backoffLimit, 1);
    assert.equal(first.spec.selector, undefined, 'the Job controller picks its own selector');
    assert.equal(first.spec.ttlSecondsAfterFinished, undefined);
    assert.equal(first.spec.template.spec.restartPolicy, 'OnFailure');
    assertKubeValid(render(job) as KubeObject[], environment.namespace);
  });

  it('refuses CronJob-only annotations on a Job', () => {
    const [found] = issues(workload({ 'slipway.dev/workload-type': 'job', 'slipway.dev/schedule': '@daily' }));
    assert.equal(found?.path, '/metadata/annotations/slipway.dev~1schedule');
  });

  it('keeps long names within 63 characters', () => {
    const long = { ...job, metadata: { ...job.metadata, name: 'a'.repeat(63) } };
    const j = render(long).find((o) => o.kind === 'Job') as Any;
    assert.ok(j.metadata.name.length <= 63);
  });
});

describe('policies on batch workloads', () => {
  it("checks a rendered CronJob's pod template and names the Score field", () => {
    const w = workload(cron);
    const { resources: _defaults, ...bareDefaults } = environment.defaults;
    const bare = { ...environment, defaults: bareDefaults };
    const check = (env: typeof environment) =>
      evaluatePolicies(['require-resource-limits'], {
        workload: w,
        objects: render(w, { environment: env }) as KubeObject[],
      });
    assert.deepEqual(check(environment), [], "the environment's default resources fill the pod template");
    const violations = check(bare);
    assert.ok(violations.length > 0, 'without defaults the CronJob has no limits');
    assert.ok(
      violations.every((v) => v.path.startsWith('/containers/job/resources')),
      JSON.stringify(violations),
    );
  });
});

describe('scheduleProblem', () => {
  for (const ok of ['* * * * *', '*/5 0-6,22 1 jan-mar mon-fri', '0 0 ? * 7', '@weekly', ' 15 4 * * sun '])
    it(`accepts "${ok}"`, () => assert.equal(scheduleProblem(ok), undefined));
  for (const [bad, why] of [
    ['* * * *', /5 fields/],
    ['60 * * * *', /minute/],
    ['* 24 * * *', /hour/],
    ['* * 0 * *', /day of month/],
    ['* * * 13 *', /month/],
    ['* * * * 8', /day of week/],
    ['*/0 * * * *', /step/],
    ['5-1 * * * *', /minute/],
    ['@every 5m', /@every/],
    ['@often', /macro/],
    ['TZ=UTC 0 * * * *', /time-zone/],
    ['? * * * *', /minute/],
  ] as const)
    it(`refuses "${bad}"`, () => assert.match(scheduleProblem(bad) ?? '', why));
});
