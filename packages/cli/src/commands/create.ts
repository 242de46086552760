import { SlipwayError, type TemplateOutputLink } from '@slipway/core';
import type { Command } from 'commander';
import type { SlipwayClient, TemplateRunView, TemplateView } from '../client.ts';
import { contextOf } from '../context.ts';
import { ExitCode, ExitWith } from '../exit-codes.ts';
import { emit, printJson } from '../output.ts';
import { formatDuration } from '../releases.ts';
import { readEvents } from '../sse.ts';
import {
  missingError,
  missingParameters,
  type Parameters,
  parseSet,
  promptFor,
  readValuesFile,
} from '../template-parameters.ts';
import { findTemplate } from './templates.ts';

interface CreateOptions {
  template: string;
  set?: Parameters;
  values?: string;
  owner?: string;
  dryRun?: boolean;
}

/** `slipway create --template NAME`: a new service from a golden path, its steps followed live. */
export function registerCreateCommand(program: Command): void {
  program
    .command('create')
    .description('Create a service from a golden-path template: render, push, register and deploy it')
    .requiredOption('-t, --template <name>', 'the template: NAME or NAMESPACE/NAME (see `slipway template list`)')
    .option(
      '--set <key=value>',
      'a parameter; repeat for more (JSON values such as 3 or true keep their type)',
      parseSet,
    )
    .option('--values <file>', 'parameters from a JSON file (--set wins over it)')
    .option('--owner <team>', 'the team the new service belongs to (default: your only team)')
    .option('--dry-run', 'list the files it would write; nothing is pushed, registered or deployed')
    .addHelpText(
      'after',
      `
Required parameters not given are asked for at a terminal; without one, they are a usage error.

Examples:
  $ slipway create --template node-service
  $ slipway create --template node-service --set name=orders --set owner=payments \\
      --set repoUrl=git@github.com:acme/orders.git --set environment=dev --owner payments
  $ slipway create --template slipway/scheduled-job --values job.json --dry-run`,
    )
    .action(async (options: CreateOptions, command: Command) => {
      const ctx = contextOf(command);
      const client = ctx.authenticated();
      const template = await findTemplate(client, options.template);
      const parameters = await gatherParameters(template, options);
      const request = {
        parameters,
        ...(options.owner ? { owner: options.owner } : {}),
        ...(options.dryRun ? { dryRun: true } : {}),
      };
      const run = await client.runTemplate(template.namespace, template.name, request);
      if (run.dryRun) {
        emit(ctx.output, { run }, () => dryRunLines(run));
        // A dry run that failed is a failure: scripts and CI check the exit status.
        if (run.status !== 'succeeded') throw new ExitWith(ExitCode.failed);
        return;
      }
      const out = ctx.output === 'json' ? process.stderr : process.stdout;
      const finished = await followRun(client, template, run, out);
      if (ctx.output === 'json') printJson({ run: finished });
      else out.write(`${resultLines(finished).join('\n')}\n`);
      if (finished.status !== 'succeeded') throw new ExitWith(ExitCode.failed);
    });
}

/** --values, then --set over it, then answers to questions for the required ones still missing. */
async function gatherParameters(template: TemplateView, options: CreateOptions): Promise<Parameters> {
  const given = { ...(options.values ? readValuesFile(options.values) : {}), ...options.set };
  const missing = missingParameters(template, given);
  if (missing.length === 0) return given;
  if (!process.stdin.isTTY) throw missingError(template, missing);
  return { ...given, ...(await promptFor(template, missing)) };
}

/**
 * What a run's `output` holds; the API document leaves it open: the template's links and entity,
 * and for a dry run each file it would write (content left out here).
 */
interface RunOutput {
  links?: TemplateOutputLink[];
  entityRef?: string;
  files?: Array<{ path: string; size: number }>;
}

const outputOf = (run: TemplateRunView) => run.output as RunOutput;

function dryRunLines(run: TemplateRunView): string[] {
  if (run.status !== 'succeeded') {
    const failed = run.steps.find((s) => s.status === 'failed');
    const where = failed ? ` at step ${failed.id} (${failed.action})` : '';
    return [`✖ Dry run of ${run.templateRef} ${run.status}${where}: ${run.error || 'see the run for details'}`];
  }
  const files = outputOf(run).files ?? [];
  const width = Math.max(0, ...files.map((f) => String(f.size).length));
  const total = files.reduce((sum, f) => sum + f.size, 0);
  return [
    `Dry run of ${run.templateRef}: it would write ${files.length} files (${total} bytes); nothing was pushed.`,
    ...files.map((f) => `  ${String(f.size).padStart(width)}  ${f.path}`),
  ];
}

interface RunEvent {
  seq: number;
  type: string;
  stepId: string | null;
  message: string;
  createdAt: string;
}

/**
 * Prints a run's events as they happen — a line when a step starts and when it ends (with ✔ or ✖
 * and how long it took), its log lines indented — and returns the run once it has ended. A stream
 * that drops before the end is reopened once, after the last event seen.
 */
async function followRun(
  client: SlipwayClient,
  template: TemplateView,
  run: TemplateRunView,
  out: NodeJS.WritableStream,
): Promise<TemplateRunView> {
  out.write(`Creating from ${template.ref} (run ${run.id}):\n`);
  const names = new Map(template.steps.map((s) => [s.id, s.name]));
  const started = new Map<string, number>();
  let lastSeq = 0;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const response = await client.templateRunEvents(run.id, lastSeq);
      for await (const sse of readEvents(response.body as ReadableStream<Uint8Array>)) {
        const event = JSON.parse(sse.data) as RunEvent;
        lastSeq = event.seq;
        if (event.type === 'run') return client.getTemplateRun(run.id);
        const line = eventLine(event, names, started);
        if (line) out.write(`${line}\n`);
      }
    } catch (error) {
      if (error instanceof SlipwayError && error.code !== 'unavailable') throw error;
    }
  }
  throw new SlipwayError('unavailable', `The event stream of run ${run.id} ended before the run did`, {
    hint: 'The run goes on on the server; see `slipway template runs`.',
  });
}

function eventLine(event: RunEvent, names: ReadonlyMap<string, string>, started: Map<string, number>): string {
  const step = event.stepId ?? '';
  const name = names.get(step) ?? step;
  const at = Date.parse(event.createdAt);
  if (event.type === 'log') return `    ${event.message}`;
  if (event.type !== 'step') return '';
  if (event.message === 'running') {
    started.set(step, at);
    return `▸ ${name}`;
  }
  if (event.message === 'skipped') return `- ${name} (skipped)`;
  const took = started.has(step) ? ` (${seconds(at - (started.get(step) ?? at))})` : '';
  return `${event.message === 'succeeded' ? '✔' : '✖'} ${name}${took}`;
}

const seconds = (ms: number) => (ms < 60_000 ? `${(ms / 1000).toFixed(1)}s` : formatDuration(ms));

function resultLines(run: TemplateRunView): string[] {
  const took = run.finishedAt ? ` in ${seconds(Date.parse(run.finishedAt) - Date.parse(run.createdAt))}` : '';
  if (run.status !== 'succeeded') return [`✖ Run ${run.status}${took}: ${run.error || 'see the steps above'}`];
  const output = outputOf(run);
  const links = (output.links ?? []).map((l) => `  ${l.title ?? 'Link'}: ${l.url ?? l.entityRef ?? ''}`);
  const entity = output.entityRef ? [`Created ${output.entityRef}.`] : [];
  return [`✔ Run succeeded${took}.`, ...links, ...entity];
}
