import type { Command } from 'commander';
import type { EnvironmentTypeView } from '../client.ts';
import { contextOf } from '../context.ts';
import { emit, formatTable } from '../output.ts';
import { formatSeconds } from '../time.ts';

/** Environment types: what platform engineers decide for every environment of a kind. */
export function registerEnvTypeCommands(program: Command): void {
  const envType = program
    .command('env-type')
    .description('Show environment types: the defaults, quota, policies, approval and lifetime of environments')
    .addHelpText(
      'after',
      `
Examples:
  $ slipway env-type list
  $ slipway env-type show production`,
    );

  envType
    .command('list')
    .alias('ls')
    .description('List environment types')
    .addHelpText('after', '\nExamples:\n  $ slipway env-type list\n  $ slipway env-type list -o json')
    .action(async (_options: unknown, command: Command) => {
      const ctx = contextOf(command);
      const answer = await ctx.authenticated().listEnvironmentTypes();
      emit(ctx.output, answer, () => (answer.items.length === 0 ? ['No environment types.'] : typeTable(answer.items)));
    });

  envType
    .command('show')
    .description('Show an environment type in full')
    .argument('<name>', 'the type, e.g. production')
    .addHelpText(
      'after',
      '\nExamples:\n  $ slipway env-type show production\n  $ slipway env-type show preview -o json',
    )
    .action(async (name: string, _options: unknown, command: Command) => {
      const ctx = contextOf(command);
      const type = await ctx.authenticated().getEnvironmentType(name);
      emit(ctx.output, { type }, () => describeType(type));
    });
}

function typeTable(items: EnvironmentTypeView[]): string[] {
  const rows = items.map((t) => [
    t.name,
    t.requiresApproval ? 'required' : '-',
    t.ttlSeconds ? formatSeconds(t.ttlSeconds) : '-',
    t.policies.length > 0 ? t.policies.join(',') : '-',
  ]);
  return formatTable(['NAME', 'APPROVAL', 'TTL', 'POLICIES'], rows);
}

function describeType(t: EnvironmentTypeView): string[] {
  const lines = [`name: ${t.name}`];
  if (t.description) lines.push(`description: ${t.description}`);
  lines.push(
    `approval: ${t.requiresApproval ? `required, by someone other than who deploys; requests expire after ${formatSeconds(t.approvalTtlSeconds)}` : 'not required'}`,
    `ttl: ${t.ttlSeconds ? `${formatSeconds(t.ttlSeconds)} (environments are deleted after that)` : 'none (environments stay until deleted)'}`,
    `policies: ${t.policies.length > 0 ? t.policies.join(', ') : 'none'}`,
    `provisioners: ${t.provisioners ? t.provisioners.join(', ') || 'none' : 'all'}`,
    ...yamlLines('defaults', t.defaults),
    ...yamlLines('quota', t.quota ?? 'none'),
    ...yamlLines('limits', t.limits && Object.keys(t.limits).length > 0 ? t.limits : 'none'),
  );
  return lines;
}

/** A value as indented `key: value` lines, like YAML, for people to read (not to parse). */
function yamlLines(key: string, value: unknown, indent = ''): string[] {
  if (value === null || typeof value !== 'object') return [`${indent}${key}: ${scalar(value)}`];
  if (Array.isArray(value)) {
    if (value.length === 0) return [`${indent}${key}: []`];
    return [`${indent}${key}:`, ...value.map((v) => `${indent}  - ${scalar(v)}`)];
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return [`${indent}${key}: {}`];
  return [`${indent}${key}:`, ...entries.flatMap(([k, v]) => yamlLines(k, v, `${indent}  `))];
}

function scalar(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return '-';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}
