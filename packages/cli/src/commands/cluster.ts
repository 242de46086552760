import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { minifyKubeconfig, SlipwayError } from '@slipway/core';
import type { Command } from 'commander';
import type { ClusterPrometheusBody, ClusterView } from '../client.ts';
import { contextOf } from '../context.ts';
import { ExitCode, ExitWith } from '../exit-codes.ts';
import { emit, formatTable } from '../output.ts';
import { formatAge } from '../releases.ts';

/** The cluster Slipway runs with, from its own configuration; the others are registered. */
const defaultCluster = 'default';

/** Clusters environments live on: Slipway's own, and those registered with their credentials. */
export function registerClusterCommands(program: Command): void {
  const cluster = program
    .command('cluster')
    .description('Manage the Kubernetes clusters environments live on')
    .addHelpText(
      'after',
      `
Examples:
  $ slipway cluster list
  $ slipway cluster add eu-west --kubeconfig ~/.kube/eu-west.yaml
  $ slipway cluster check eu-west
  $ slipway cluster metrics eu-west --url https://prometheus.eu-west.example:9090
  $ slipway cluster remove eu-west`,
    );

  cluster
    .command('add')
    .description('Register a cluster: its credentials are checked against it, then stored encrypted')
    .argument('<name>', 'a name for it, a DNS label such as eu-west')
    .requiredOption('--kubeconfig <file>', 'a kubeconfig file with access to the cluster')
    .option('--context <name>', "the kubeconfig's context to use (default: its current context)")
    .addHelpText(
      'after',
      `
Only the one context is sent, with the files it names (certificates, keys, token files) read
here and put inline, like \`kubectl config view --minify --flatten\`. Credential plugins (exec,
auth-provider) cannot be used by the server: use a ServiceAccount token or a client certificate.

Examples:
  $ slipway cluster add eu-west --kubeconfig ~/.kube/config --context eu-west-admin
  $ slipway cluster add staging --kubeconfig ./staging.kubeconfig -o json`,
    )
    .action(async (name: string, options: { kubeconfig: string; context?: string }, command: Command) => {
      const kubeconfig = readKubeconfig(options.kubeconfig, options.context);
      const ctx = contextOf(command);
      const registered = await ctx.authenticated().registerCluster(name, kubeconfig);
      emit(ctx.output, { cluster: registered }, () => [`Registered cluster ${name}: ${describeCluster(registered)}.`]);
    });

  cluster
    .command('list')
    .alias('ls')
    .description("List clusters: Slipway's own (default) and the registered ones, with their last check")
    .addHelpText('after', '\nExamples:\n  $ slipway cluster list\n  $ slipway cluster list -o json')
    .action(async (_options: unknown, command: Command) => {
      const ctx = contextOf(command);
      const items = await ctx.authenticated().listClusters();
      emit(ctx.output, { items }, () => (items.length === 0 ? ['No clusters.'] : clusterTable(items)));
    });

  cluster
    .command('check')
    .description('Check a cluster now: whether Slipway reaches it, and its Kubernetes version')
    .argument('<name>', 'the cluster')
    .addHelpText(
      'after',
      '\nExits 0 when the cluster is healthy and 1 when it is not.\n\nExamples:\n  $ slipway cluster check eu-west',
    )
    .action(async (name: string, _options: unknown, command: Command) => {
      const ctx = contextOf(command);
      const client = ctx.authenticated();
      // Slipway's own cluster is checked whenever clusters are listed.
      const checked =
        name === defaultCluster
          ? (await client.listClusters()).find((c) => c.name === defaultCluster)
          : await client.checkCluster(name);
      if (!checked) throw new SlipwayError('not_found', 'Slipway has no cluster of its own configured');
      emit(ctx.output, { cluster: checked }, () => [`Cluster ${name}: ${describeCluster(checked)}.`]);
      if (checked.status !== 'healthy') throw new ExitWith(ExitCode.failed);
    });

  cluster
    .command('metrics')
    .description("Set (or --remove) the Prometheus a registered cluster's metrics are read from")
    .argument('<name>', 'the registered cluster')
    .option('--url <url>', 'base URL of its Prometheus query API, e.g. https://prometheus.eu-west:9090')
    .option('--bearer-token-file <file>', 'a file holding the bearer token to send')
    .option('--username <name>', 'basic auth, with --password-file')
    .option('--password-file <file>', 'a file holding the basic-auth password')
    .option('--ca-file <file>', 'PEM file of the CA(s) its certificate is checked against')
    .option('--insecure-skip-verify', 'accept any certificate (test servers only)')
    .option('--remove', 'forget the Prometheus: the metrics of its environments are no longer read')
    .addHelpText(
      'after',
      `
The server queries the Prometheus once before storing anything; secrets are read from files
here and stored encrypted. Slipway's own cluster (default) takes its Prometheus from the
server's configuration (kubernetes.prometheus) instead.

Examples:
  $ slipway cluster metrics eu-west --url https://prometheus.eu-west.example:9090 --bearer-token-file ./token
  $ slipway cluster metrics eu-west --remove`,
    )
    .action(async (name: string, options: MetricsOptions, command: Command) => {
      const ctx = contextOf(command);
      const client = ctx.authenticated();
      if (options.remove) {
        await client.removeClusterPrometheus(name);
        emit(ctx.output, { removed: name }, () => [`Cluster ${name} has no metrics source now.`]);
        return;
      }
      if (!options.url)
        throw new SlipwayError('invalid_input', 'Give --url, or --remove', { hint: 'slipway cluster metrics --help' });
      const updated = await client.setClusterPrometheus(name, prometheusBody(options, options.url));
      emit(ctx.output, { cluster: updated }, () => [`Cluster ${name} reads its metrics from ${options.url}.`]);
    });

  cluster
    .command('remove')
    .alias('rm')
    .description('Unregister a cluster no environment lives on; its stored credentials are deleted')
    .argument('<name>', 'the cluster')
    .addHelpText('after', '\nExamples:\n  $ slipway cluster remove eu-west')
    .action(async (name: string, _options: unknown, command: Command) => {
      const ctx = contextOf(command);
      await ctx.authenticated().removeCluster(name);
      emit(ctx.output, { removed: name }, () => [`Removed cluster ${name}; its credentials are deleted.`]);
    });
}

interface MetricsOptions {
  url?: string;
  bearerTokenFile?: string;
  username?: string;
  passwordFile?: string;
  caFile?: string;
  insecureSkipVerify?: boolean;
  remove?: boolean;
}

function prometheusBody(options: MetricsOptions, url: string): ClusterPrometheusBody {
  return {
    url,
    ...(options.bearerTokenFile ? { bearerToken: readSecret(options.bearerTokenFile, '--bearer-token-file') } : {}),
    ...(options.username ? { username: options.username } : {}),
    ...(options.passwordFile ? { password: readSecret(options.passwordFile, '--password-file') } : {}),
    ...(options.caFile ? { ca: readSecret(options.caFile, '--ca-file') } : {}),
    ...(options.insecureSkipVerify ? { insecureSkipVerify: true } : {}),
  };
}

function readSecret(file: string, option: string): string {
  try {
    return readFileSync(expandHome(file), 'utf8').trim();
  } catch (error) {
    throw new SlipwayError('invalid_input', `Cannot read ${file} (${option}): ${problemOf(error)}`);
  }
}

/**
 * The kubeconfig to send: one context, with the files it names read relative to the
 * kubeconfig's directory (as kubectl does) and put inline.
 */
function readKubeconfig(file: string, context: string | undefined): string {
  const path = expandHome(file);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new SlipwayError('invalid_input', `Cannot read the kubeconfig ${file}: ${problemOf(error)}`, {
      hint: 'Name a kubeconfig file with --kubeconfig FILE, e.g. ~/.kube/config.',
    });
  }
  const readFile = (named: string): Uint8Array => {
    const full = resolve(dirname(path), expandHome(named));
    try {
      return readFileSync(full);
    } catch (error) {
      throw new SlipwayError(
        'invalid_input',
        `Cannot read ${full}, which the kubeconfig ${file} names: ${problemOf(error)}`,
        { hint: 'Paths in a kubeconfig are relative to its directory.' },
      );
    }
  };
  return minifyKubeconfig(text, { ...(context ? { context } : {}), readFile }).text;
}

function expandHome(path: string): string {
  return path === '~' || path.startsWith('~/') ? join(homedir(), path.slice(1)) : path;
}

function problemOf(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  if (e.code === 'ENOENT') return 'no such file';
  if (e.code === 'EACCES') return 'permission denied';
  if (e.code === 'EISDIR') return 'it is a directory';
  return e.message;
}

function describeCluster(c: ClusterView): string {
  const version = c.version ? `, Kubernetes ${c.version}` : '';
  const message = c.status !== 'healthy' && c.message ? ` (${c.message})` : '';
  return `${c.status}${message}${version}, at ${c.server}`;
}

function clusterTable(items: ClusterView[]): string[] {
  const now = Date.now();
  const rows = items.map((c) => [
    c.name,
    c.server,
    c.status,
    c.version ?? '-',
    c.checkedAt ? `${formatAge(c.checkedAt, now)} ago` : 'never',
  ]);
  return formatTable(['NAME', 'SERVER', 'STATUS', 'VERSION', 'CHECKED'], rows);
}
