import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { SlipwayError, secretNameProblem, secretValueProblem } from '@slipway/core';
import type { Command } from 'commander';
import type { SecretVariableView } from '../client.ts';
import { contextOf } from '../context.ts';
import { emit, formatTable, formatTime } from '../output.ts';

interface SetOptions {
  env?: string;
  fromFile?: string;
}

/**
 * Secret variables: values a Score file reads as ${secrets.NAME}, per service and environment.
 * A value is never taken from the command line (it would stay in the shell's history and
 * in the process list): it is read from standard input, typed without echo, or from a file.
 */
export function registerSecretCommands(program: Command): void {
  const secret = program
    .command('secret')
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the placeholder as Score files write it
    .description('Manage secret variables: values Score files read as ${secrets.NAME}, kept encrypted by Slipway')
    .addHelpText(
      'after',
      `
Examples:
  $ slipway secret set shop DB_PASSWORD --env production < password.txt
  $ slipway secret set shop API_KEY --from-file api-key.txt
  $ slipway secret list shop
  $ slipway secret delete shop DB_PASSWORD --env production

A value set without --env is for every environment that has none of its own. Values are
never shown again; a change takes effect on the service's next deploy.`,
    );

  secret
    .command('set')
    .description('Set a secret variable of a service, for one environment or for all')
    .argument('<service>', 'the service')
    .argument('<name>', 'the variable, e.g. DB_PASSWORD (letters, digits and _)')
    .option('--env <environment>', 'set it for this environment only')
    .option('--from-file <path>', 'read the value from this file, exactly as it is')
    .allowExcessArguments(true)
    .addHelpText(
      'after',
      `
The value is read from --from-file, or else from standard input: piped (one trailing newline
is dropped, so \`echo\` works), or typed at the prompt without being shown. It is never
accepted as an argument, which would keep it in your shell history.

Examples:
  $ slipway secret set shop DB_PASSWORD --env production
  $ printf %s "$TOKEN" | slipway secret set shop API_TOKEN
  $ slipway secret set shop TLS_KEY --from-file tls.key`,
    )
    .action(async (service: string, name: string, options: SetOptions, command: Command) => {
      if (command.args.length > 2) {
        throw new SlipwayError('invalid_input', 'The value is not taken from the command line', {
          hint: `It would be kept in your shell history. Pipe it in (slipway secret set ${service} ${name} < file) or use --from-file.`,
        });
      }
      checkName(name);
      const value = options.fromFile ? await readValueFile(options.fromFile) : await readValue(name);
      const problem = secretValueProblem(value);
      if (problem) throw new SlipwayError('invalid_input', `The value ${problem}`);
      const ctx = contextOf(command);
      const set = await ctx
        .authenticated()
        .setSecret(service, name, { value, ...(options.env ? { environment: options.env } : {}) });
      emit(ctx.output, { secret: set }, () => [
        `Set ${name} of ${service} ${scopeOf(set)} (version ${set.version}). It takes effect on the next deploy.`,
      ]);
    });

  secret
    .command('list')
    .alias('ls')
    .description("List a service's secret variables: names and where they apply, never values")
    .argument('<service>', 'the service')
    .addHelpText('after', '\nExamples:\n  $ slipway secret list shop\n  $ slipway secret list shop -o json')
    .action(async (service: string, _options: unknown, command: Command) => {
      const ctx = contextOf(command);
      const items = await ctx.authenticated().listSecrets(service);
      emit(ctx.output, { items }, () =>
        items.length === 0 ? [`${service} has no secret variables.`] : secretTable(items),
      );
    });

  secret
    .command('delete')
    .alias('rm')
    .description('Delete a secret variable')
    .argument('<service>', 'the service')
    .argument('<name>', 'the variable')
    .option('--env <environment>', "delete the environment's own value (without: the service-wide one)")
    .addHelpText(
      'after',
      `
Running workloads keep the value until their next deploy; a deploy that reads a deleted
variable fails (with an environment's own value deleted, it reads the service-wide one).

Examples:
  $ slipway secret delete shop DB_PASSWORD --env production`,
    )
    .action(async (service: string, name: string, options: { env?: string }, command: Command) => {
      checkName(name);
      const ctx = contextOf(command);
      await ctx.authenticated().deleteSecret(service, name, options.env);
      const scope = options.env ? `in ${options.env}` : 'for every environment';
      emit(ctx.output, { deleted: { service, name, environment: options.env ?? null } }, () => [
        `Deleted ${name} of ${service} ${scope}.`,
      ]);
    });
}

function checkName(name: string): void {
  const problem = secretNameProblem(name);
  if (problem) throw new SlipwayError('invalid_input', `The secret variable name "${name}" ${problem}`);
}

async function readValueFile(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new SlipwayError('invalid_input', `Cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? error}`);
  }
}

/** The value from standard input: typed without echo at a terminal, else piped (one trailing newline dropped). */
async function readValue(name: string): Promise<string> {
  if (process.stdin.isTTY) return promptHidden(`Value for ${name} (not shown): `);
  let text = '';
  for await (const chunk of process.stdin.setEncoding('utf8')) text += chunk;
  return text.replace(/\r?\n$/, '');
}

/** Reads one line from the terminal without showing it: readline writes its echo nowhere. */
function promptHidden(prompt: string): Promise<string> {
  process.stderr.write(prompt);
  const silent = new Writable({ write: (_chunk, _encoding, done) => done() });
  const rl = createInterface({ input: process.stdin, output: silent, terminal: true });
  return new Promise((resolve) => {
    let answered = false;
    rl.once('line', (line) => {
      answered = true;
      rl.close();
      resolve(line);
    });
    rl.once('close', () => {
      process.stderr.write('\n');
      if (!answered) resolve('');
    });
    // Raw mode turns Ctrl-C into a key press: honour it as the interrupt it means.
    rl.once('SIGINT', () => {
      rl.close();
      process.exit(130);
    });
  });
}

function scopeOf(v: SecretVariableView): string {
  return v.environment ? `in ${v.environment}` : 'for every environment';
}

function secretTable(items: SecretVariableView[]): string[] {
  const rows = items.map((v) => [
    v.name,
    v.environment ?? '* (all)',
    String(v.version),
    v.updatedBy,
    formatTime(v.updatedAt, '-'),
  ]);
  return formatTable(['NAME', 'ENVIRONMENT', 'VERSION', 'UPDATED BY', 'UPDATED'], rows);
}
