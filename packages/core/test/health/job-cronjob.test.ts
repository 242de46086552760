import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cronJobHealth } from '../../src/health/cronjob.ts';
import { jobHealth } from '../../src/health/job.ts';
import type { HealthResult, HealthStatus } from '../../src/health/status.ts';
import type { KubeObject } from '../../src/kube/object.ts';
import { ago, merge, namespace } from './fixtures.ts';

const jobCondition = (type: string, reason: string, message: string, status = 'True') => ({
  type,
  status,
  reason,
  message,
  lastProbeTime: ago(60),
  lastTransitionTime: ago(60),
});

const migrate: KubeObject = {
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: { name: 'web-migrate-4', namespace, generation: 1, uid: '1f2e3d4c-5b6a-4978-8695-a4b3c2d1e0f9' },
  spec: {
    backoffLimit: 2,
    completions: 1,
    parallelism: 1,
    suspend: false,
    selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': '1f2e3d4c-5b6a-4978-8695-a4b3c2d1e0f9' } },
    template: { spec: { restartPolicy: 'Never', containers: [{ name: 'migrate', image: 'ghcr.io/acme/web:1.4.3' }] } },
  },
  status: { startTime: ago(120), active: 1, ready: 1, terminating: 0, uncountedTerminatedPods: {} },
};

const table = (fn: (o: KubeObject) => HealthResult, cases: Array<[string, KubeObject, HealthStatus, string]>) => {
  for (const [name, obj, status, message] of cases) it(name, () => assert.deepEqual(fn(obj), { status, message }));
};

describe('jobHealth', () => {
  table(jobHealth, [
    ['running', migrate, 'Progressing', 'Running: 1 active, 0 succeeded, 0 failed'],
    [
      'complete',
      merge(migrate, {
        status: {
          active: undefined,
          succeeded: 1,
          completionTime: ago(30),
          conditions: [
            jobCondition('SuccessCriteriaMet', 'CompletionsReached', 'Reached expected number of succeeded pods'),
            jobCondition('Complete', 'CompletionsReached', 'Reached expected number of succeeded pods'),
          ],
        },
      }),
      'Healthy',
      'Reached expected number of succeeded pods',
    ],
    [
      'failed: backoff limit',
      merge(migrate, {
        status: {
          active: undefined,
          failed: 3,
          conditions: [
            jobCondition('FailureTarget', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit'),
            jobCondition('Failed', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit'),
          ],
        },
      }),
      'Degraded',
      'The Job failed: Job has reached the specified backoff limit',
    ],
    [
      'FailureTarget before Failed: pods still terminating',
      merge(migrate, {
        status: {
          conditions: [
            jobCondition('FailureTarget', 'DeadlineExceeded', 'Job was active longer than specified deadline'),
          ],
        },
      }),
      'Degraded',
      'The Job failed: Job was active longer than specified deadline',
    ],
    [
      'suspended',
      merge(migrate, {
        spec: { suspend: true },
        status: { active: undefined, conditions: [jobCondition('Suspended', 'JobSuspended', 'Job suspended')] },
      }),
      'Suspended',
      'The Job is suspended',
    ],
    [
      'suspend set, condition not yet written',
      merge(migrate, { spec: { suspend: true } }),
      'Suspended',
      'The Job is suspended',
    ],
    [
      'resumed: Suspended=False means running again (Argo would call it Healthy)',
      merge(migrate, { status: { conditions: [jobCondition('Suspended', 'JobResumed', 'Job resumed', 'False')] } }),
      'Progressing',
      'Running: 1 active, 0 succeeded, 0 failed',
    ],
  ]);
});

const nightly: KubeObject = {
  apiVersion: 'batch/v1',
  kind: 'CronJob',
  metadata: { name: 'nightly-report', namespace, generation: 1 },
  spec: { schedule: '0 2 * * *', suspend: false, concurrencyPolicy: 'Forbid', jobTemplate: { spec: {} } },
  status: {},
};

describe('cronJobHealth', () => {
  table(cronJobHealth, [
    ['never scheduled yet', nightly, 'Healthy', 'The CronJob has not been scheduled yet'],
    ['suspended', merge(nightly, { spec: { suspend: true } }), 'Suspended', 'The CronJob is suspended'],
    [
      'last run succeeded',
      merge(nightly, { status: { lastScheduleTime: ago(3600), lastSuccessfulTime: ago(3500) } }),
      'Healthy',
      'The last run completed successfully',
    ],
    [
      'last run failed: success older than schedule, nothing active',
      merge(nightly, { status: { lastScheduleTime: ago(3600), lastSuccessfulTime: ago(90000) } }),
      'Degraded',
      'The last scheduled run did not complete successfully',
    ],
    [
      'a run in progress',
      merge(nightly, {
        status: {
          lastScheduleTime: ago(60),
          lastSuccessfulTime: ago(86400),
          active: [{ kind: 'Job', namespace, name: 'nightly-report-29145600', apiVersion: 'batch/v1' }],
        },
      }),
      'Healthy',
      'A run is in progress',
    ],
    [
      'first run not finished',
      merge(nightly, { status: { lastScheduleTime: ago(60) } }),
      'Healthy',
      'The CronJob has not completed a run yet',
    ],
  ]);
});
