import { SlipwayError } from '@slipway/core';
import type { Command } from 'commander';
import { SlipwayClient } from './client.ts';
import { describeTokenSource, resolveSettings, type Settings } from './config.ts';
import type { OutputFormat } from './output.ts';

/** The options every command accepts (declared once, on the root command). */
export interface GlobalOptions {
  server?: string;
  token?: string;
  output: OutputFormat;
}

/** What a command's action works with: merged settings, the output format and API clients. */
export interface Context {
  output: OutputFormat;
  settings: Settings;
  /** A client that needs only the server URL (public routes). */
  anonymous(): SlipwayClient;
  /** A client that signs requests with the token; throws "not signed in" without one. */
  authenticated(): SlipwayClient;
}

export function contextOf(command: Command): Context {
  const globals = command.optsWithGlobals<GlobalOptions>();
  const settings = resolveSettings(globals);
  return {
    output: globals.output,
    settings,
    anonymous: () => new SlipwayClient({ server: requireServer(settings) }),
    authenticated: () =>
      new SlipwayClient({
        server: requireServer(settings),
        token: requireToken(settings),
        tokenSource: describeTokenSource(settings),
      }),
  };
}

const signInHint =
  'Sign in with `slipway login --server URL --username NAME` (or --token TOKEN), or pass --server and --token.';

export function requireServer(settings: Settings): string {
  if (settings.server) return settings.server;
  throw new SlipwayError('unauthenticated', 'Not signed in: no Slipway server is configured', { hint: signInHint });
}

export function requireToken(settings: Settings): string {
  if (settings.token) return settings.token;
  throw new SlipwayError('unauthenticated', 'Not signed in: no API token is configured', { hint: signInHint });
}
