/**
 * Leader election on a real Lease of the test cluster: one candidate leads at a time; a leader
 * SIGKILLed (its process gone, the Lease left held) is replaced once the Lease has gone
 * unrenewed for its duration; a leader stopped gracefully hands the Lease back and the next
 * candidate leads at once.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { CoordinationV1Api } from '@kubernetes/client-node';
import { LeaseElector } from '../../src/leader/lease-elector.ts';
import { type Singleton, singletons } from '../../src/leader/singletons.ts';
import { testKubeConfigPath, useTestNamespace } from '../harness/cluster.ts';

const timing = { leaseDurationMs: 4_000, renewDeadlineMs: 3_000, retryPeriodMs: 500 };
const here = dirname(fileURLToPath(import.meta.url));

/** Resolves once `check` holds, looking every 50 ms; fails after `ms`. */
async function until(what: string, check: () => boolean | Promise<boolean>, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('leader election on a Kubernetes Lease', () => {
  const ns = useTestNamespace('lease');
  const children: ChildProcess[] = [];
  const electors: LeaseElector[] = [];
  after(async () => {
    for (const c of children) c.kill('SIGKILL');
    await Promise.all(electors.map((e) => e.stop()));
  });

  const lease = (name: string) =>
    ns.kc().makeApiClient(CoordinationV1Api).readNamespacedLease({ name, namespace: ns.namespace() });

  function inProcess(name: string, identity: string) {
    const events: string[] = [];
    const elector = new LeaseElector({
      kube: ns.kc(),
      namespace: ns.namespace(),
      name,
      identity,
      ...timing,
      onStartedLeading: () => events.push('leading'),
      onStoppedLeading: () => events.push('stopped'),
    });
    electors.push(elector);
    elector.start();
    return { elector, events };
  }

  function inChild(name: string, identity: string) {
    const out: string[] = [];
    const child = spawn(process.execPath, ['--import', 'tsx', join(here, 'elector-process.ts')], {
      env: {
        ...process.env,
        KUBECONFIG: testKubeConfigPath(),
        LEASE_NAMESPACE: ns.namespace(),
        LEASE_NAME: name,
        LEASE_IDENTITY: identity,
        LEASE_DURATION_MS: String(timing.leaseDurationMs),
        LEASE_RENEW_DEADLINE_MS: String(timing.renewDeadlineMs),
        LEASE_RETRY_PERIOD_MS: String(timing.retryPeriodMs),
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    child.stdout?.on('data', (d: Buffer) => out.push(...d.toString().trim().split('\n')));
    children.push(child);
    return { child, out };
  }

  it('one candidate leads; a SIGKILLed leader is replaced once its Lease has expired, not before', async () => {
    const a = inChild('crash', 'a');
    await until('a to lead', () => a.out.includes('leading'));
    const b = inProcess('crash', 'b');
    // b sees a renew the Lease twice and still does not lead.
    const first = (await lease('crash')).spec?.renewTime;
    await until('a to renew twice', async () => {
      const renewed = (await lease('crash')).spec?.renewTime;
      return (
        renewed !== undefined && first !== undefined && new Date(renewed).getTime() > new Date(first).getTime() + 500
      );
    });
    assert.equal(b.elector.isLeader, false);
    assert.equal((await lease('crash')).spec?.holderIdentity, 'a');

    a.child.kill('SIGKILL');
    const killedAt = Date.now();
    await until('b to take over', () => b.elector.isLeader);
    const takeover = Date.now() - killedAt;
    console.log(`takeover after SIGKILL: ${takeover} ms (lease ${timing.leaseDurationMs} ms)`);
    assert.ok(takeover >= timing.leaseDurationMs - 1_000, `not before the lease lapsed (${takeover} ms)`);
    const held = await lease('crash');
    assert.equal(held.spec?.holderIdentity, 'b');
    assert.equal(held.spec?.leaseTransitions, 1);
    assert.deepEqual(b.events, ['leading']);
  });

  it('a leader stopped gracefully hands the Lease back and the next candidate leads at once', async () => {
    const a = inProcess('graceful', 'a');
    await until('a to lead', () => a.elector.isLeader);
    const b = inChild('graceful', 'b');
    // Timed from when b is running: loading a process takes seconds on a busy machine.
    await until('b to be a candidate', () => b.out.includes('candidate'));
    await until('b to look at the Lease', async () => (await lease('graceful')).spec?.holderIdentity === 'a');
    const stoppedAt = Date.now();
    await a.elector.stop();
    assert.deepEqual(a.events, ['leading', 'stopped']);
    await until('b to lead', () => b.out.includes('leading'));
    const takeover = Date.now() - stoppedAt;
    console.log(`takeover after a graceful stop: ${takeover} ms`);
    assert.ok(takeover < timing.leaseDurationMs, `faster than waiting for expiry (${takeover} ms)`);
  });

  it('runs the leader-only work on one replica at a time, and moves it when that replica stops', async () => {
    const settings = {
      enabled: true,
      namespace: ns.namespace(),
      leaseName: 'work',
      leaseDurationSeconds: 4,
      renewDeadlineSeconds: 3,
      retryPeriodSeconds: 1,
    };
    const quiet = { info() {}, warn() {}, error() {} };
    const replica = () => {
      const work = { running: false };
      const job: Singleton = {
        start: () => {
          work.running = true;
        },
        stop: async () => {
          work.running = false;
        },
      };
      return { work, once: singletons([job], settings, ns.kc(), quiet) };
    };
    const [a, b] = [replica(), replica()];
    a.once.start();
    await until('a to run the work', () => a.work.running);
    b.once.start();
    await until('b to see the Lease held', async () => (await lease('work')).spec?.holderIdentity !== undefined);
    assert.equal(b.work.running, false, 'never on two replicas');
    await a.once.stop();
    assert.equal(a.work.running, false);
    await until('b to take the work over', () => b.work.running);
    await b.once.stop();
    assert.equal(b.work.running, false);
  });
});
