import { type Command, Option } from 'commander';
import type { EnvironmentInput, EnvironmentView } from '../client.ts';
import { contextOf } from '../context.ts';
import { emit, formatTable } from '../output.ts';
import { parseWholeNumber } from '../releases.ts';

interface SetOptions {
  type: string;
  namespace?: string;
  domain?: string;
  routeKind?: 'Ingress' | 'HTTPRoute';
  replicas?: number;
  progressDeadline?: number;
}

/** Environments: where services are deployed, and the defaults their type gives them. */
export function registerEnvCommands(program: Command): void {
  const env = program
    .command('env')
    .description('Manage environments: where services are deployed')
    .addHelpText(
      'after',
      `
Examples:
  $ slipway env list
  $ slipway env set dev --type development
  $ slipway env set production --type production --namespace shop-prod --domain shop.example.com`,
    );

  env
    .command('set')
    .description('Create an environment, or update one')
    .argument('<name>', 'its name, a DNS label such as dev or pr-42')
    .requiredOption(
      '--type <type>',
      'development, preview, staging, production, or your own (its defaults are those of development)',
    )
    .option('--namespace <ns>', 'the Kubernetes namespace (default: slipway-NAME)')
    .option('--domain <domain>', 'base DNS domain of the routes of its services')
    .addOption(new Option('--route-kind <kind>', 'how routes are made').choices(['Ingress', 'HTTPRoute']))
    .option(
      '--replicas <n>',
      "replicas of a service that does not say (default: the type's)",
      parseWholeNumber(0, 1000),
    )
    .option(
      '--progress-deadline <seconds>',
      "seconds a rollout may take before it counts as failed (default: the type's)",
      parseWholeNumber(5, 86_400),
    )
    .addHelpText(
      'after',
      `
Every setting is replaced: one left out takes its default again.

Examples:
  $ slipway env set dev --type development
  $ slipway env set staging --type staging --namespace shop-staging --replicas 2 --progress-deadline 300
  $ slipway env set prod --type production --domain shop.example.com --route-kind HTTPRoute`,
    )
    .action(async (name: string, options: SetOptions, command: Command) => {
      const ctx = contextOf(command);
      const environment = await ctx.authenticated().putEnvironment(name, environmentInput(options));
      emit(ctx.output, { environment }, () => [`Saved environment ${name}: ${summary(environment)}.`]);
    });

  env
    .command('list')
    .alias('ls')
    .description('List environments')
    .addHelpText('after', '\nExamples:\n  $ slipway env list\n  $ slipway env list -o json')
    .action(async (_options: unknown, command: Command) => {
      const ctx = contextOf(command);
      const items = await ctx.authenticated().listEnvironments();
      emit(ctx.output, { items }, () => (items.length === 0 ? ['No environments yet.'] : environmentTable(items)));
    });
}

function environmentInput(options: SetOptions): EnvironmentInput {
  const defaults = {
    ...(options.replicas !== undefined ? { replicas: options.replicas } : {}),
    ...(options.progressDeadline !== undefined ? { progressDeadlineSeconds: options.progressDeadline } : {}),
  };
  return {
    type: options.type,
    ...(options.namespace ? { namespace: options.namespace } : {}),
    ...(options.domain ? { domain: options.domain } : {}),
    ...(options.routeKind ? { routeKind: options.routeKind } : {}),
    ...(Object.keys(defaults).length > 0 ? { defaults } : {}),
  };
}

function summary(e: EnvironmentView): string {
  const parts = [`type ${e.type}`, `namespace ${e.namespace}`];
  if (e.domain) parts.push(`domain ${e.domain}`);
  parts.push(`routes as ${e.routeKind}`);
  if (e.defaults.replicas !== undefined)
    parts.push(`${e.defaults.replicas} replica${e.defaults.replicas === 1 ? '' : 's'}`);
  if (e.defaults.progressDeadlineSeconds !== undefined) {
    parts.push(`progress deadline ${e.defaults.progressDeadlineSeconds} s`);
  }
  return parts.join(', ');
}

function environmentTable(items: EnvironmentView[]): string[] {
  const rows = items.map((e) => [
    e.name,
    e.type,
    e.namespace,
    e.domain ?? '-',
    e.routeKind,
    String(e.defaults.replicas ?? '-'),
    e.defaults.progressDeadlineSeconds === undefined ? '-' : `${e.defaults.progressDeadlineSeconds}s`,
  ]);
  return formatTable(['NAME', 'TYPE', 'NAMESPACE', 'DOMAIN', 'ROUTES', 'REPLICAS', 'DEADLINE'], rows);
}
