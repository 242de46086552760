import { readFileSync } from 'node:fs';
import { SlipwayError } from '@slipway/core';
import type { Command } from 'commander';
import { parse } from 'yaml';
import type { ServiceCheckInput, ServiceCheckView } from '../client.ts';
import { contextOf } from '../context.ts';
import { emit, formatTable } from '../output.ts';
import { formatSeconds } from '../time.ts';

interface ChecksOptions {
  file?: string;
  clear?: boolean;
}

/**
 * `slipway service checks`: the metric checks a service declares for its releases, shown, set
 * from a file (the API's body: `checks:` and the list, so the server's field paths point into
 * the file as written) or removed.
 */
export function registerServiceChecksCommand(service: Command): void {
  service
    .command('checks')
    .description("Show or set the metric checks that verify a service's releases once Healthy")
    .argument('<service>', 'the service')
    .option('-f, --file <path>', 'set them from this YAML or JSON file (checks: [...]); - reads standard input')
    .option('--clear', 'remove them all')
    .addHelpText(
      'after',
      `
The file holds what PUT /api/v1/services/{name}/verification takes, e.g.:
  checks:
    - name: request-rate
      query: sum(rate(http_requests_total{namespace="$namespace",service="$service"}[$rate]))
      condition: { op: ">", threshold: 0 }
      durationSeconds: 300
      environmentTypes: [production]   # left out: every environment

Examples:
  $ slipway service checks cart
  $ slipway service checks cart -f checks.yaml
  $ slipway service checks cart --clear`,
    )
    .action(async (name: string, options: ChecksOptions, command: Command) => {
      const ctx = contextOf(command);
      if (options.file && options.clear) throw new SlipwayError('invalid_input', 'Give a --file or --clear, not both');
      const client = ctx.authenticated();
      const change = options.clear ? [] : options.file ? readChecksFile(options.file) : undefined;
      const checks = change
        ? await client.setServiceVerification(name, change)
        : await client.getServiceVerification(name);
      emit(ctx.output, { service: name, checks }, () => describeChecks(name, checks, change !== undefined));
    });
}

function describeChecks(service: string, checks: ServiceCheckView[], changed: boolean): string[] {
  if (checks.length === 0) {
    return [
      `${service} ${changed ? 'declares no checks now' : 'declares no checks'}: its environment types' alone verify it.`,
    ];
  }
  const rows = checks.map((c) => [
    c.name,
    `${c.condition.op} ${c.condition.threshold}`,
    `every ${formatSeconds(c.intervalSeconds ?? 30)} for ${formatSeconds(c.durationSeconds ?? 600)}`,
    String(c.failureLimit ?? 0),
    c.environmentTypes?.join(',') ?? 'all',
    c.query,
  ]);
  const head = changed ? [`${service} declares ${checks.length} check${checks.length === 1 ? '' : 's'} now.`] : [];
  return [...head, ...formatTable(['CHECK', 'CONDITION', 'SAMPLED', 'TOLERATED', 'TYPES', 'QUERY'], rows)];
}

/** The checks of a file (YAML or JSON): an object with a `checks` list. */
function readChecksFile(file: string): ServiceCheckInput[] {
  const label = file === '-' ? 'standard input' : file;
  let value: unknown;
  try {
    value = parse(readFileSync(file === '-' ? 0 : file, 'utf8'), { maxAliasCount: 100 });
  } catch (error) {
    throw new SlipwayError('invalid_input', `Cannot read the checks in ${label}: ${(error as Error).message}`);
  }
  const checks = typeof value === 'object' && value !== null ? (value as { checks?: unknown }).checks : undefined;
  if (!Array.isArray(checks)) {
    throw new SlipwayError('invalid_input', `${label} must hold an object with a list of checks under "checks"`, {
      hint: 'e.g. checks: [{name: request-rate, query: "…", condition: {op: ">", threshold: 0}}]; the server checks each',
    });
  }
  return checks as ServiceCheckInput[];
}
