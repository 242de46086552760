import { resolve } from 'node:path';
import { SlipwayError, slipwayVersion } from '@slipway/core';
import { Command, CommanderError, Option } from 'commander';
import { enterCallerFolder } from './caller-folder.ts';
import { registerAccessCommands } from './commands/access.ts';
import { registerApprovalCommands } from './commands/approvals.ts';
import { registerAuditCommands } from './commands/audit.ts';
import { registerAuthCommands } from './commands/auth.ts';
import { registerCatalogCommands } from './commands/catalog.ts';
import { registerClusterCommands } from './commands/cluster.ts';
import { registerCreateCommand } from './commands/create.ts';
import { registerDeployCommand } from './commands/deploy.ts';
import { registerDiffCommand } from './commands/diff.ts';
import { registerDoctorCommand } from './commands/doctor.ts';
import { registerDoraCommand } from './commands/dora.ts';
import { registerEnvCommands } from './commands/env.ts';
import { registerEnvTypeCommands } from './commands/env-type.ts';
import { registerExportCommand } from './commands/export.ts';
import { registerFreezeCommands } from './commands/freeze.ts';
import { registerLogsCommands } from './commands/logs.ts';
import { registerMetricsCommand } from './commands/metrics.ts';
import { registerNotifyCommands } from './commands/notify.ts';
import { registerPolicyCommands } from './commands/policy.ts';
import { registerPreviewCommands } from './commands/preview.ts';
import { registerPromoteCommand } from './commands/promote.ts';
import { registerProvisionerCommands } from './commands/provisioner.ts';
import { registerReleasesCommand } from './commands/releases.ts';
import { registerRollbackCommand } from './commands/rollback.ts';
import { registerScorecardCommands } from './commands/scorecard.ts';
import { registerSecretCommands } from './commands/secret.ts';
import { registerStatusCommand } from './commands/status.ts';
import { registerTemplateCommands } from './commands/templates.ts';
import { registerTokenCommands } from './commands/token.ts';
import { registerUserCommands } from './commands/user.ts';
import { registerVersionCommand } from './commands/version.ts';
import { ExitCode, ExitWith, exitCodeFor, exitCodesHelp } from './exit-codes.ts';
import { type OutputFormat, outputFormats, printError } from './output.ts';

const rootHelp = `
Examples:
  $ slipway login --server http://127.0.0.1:7420 --username admin
  $ slipway doctor
  $ slipway env create dev --type development
  $ slipway deploy -f score.yaml --env dev --wait
  $ slipway status web --env dev
  $ slipway promote web --from dev --to staging --wait
  $ slipway rollback web --env dev --wait
  $ slipway env clone staging pr-42 --type preview --ttl 3d
  $ slipway secret set web DB_PASSWORD --env production < password.txt
  $ slipway token create ci --scope read
  $ slipway user create ana --display-name "Ana Lima"
  $ slipway role grant developer --team payments --on team:payments
  $ slipway create --template node-service --set name=orders --dry-run
  $ slipway preview test --repo acme/shop --pr 7
  $ slipway whoami -o json

Settings: --server and --token win over the environment variables SLIPWAY_SERVER and
SLIPWAY_TOKEN, which win over the login saved by \`slipway login\` in
\${XDG_CONFIG_HOME:-~/.config}/slipway/config.json (SLIPWAY_CONFIG_DIR changes the directory).

${exitCodesHelp}`;

/** The command tree. Settings made here before `.command()` are inherited by every subcommand. */
export function buildProgram(): Command {
  const program = new Command('slipway')
    .description(
      'Slipway command-line interface: deploy Score workloads and follow them, inspect, diff, promote and roll back ' +
        'releases, approve them, manage environments, clusters, secret variables, deploy freezes, users and API tokens, check the platform is healthy',
    )
    .version(slipwayVersion, '-V, --version', 'print the CLI version')
    .option('--server <url>', 'Slipway server URL (env SLIPWAY_SERVER)')
    .option('--token <token>', 'API token (env SLIPWAY_TOKEN); prefer `slipway login --token-file`')
    .addOption(new Option('-o, --output <format>', 'output format').choices(outputFormats).default('text'))
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)')
    .configureHelp({ showGlobalOptions: true, sortSubcommands: true })
    .addHelpText('after', rootHelp);
  registerAuthCommands(program);
  registerVersionCommand(program);
  registerDoctorCommand(program);
  registerTokenCommands(program);
  registerEnvCommands(program);
  registerDeployCommand(program);
  registerStatusCommand(program);
  registerLogsCommands(program);
  registerReleasesCommand(program);
  registerDiffCommand(program);
  registerRollbackCommand(program);
  registerPromoteCommand(program);
  registerScorecardCommands(program);
  registerDoraCommand(program);
  registerExportCommand(program);
  registerMetricsCommand(program);
  registerApprovalCommands(program);
  registerClusterCommands(program);
  registerEnvTypeCommands(program);
  registerProvisionerCommands(program);
  registerFreezeCommands(program);
  registerPolicyCommands(program);
  registerNotifyCommands(program);
  registerSecretCommands(program);
  registerAuditCommands(program);
  registerUserCommands(program);
  registerAccessCommands(program);
  registerCatalogCommands(program);
  registerCreateCommand(program);
  registerTemplateCommands(program);
  registerPreviewCommands(program);
  return program;
}

/** Runs the CLI and returns its exit code; errors are printed here, once, without stack traces. */
export async function run(argv: readonly string[]): Promise<number> {
  endQuietlyOnClosedPipe();
  const output = outputFormatIn(argv);
  try {
    await buildProgram().parseAsync([...argv], { from: 'user' });
    return ExitCode.ok;
  } catch (error) {
    return report(error, output);
  }
}

function report(error: unknown, output: OutputFormat): number {
  if (error instanceof ExitWith) return error.exitCode;
  if (error instanceof CommanderError) return commanderExit(error, output);
  if (error instanceof SlipwayError) {
    printError(error, output);
    return exitCodeFor(error.code);
  }
  printError(unexpected(error), output);
  if (process.env.SLIPWAY_DEBUG) console.error(error);
  return ExitCode.failed;
}

/** Commander has already printed its message to stderr; help and --version are successes. */
function commanderExit(error: CommanderError, output: OutputFormat): number {
  if (error.exitCode === 0) return ExitCode.ok;
  if (output === 'json') {
    const message = error.code === 'commander.help' ? 'A command is needed' : error.message.replace(/^error: /, '');
    printError(new SlipwayError('invalid_input', message, { hint: 'Run with --help for usage.' }), output);
  }
  return ExitCode.usage;
}

function unexpected(error: unknown): SlipwayError {
  const message = error instanceof Error ? error.message : String(error);
  return new SlipwayError('internal', `Unexpected error: ${message}`, {
    hint: 'This is a bug in the Slipway CLI; SLIPWAY_DEBUG=1 shows the details.',
  });
}

/**
 * The output format, read before commander parses, so that usage errors found by commander
 * can be reported as JSON too.
 */
function outputFormatIn(argv: readonly string[]): OutputFormat {
  const index = argv.findLastIndex((a) => a === '-o' || a === '--output');
  const inline = argv.findLast((a) => a.startsWith('--output=') || (a.startsWith('-o') && a.length > 2));
  const value = index >= 0 ? argv[index + 1] : inline?.replace(/^(--output=|-o)/, '');
  return value === 'json' ? 'json' : 'text';
}

/** `slipway token list | head` closes our stdout early; that is the reader's choice, not an error. */
function endQuietlyOnClosedPipe(): void {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? ExitCode.ok);
  });
}

const isEntryPoint = process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename);
if (isEntryPoint) {
  enterCallerFolder();
  process.exitCode = await run(process.argv.slice(2));
}
