import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { SlipwayError } from '@slipway/core';
import type { Command } from 'commander';
import { stringify } from 'yaml';
import type { ProvisionerList, ProvisionersFile, ProvisionerTestAnswer, ProvisionerView } from '../client.ts';
import { contextOf } from '../context.ts';
import { emit, formatTable } from '../output.ts';
import { readScore } from './deploy.ts';

interface TestOptions {
  file: string;
  env: string;
  service?: string;
  image?: string;
  objects?: boolean;
}

/**
 * Provisioners: what serves each resource type. Platform engineers check a file and try it on a
 * Score file against an environment before putting it in place, then reload without a restart.
 */
export function registerProvisionerCommands(program: Command): void {
  const provisioner = program
    .command('provisioner')
    .alias('provisioners')
    .description('List resource provisioners; check and try a provisioners file before it is put in place')
    .addHelpText(
      'after',
      `
Examples:
  $ slipway provisioner list
  $ slipway provisioner check redis.provisioners.yaml
  $ slipway provisioner test redis.provisioners.yaml -f score.yaml --env dev
  $ slipway provisioner reload`,
    );

  provisioner
    .command('list')
    .alias('ls')
    .description("List provisioners: the platform's own first (they win a match), then the built-in ones")
    .addHelpText('after', '\nExamples:\n  $ slipway provisioner list\n  $ slipway provisioner list -o json')
    .action(async (_options: unknown, command: Command) => {
      const ctx = contextOf(command);
      const answer = await ctx.authenticated().listProvisioners();
      emit(ctx.output, answer, () => listLines(answer));
    });

  provisioner
    .command('check')
    .description('Check a provisioners file as the server would load it (ours or score-k8s); nothing is saved')
    .argument('<file>', 'the provisioners YAML file')
    .addHelpText(
      'after',
      `
Exits 0 when the file loads, 2 with every problem (field path and line) when it does not.

Examples:
  $ slipway provisioner check 10-redis.provisioners.yaml`,
    )
    .action(async (file: string, _options: unknown, command: Command) => {
      const ctx = contextOf(command);
      const answer = await ctx.authenticated().checkProvisioners(readProvisioners(file));
      emit(ctx.output, answer, () => [
        `${file}: ${answer.items.length} provisioner${answer.items.length === 1 ? '' : 's'}, all valid`,
        '',
        ...provisionerTable(answer.items),
      ]);
    });

  provisioner
    .command('test')
    .description('Render a Score file for an environment with a provisioners file tried first; nothing is saved')
    .argument('<file>', 'the provisioners YAML file')
    .option('-f, --file <path>', 'the Score file (- reads standard input)', 'score.yaml')
    .requiredOption('--env <name>', 'the environment to render for')
    .option('--service <name>', "the service's name (default: the Score file's metadata.name)")
    .option('--image <image>', "the image of containers whose image is '.'")
    .option('--objects', 'also print every object a deploy would apply, as YAML (Secret values hidden)')
    .addHelpText(
      'after',
      `
The file's provisioners are matched before the platform's own, as if the file were first in
provisioners.files. Shows which provisioner serves each resource and its outputs (secret
outputs hidden); with --objects, the Kubernetes objects a deploy would apply.

Examples:
  $ slipway provisioner test redis.provisioners.yaml -f score.yaml --env dev
  $ slipway provisioner test redis.provisioners.yaml -f score.yaml --env dev --objects`,
    )
    .action(async (file: string, options: TestOptions, command: Command) => {
      const ctx = contextOf(command);
      const score = readScore(options.file);
      const answer = await ctx.authenticated().testProvisioners({
        provisioners: readProvisioners(file),
        environment: options.env,
        workload: score.text,
        ...(options.service ? { service: options.service } : {}),
        ...(options.image ? { image: options.image } : {}),
        ...(Object.keys(score.files).length > 0 ? { files: score.files } : {}),
      });
      emit(ctx.output, answer, () => testLines(answer, options));
    });

  provisioner
    .command('reload')
    .description('Read the provisioner files again on every replica, without a restart')
    .addHelpText(
      'after',
      `
All or nothing: if a file does not load, the provisioners in use stay and the error is shown.
Slipway also reads the files again by itself when they change (provisioners.watch).

Examples:
  $ slipway provisioner reload`,
    )
    .action(async (_options: unknown, command: Command) => {
      const ctx = contextOf(command);
      const answer = await ctx.authenticated().reloadProvisioners();
      const { count, files } = answer.files;
      emit(ctx.output, answer, () => [
        answer.changed
          ? `Reloaded: ${count} provisioner${count === 1 ? '' : 's'} from ${files.length} file${files.length === 1 ? '' : 's'}`
          : `Unchanged: the files are as last read (${count} provisioner${count === 1 ? '' : 's'})`,
      ]);
    });
}

function readProvisioners(file: string): ProvisionersFile {
  try {
    return { name: basename(file), content: readFileSync(file, 'utf8') };
  } catch (error) {
    throw new SlipwayError('invalid_input', `Cannot read the provisioners file ${file}: ${(error as Error).message}`);
  }
}

function listLines(answer: ProvisionerList): string[] {
  const { files } = answer;
  const lines = provisionerTable(answer.items);
  lines.push('', `files: ${files.files.length ? files.files.join(', ') : 'none'} (read ${files.loadedAt})`);
  if (files.lastError) lines.push(`last reload failed at ${files.lastError.at}: ${files.lastError.message}`);
  return lines;
}

function provisionerTable(items: readonly ProvisionerView[]): string[] {
  const rows = items.map((p) => [
    p.id,
    p.kind,
    p.source,
    [p.match.type, p.match.class, p.match.id].filter(Boolean).join('/'),
    p.outputs.join(',') || '-',
  ]);
  return formatTable(['ID', 'KIND', 'SOURCE', 'MATCHES', 'OUTPUTS'], rows);
}

function testLines(answer: ProvisionerTestAnswer, options: TestOptions): string[] {
  const rows = answer.resources.map((r) => [
    r.name,
    r.class === 'default' ? r.type : `${r.type}/${r.class}`,
    r.provisioner,
    r.source,
    Object.entries(r.outputs)
      .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
      .join(' ') || '-',
  ]);
  const lines = [
    ...(answer.resources.length
      ? formatTable(['RESOURCE', 'TYPE', 'PROVISIONER', 'FROM', 'OUTPUTS'], rows)
      : ['The workload requests no resources.']),
    '',
    `${answer.objects.length} object${answer.objects.length === 1 ? '' : 's'} would be applied to ${options.env}${options.objects ? ':' : ' (--objects shows them)'}`,
  ];
  if (options.objects) for (const o of answer.objects) lines.push('---', ...stringify(o).trimEnd().split('\n'));
  for (const warning of answer.warnings) lines.push(`warning: ${warning}`);
  return lines;
}
