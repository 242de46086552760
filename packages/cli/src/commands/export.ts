import { existsSync, mkdirSync, readdirSync, readFileSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { exportHeader, kustomizationFile, SlipwayError } from '@slipway/core';
import type { Command } from 'commander';
import { parse } from 'yaml';
import type { EnvironmentExport } from '../client.ts';
import { contextOf } from '../context.ts';
import { emit } from '../output.ts';

interface ExportOptions {
  env: string;
  out?: string;
  includeSecrets?: boolean;
}

type Answer = EnvironmentExport;

/**
 * `slipway export`: an environment's objects as files for Argo CD, Flux or `kubectl apply -k`.
 * Without --out, one YAML stream on standard output; with it, a folder that a later export
 * replaces (only the files the earlier one wrote are removed, so a README or CI file stays).
 */
export function registerExportCommand(program: Command): void {
  program
    .command('export')
    .description('Write the objects Slipway applies to an environment as YAML files, for a GitOps tool')
    .requiredOption('--env <environment>', 'the environment')
    .option('--out <dir>', 'write a folder: kustomization.yaml and one file per object (else: YAML on stdout)')
    .option('--include-secrets', 'also write Secrets with their values (needs the right to manage the environment)')
    .addHelpText(
      'after',
      `
Per service it writes the newest release that reached the cluster and did not fail, and the
environment's own Namespace, NetworkPolicy and quota. Secrets are left out unless asked for.

Examples:
  $ slipway export --env staging --out gitops/staging
  $ kubectl diff -k gitops/staging        # nothing: the files are what Slipway applied
  $ slipway export --env staging | kubectl apply --dry-run=server -f -`,
    )
    .action(async (options: ExportOptions, command: Command) => {
      const ctx = contextOf(command);
      const answer = await ctx.authenticated().exportEnvironment(options.env, {
        includeSecrets: options.includeSecrets === true,
      });
      for (const o of answer.omitted) {
        process.stderr.write(`left out: ${o.service}'s ${o.kind} ${o.name} (${o.reason})\n`);
      }
      if (answer.hiddenServices > 0) {
        process.stderr.write(`left out: ${answer.hiddenServices} service(s) you may not read\n`);
      }
      if (!options.out) {
        if (ctx.output === 'json') emit('json', answer, () => []);
        else process.stdout.write(yamlStream(answer));
        return;
      }
      const dir = resolve(options.out);
      writeExport(dir, answer.files);
      emit(ctx.output, { ...answer, files: answer.files.map((f) => f.path), out: dir }, () => summary(answer, dir));
    });
}

/** Every object's file as one stream (the kustomization is for folders only). */
function yamlStream(answer: Answer): string {
  return answer.files
    .filter((f) => f.path !== kustomizationFile)
    .map((f) => `---\n# ${f.path}\n${f.content}`)
    .join('');
}

function summary(answer: Answer, dir: string): string[] {
  const releases = answer.releases.map((r) => `${r.service} #${r.number}`).join(', ');
  return [
    `Wrote ${answer.files.length} files to ${relative(process.cwd(), dir) || '.'}: ` +
      `environment ${answer.environment}${releases ? `, ${releases}` : ', no releases yet'}.`,
    `Apply with: kubectl apply -k ${relative(process.cwd(), dir) || '.'}`,
  ];
}

/**
 * Writes the files into `dir`, which must be missing, empty, or an earlier export (its
 * kustomization starts with Slipway's header): then the files that export listed go first.
 */
function writeExport(dir: string, files: ReadonlyArray<{ path: string; content: string }>): void {
  removeEarlierExport(dir);
  for (const file of files) {
    const target = resolve(dir, file.path);
    // The server names the files; still, nothing is written outside the folder asked for.
    if (!target.startsWith(dir + sep))
      throw new SlipwayError('internal', `Refusing to write outside ${dir}: ${file.path}`);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, file.content);
  }
}

function removeEarlierExport(dir: string): void {
  if (!existsSync(dir) || readdirSync(dir).length === 0) return;
  const kustomization = join(dir, kustomizationFile);
  const text = existsSync(kustomization) ? readFileSync(kustomization, 'utf8') : '';
  if (!text.startsWith(exportHeader)) {
    throw new SlipwayError('conflict', `${dir} holds files that are not an earlier export`, {
      hint: 'Export into a new or empty folder, or one an earlier slipway export wrote',
    });
  }
  const listed = (parse(text) as { resources?: unknown }).resources;
  for (const path of Array.isArray(listed) ? listed : []) {
    const target = resolve(dir, String(path));
    if (!target.startsWith(dir + sep)) continue;
    rmSync(target, { force: true });
    removeIfEmpty(dirname(target), dir);
  }
  rmSync(kustomization);
}

function removeIfEmpty(folder: string, root: string): void {
  if (folder !== root && existsSync(folder) && readdirSync(folder).length === 0) rmdirSync(folder);
}
