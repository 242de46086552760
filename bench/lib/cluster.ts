/**
 * The cluster a benchmark runs against: SLIPWAY_BENCH_KUBECONFIG if set, else a local
 * testbed cluster of its own (started here, stopped after), so `npm run bench -- NAME`
 * works on a fresh machine with one command.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

const repo = new URL('../..', import.meta.url).pathname;

export function benchCluster(name = 'slipway-bench'): { kubeconfig: string; stop: () => void } {
  const given = process.env.SLIPWAY_BENCH_KUBECONFIG;
  if (given) return { kubeconfig: given, stop: () => {} };
  execFileSync('bash', [join(repo, 'testbed/build.sh')], { stdio: ['ignore', 'ignore', 'inherit'] });
  const out = execFileSync('bash', [join(repo, 'testbed/cluster.sh'), 'start', name], { encoding: 'utf8' });
  const kubeconfig = out.trim().split('\n').at(-1) as string;
  return {
    kubeconfig,
    stop: () => execFileSync('bash', [join(repo, 'testbed/cluster.sh'), 'stop', name], { stdio: 'ignore' }),
  };
}

/** The kubectl built with the testbed: the same version as the cluster. */
export function kubectl(): string {
  const bin = join(process.env.SLIPWAY_CACHE ?? join(homedir(), '.cache', 'slipway'), 'bin');
  const dir = readdirSync(bin)
    .filter((d) => d.startsWith('kubernetes-v') && !d.includes('.tmp'))
    .sort()
    .at(-1);
  if (!dir) throw new Error('kubectl is not built: run testbed/build.sh');
  return join(bin, dir, 'kubectl');
}
