/**
 * A candidate in a process of its own, so a test can SIGKILL it as a node going away would:
 * it prints `candidate` once it is trying, then `leading` and `stopped` as its leadership changes. Settings come from the
 * environment (see lease-elector.test.ts).
 */
import { KubeConfig } from '@kubernetes/client-node';
import { LeaseElector } from '../../src/leader/lease-elector.ts';

const env = (name: string) => process.env[name] ?? '';
const kube = new KubeConfig();
kube.loadFromFile(env('KUBECONFIG'));
const elector = new LeaseElector({
  kube,
  namespace: env('LEASE_NAMESPACE'),
  name: env('LEASE_NAME'),
  identity: env('LEASE_IDENTITY'),
  leaseDurationMs: Number(env('LEASE_DURATION_MS')),
  renewDeadlineMs: Number(env('LEASE_RENEW_DEADLINE_MS')),
  retryPeriodMs: Number(env('LEASE_RETRY_PERIOD_MS')),
  onStartedLeading: () => process.stdout.write('leading\n'),
  onStoppedLeading: () => process.stdout.write('stopped\n'),
});
elector.start();
// Loaded and trying: a test may time a handover from here on, not from the process's start.
process.stdout.write('candidate\n');
process.on('SIGTERM', () => void elector.stop().then(() => process.exit(0)));
