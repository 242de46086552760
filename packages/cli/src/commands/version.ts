import { apiVersion, type ErrorBody, SlipwayError, slipwayVersion } from '@slipway/core';
import type { Command } from 'commander';
import type { VersionInfo } from '../client.ts';
import { type Context, contextOf } from '../context.ts';
import { emit } from '../output.ts';

type ServerVersion = (VersionInfo & { url: string }) | { url: string; error: ErrorBody } | null;

export function registerVersionCommand(program: Command): void {
  program
    .command('version')
    .description("Show this CLI's version, and the server's when it can be reached")
    .addHelpText('after', '\nExamples:\n  $ slipway version\n  $ slipway version -o json')
    .action(async (_options: unknown, command: Command) => {
      const ctx = contextOf(command);
      const server = await serverVersion(ctx);
      const client = { slipway: slipwayVersion, api: apiVersion };
      emit(ctx.output, { client, server }, () => [
        `client: slipway ${slipwayVersion} (API ${apiVersion})`,
        serverLine(server),
      ]);
    });
}

/** The server's version, or why there is none; `version` itself succeeds either way. */
async function serverVersion(ctx: Context): Promise<ServerVersion> {
  const url = ctx.settings.server;
  if (!url) return null;
  try {
    return { url, ...(await ctx.anonymous().version()) };
  } catch (error) {
    if (!(error instanceof SlipwayError)) throw error;
    return { url, error: error.toBody() };
  }
}

function serverLine(server: ServerVersion): string {
  if (!server) return 'server: none configured (sign in with `slipway login`, or pass --server URL)';
  if ('error' in server) return `server: unknown (${server.error.message})`;
  const mismatch = server.api === apiVersion ? '' : `; this CLI speaks API ${apiVersion}, so some commands may fail`;
  return `server: slipway ${server.slipway} (API ${server.api}) at ${server.url}${mismatch}`;
}
