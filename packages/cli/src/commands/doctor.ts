import { type CheckResult, type CheckStatus, overallStatus, SlipwayError } from '@slipway/core';
import type { Command } from 'commander';
import { SlipwayClient, type Whoami } from '../client.ts';
import { describeTokenSource, type Settings } from '../config.ts';
import { contextOf } from '../context.ts';
import { ExitCode, ExitWith } from '../exit-codes.ts';
import { emit, formatChecks } from '../output.ts';

/** The report: checks that ran, in order, and those that could not run because an earlier one failed. */
export interface DoctorReport {
  status: CheckStatus;
  checks: CheckResult[];
  skipped?: string[];
}

/** The parts the server's own /doctor reports on. */
const serverParts = ['server', 'database', 'cluster'];

export function registerDoctorCommand(program: Command): void {
  program
    .command('doctor')
    .description('Check that the server answers, the token works, and the server, database and cluster are healthy')
    .addHelpText(
      'after',
      `
Checks, in order: connection (the server answers), token (it is accepted), then the server's
own checks: server, database and cluster. A check that fails says why and what to do.
Exits 0 when every check is ok, 1 when any warns or fails.

Examples:
  $ slipway doctor
  $ slipway doctor --server http://127.0.0.1:7420 -o json`,
    )
    .action(async (_options: unknown, command: Command) => {
      const ctx = contextOf(command);
      const report = await diagnose(ctx.settings);
      emit(ctx.output, report, () => describe(report));
      if (report.status !== 'ok') throw new ExitWith(ExitCode.failed);
    });
}

/** Runs the checks in order; each needs the one before it to pass. */
export async function diagnose(settings: Settings): Promise<DoctorReport> {
  if (!settings.server) {
    return report([notConfigured('connection', 'No Slipway server is configured')], ['token', ...serverParts]);
  }
  const client = new SlipwayClient({
    server: settings.server,
    token: settings.token,
    tokenSource: describeTokenSource(settings),
  });
  const connection = await connectionCheck(client);
  if (connection.status === 'fail') return report([connection], ['token', ...serverParts]);
  const token = settings.token ? await tokenCheck(client) : notConfigured('token', 'No API token is configured');
  if (token.status === 'fail') return report([connection, token], serverParts);
  const remote = await serverChecks(client);
  return report([connection, token, ...remote.checks], remote.skipped);
}

function report(checks: CheckResult[], skipped: string[] = []): DoctorReport {
  return { status: overallStatus(checks), checks, ...(skipped.length > 0 ? { skipped } : {}) };
}

function notConfigured(name: string, message: string): CheckResult {
  const hint = 'Sign in with `slipway login --server URL --token TOKEN`, or pass --server and --token.';
  return { name, status: 'fail', message, hint };
}

async function connectionCheck(client: SlipwayClient): Promise<CheckResult> {
  const started = performance.now();
  try {
    await client.healthz();
    const ms = Math.round(performance.now() - started);
    return { name: 'connection', status: 'ok', message: `Slipway answers at ${client.server} (${ms} ms)` };
  } catch (error) {
    return failed('connection', error);
  }
}

async function tokenCheck(client: SlipwayClient): Promise<CheckResult> {
  try {
    return tokenResult(await client.whoami());
  } catch (error) {
    return failed('token', error);
  }
}

const soonMs = 7 * 86_400_000;

function tokenResult(me: Whoami): CheckResult {
  const { token } = me;
  const message = `Signed in as ${me.user.username} with token "${token.name}" (scopes ${token.scopes.join(', ')})`;
  const expiresAt = token.expiresAt ? Date.parse(token.expiresAt) : Number.POSITIVE_INFINITY;
  if (expiresAt - Date.now() > soonMs) return { name: 'token', status: 'ok', message };
  return {
    name: 'token',
    status: 'warn',
    message: `${message}; it expires at ${token.expiresAt}`,
    hint: 'Create a new token before then: slipway token create NAME',
  };
}

/** The server's own checks; if it cannot run them, that is the server failing. */
async function serverChecks(client: SlipwayClient): Promise<{ checks: CheckResult[]; skipped: string[] }> {
  try {
    return { checks: (await client.doctor()).checks, skipped: [] };
  } catch (error) {
    return { checks: [failed('server', error)], skipped: serverParts.slice(1) };
  }
}

function failed(name: string, error: unknown): CheckResult {
  if (!(error instanceof SlipwayError)) throw error;
  return { name, status: 'fail', message: error.message, ...(error.hint ? { hint: error.hint } : {}) };
}

function describe(report: DoctorReport): string[] {
  const lines = formatChecks(report.checks);
  const blocker = report.checks.at(-1)?.name;
  if (report.skipped) {
    lines.push(`- The remaining checks (${report.skipped.join(', ')}) could not run because ${blocker} failed.`);
  }
  return [...lines, '', summary(report)];
}

function summary(report: DoctorReport): string {
  const named = (status: CheckStatus) => report.checks.filter((c) => c.status === status).map((c) => c.name);
  const [fails, warns] = [named('fail'), named('warn')];
  if (fails.length === 0 && warns.length === 0) return `All ${report.checks.length} checks passed.`;
  const parts = [];
  if (fails.length > 0) parts.push(`failed: ${fails.join(', ')}`);
  if (warns.length > 0) parts.push(`warnings: ${warns.join(', ')}`);
  return `Slipway is not healthy (${parts.join('; ')}).`;
}
