import { readFileSync } from 'node:fs';
import { SlipwayError } from '@slipway/core';
import type { Command } from 'commander';
import { SlipwayClient, type Whoami } from '../client.ts';
import { readConfig, type Settings, writeConfig } from '../config.ts';
import { contextOf } from '../context.ts';
import { emit } from '../output.ts';

/** login, logout and whoami: how the CLI knows which server to talk to, and as whom. */
export function registerAuthCommands(program: Command): void {
  program
    .command('login')
    .description('Sign in to a Slipway server: checks the token, then saves the server URL and token')
    .option('--token-file <path>', 'read the token from a file (- for standard input), keeping it out of shell history')
    .addHelpText(
      'after',
      `
The token is checked with the server before anything is saved. The first admin token is in the
file the server names when it starts (initial-admin-token).

Examples:
  $ slipway login --server http://127.0.0.1:7420 --token-file .slipway/initial-admin-token
  $ slipway login --server https://slipway.example.com --token slw_...
  $ echo "$TOKEN" | slipway login --server https://slipway.example.com --token-file -`,
    )
    .action(login);

  program
    .command('logout')
    .description('Forget the saved token (the server URL is kept for the next login)')
    .option('--revoke', 'also revoke the token on the server, so nobody can use it again')
    .addHelpText('after', '\nExamples:\n  $ slipway logout\n  $ slipway logout --revoke')
    .action(logout);

  program
    .command('whoami')
    .description('Show the signed-in user and the token in use')
    .addHelpText('after', '\nExamples:\n  $ slipway whoami\n  $ slipway whoami -o json')
    .action(whoami);
}

async function login(options: { tokenFile?: string }, command: Command): Promise<void> {
  const ctx = contextOf(command);
  const server = ctx.settings.server;
  if (!server) throw usage('login needs the server URL: --server URL', 'For example: --server http://127.0.0.1:7420');
  const token = loginToken(options, ctx.settings);
  const me = await verify(new SlipwayClient({ server, token }));
  writeConfig(ctx.settings.configFile, { server, token });
  emit(ctx.output, { server, ...me, configFile: ctx.settings.configFile }, () => [
    `Signed in to ${server} as ${me.user.username} (token "${me.token.name}", scopes ${me.token.scopes.join(', ')}).`,
    `Saved to ${ctx.settings.configFile}.`,
  ]);
}

/** The token to sign in with: a file, --token or SLIPWAY_TOKEN; never the one already saved. */
function loginToken(options: { tokenFile?: string }, settings: Settings): string {
  if (options.tokenFile && settings.tokenSource === 'flag') {
    throw usage('Pass either --token or --token-file, not both');
  }
  if (options.tokenFile) return readTokenFile(options.tokenFile);
  if (settings.token && settings.tokenSource !== 'file') return settings.token;
  throw usage(
    'login needs a token: --token TOKEN or --token-file PATH',
    'The first admin token is in the file the server names when it starts; `slipway token create` makes more.',
  );
}

function readTokenFile(path: string): string {
  let text: string;
  try {
    text = readFileSync(path === '-' ? 0 : path, 'utf8');
  } catch (error) {
    throw usage(`Cannot read the token file ${path}: ${(error as Error).message}`);
  }
  const token = text.trim();
  if (!token) throw usage(`The token file ${path} is empty`);
  return token;
}

/** Asks the server who the token belongs to; a refusal says what to do in login's terms. */
async function verify(client: SlipwayClient): Promise<Whoami> {
  try {
    return await client.whoami();
  } catch (error) {
    if (!(error instanceof SlipwayError) || error.code !== 'unauthenticated') throw error;
    throw new SlipwayError('unauthenticated', `The server at ${client.server} refused the token: ${error.message}`, {
      hint: 'Check that you copied the whole token (it starts with slw_). Nothing was saved.',
    });
  }
}

async function logout(options: { revoke?: boolean }, command: Command): Promise<void> {
  const ctx = contextOf(command);
  const file = ctx.settings.configFile;
  const stored = readConfig(file);
  if (!stored.token) {
    emit(ctx.output, { signedOut: false }, () => ['Not signed in; nothing to do.']);
    return;
  }
  const revoked = options.revoke && stored.server ? await revokeOwnToken(stored.server, stored.token) : undefined;
  writeConfig(file, stored.server ? { server: stored.server } : {});
  emit(ctx.output, { signedOut: true, revoked: revoked ?? null, configFile: file }, () => [
    `Signed out: removed the token from ${file}.`,
    revoked
      ? `Revoked token "${revoked.name}" (${revoked.id}) on the server.`
      : 'The token was not revoked and works until it expires (`slipway logout --revoke` revokes it too).',
  ]);
}

async function revokeOwnToken(server: string, token: string): Promise<{ id: string; name: string }> {
  const client = new SlipwayClient({ server, token });
  const me = await client.whoami();
  await client.revokeToken(me.token.id);
  return { id: me.token.id, name: me.token.name };
}

async function whoami(_options: unknown, command: Command): Promise<void> {
  const ctx = contextOf(command);
  const client = ctx.authenticated();
  const me = await client.whoami();
  emit(ctx.output, { server: client.server, ...me }, () => [
    `user:     ${me.user.username} (${me.user.id})`,
    `token:    ${me.token.name} (${me.token.id})`,
    `scopes:   ${me.token.scopes.join(', ')}`,
    `expires:  ${me.token.expiresAt ?? 'never'}`,
    `server:   ${client.server}`,
  ]);
}

function usage(message: string, hint?: string): SlipwayError {
  return new SlipwayError('invalid_input', message, hint ? { hint } : {});
}
