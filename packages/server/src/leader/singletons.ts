/**
 * The work that must happen once across replicas (environment schedules and expiry, the
 * catalog's refresh schedule): started at once on a single server, or only while this replica
 * holds the leader Lease when `leaderElection.enabled`. Release driving is not among them: every
 * replica drives releases, each started by a compare-and-set on its row and carried on by the
 * replica holding its pair's session lock (see the engine), so a dead leader holds none up.
 */

import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { KubeConfig } from '@kubernetes/client-node';
import { SlipwayError } from '@slipway/core';
import type { Config } from '../config/schema.ts';
import { LeaseElector } from './lease-elector.ts';

export interface Singleton {
  start(): void;
  stop(): Promise<void>;
}

export interface Singletons {
  start(): void;
  stop(): Promise<void>;
}

type Log = {
  warn(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
};

export function singletons(
  work: readonly Singleton[],
  settings: Config['leaderElection'],
  kube: KubeConfig | null,
  log: Log,
): Singletons {
  const startAll = () => {
    for (const w of work) w.start();
  };
  const stopAll = () => Promise.all(work.map((w) => w.stop())).then(() => undefined);
  if (!settings.enabled) return { start: startAll, stop: stopAll };
  if (!kube)
    throw new SlipwayError(
      'invalid_config',
      'leaderElection.enabled needs a Kubernetes cluster of its own (kubernetes.kubeconfig)',
    );
  // The Lease's holderIdentity names this process: logged at start, so an operator (or a test)
  // can tell which replica leads.
  const identity = `${hostname()}-${randomBytes(4).toString('hex')}`;
  log.info({ lease: settings.leaseName, identity }, 'candidate for the leader lease');
  const elector = new LeaseElector({
    kube,
    namespace: settings.namespace,
    name: settings.leaseName,
    identity,
    leaseDurationMs: settings.leaseDurationSeconds * 1000,
    renewDeadlineMs: settings.renewDeadlineSeconds * 1000,
    retryPeriodMs: settings.retryPeriodSeconds * 1000,
    onStartedLeading: startAll,
    onStoppedLeading: () => {
      stopAll().catch((error) => log.error({ err: error }, 'stopping the leader-only work failed'));
    },
    log,
  });
  return {
    start: () => elector.start(),
    async stop() {
      await elector.stop();
      await stopAll();
    },
  };
}
