import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { SlipwayError } from '@slipway/core';
import type { Command } from 'commander';
import { SlipwayClient, type Whoami } from '../client.ts';
import { readConfig, type Settings, writeConfig } from '../config.ts';
import { contextOf } from '../context.ts';
import { emit } from '../output.ts';
import { passwordFromStdin, promptPassword } from '../password.ts';

/** login, logout and whoami: how the CLI knows which server to talk to, and as whom. */
export function registerAuthCommands(program: Command): void {
  program
    .command('login')
    .description('Sign in to a Slipway server with a username and password, or a token; saves the server URL and token')
    .option('--token-file <path>', 'read the token from a file (- for standard input), keeping it out of shell history')
    .option(
      '--username <name>',
      'sign in with a password (asked for without echo): the server issues a token for this CLI',
    )
    .option('--password-stdin', 'with --username: read the password from standard input')
    .addHelpText(
      'after',
      `
With --username the server checks the password and issues an API token for this CLI (scopes
read and write, 30 days), which \`slipway logout\` revokes. With a token, it is checked with the
server before anything is saved. The first admin's password and token are in the files the
server names when it starts (initial-admin-password, initial-admin-token).

Examples:
  $ slipway login --server https://slipway.example.com --username alice
  $ slipway login --server http://127.0.0.1:7420 --username admin --password-stdin < .slipway/initial-admin-password
  $ slipway login --server http://127.0.0.1:7420 --token-file .slipway/initial-admin-token
  $ echo "$TOKEN" | slipway login --server https://slipway.example.com --token-file -`,
    )
    .action(login);

  program
    .command('logout')
    .description('Forget the saved token (the server URL is kept); a token issued by `login --username` is revoked too')
    .option('--revoke', 'also revoke a token given to `login --token`, so nobody can use it again')
    .addHelpText('after', '\nExamples:\n  $ slipway logout\n  $ slipway logout --revoke')
    .action(logout);

  program
    .command('whoami')
    .description('Show the signed-in user and the token in use')
    .addHelpText('after', '\nExamples:\n  $ slipway whoami\n  $ slipway whoami -o json')
    .action(whoami);
}

interface LoginOptions {
  tokenFile?: string;
  username?: string;
  passwordStdin?: boolean;
}

async function login(options: LoginOptions, command: Command): Promise<void> {
  const ctx = contextOf(command);
  const server = ctx.settings.server;
  if (!server) throw usage('login needs the server URL: --server URL', 'For example: --server http://127.0.0.1:7420');
  if (options.passwordStdin && !options.username) throw usage('--password-stdin goes with --username NAME');
  const issued = options.username ? await tokenForPassword(server, options, ctx.settings) : undefined;
  const token = issued?.secret ?? loginToken(options, ctx.settings);
  const me = await verify(new SlipwayClient({ server, token }));
  const previous = readConfig(ctx.settings.configFile);
  writeConfig(ctx.settings.configFile, issued ? { server, token, tokenId: issued.token.id } : { server, token });
  // A token an earlier `login --username` was issued is not left behind to pile up.
  if (previous.tokenId && previous.server === server && previous.token && previous.token !== token) {
    await revokeIssued(server, previous.token, previous.tokenId);
  }
  emit(ctx.output, { server, ...me, configFile: ctx.settings.configFile }, () => [
    `Signed in to ${server} as ${me.user.username} (token "${me.token.name}", scopes ${me.token.scopes.join(', ')}).`,
    `Saved to ${ctx.settings.configFile}.`,
  ]);
}

/** Has the server check the password and issue a token named for this machine and day. */
async function tokenForPassword(server: string, options: LoginOptions, settings: Settings) {
  if (options.tokenFile || settings.tokenSource === 'flag') {
    throw usage('Pass either --username or a token (--token, --token-file), not both');
  }
  const username = options.username ?? '';
  const password = options.passwordStdin ? passwordFromStdin() : await promptPassword(`Password for ${username}: `);
  const stamp = new Date().toISOString().slice(0, 19).replaceAll(/[-:]/g, '').replace('T', '-');
  const host =
    hostname()
      .replaceAll(/[^A-Za-z0-9._-]/g, '-')
      .slice(0, 60) || 'host';
  return new SlipwayClient({ server }).createTokenWithPassword({
    username,
    password,
    name: `cli-${host}-${stamp}`,
    expiresInDays: 30,
  });
}

/** The token to sign in with: a file, --token or SLIPWAY_TOKEN; never the one already saved. */
function loginToken(options: { tokenFile?: string }, settings: Settings): string {
  if (options.tokenFile && settings.tokenSource === 'flag') {
    throw usage('Pass either --token or --token-file, not both');
  }
  if (options.tokenFile) return readTokenFile(options.tokenFile);
  if (settings.token && settings.tokenSource !== 'file') return settings.token;
  throw usage(
    'login needs a username or a token: --username NAME, --token TOKEN or --token-file PATH',
    'The first admin password and token are in the files the server names when it starts; `slipway token create` makes more tokens.',
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
  let revoked: { id: string; name: string } | null = null;
  if (stored.server && stored.tokenId) revoked = await revokeIssued(stored.server, stored.token, stored.tokenId);
  else if (options.revoke && stored.server) revoked = await revokeOwnToken(stored.server, stored.token);
  writeConfig(file, stored.server ? { server: stored.server } : {});
  emit(ctx.output, { signedOut: true, revoked, configFile: file }, () => [
    `Signed out: removed the token from ${file}.`,
    revoked
      ? `Revoked token "${revoked.name}" (${revoked.id}) on the server.`
      : stored.tokenId
        ? 'The token no longer worked: nothing to revoke.'
        : 'The token was not revoked and works until it expires (`slipway logout --revoke` revokes it too).',
  ]);
}

/** Revokes a token `login --username` was issued; one that no longer works needs no revoking. */
async function revokeIssued(server: string, token: string, id: string): Promise<{ id: string; name: string } | null> {
  const client = new SlipwayClient({ server, token });
  try {
    const me = await client.whoami();
    await client.revokeToken(id);
    return { id, name: me.token.name };
  } catch (error) {
    if (error instanceof SlipwayError && error.code === 'unauthenticated') return null;
    throw error;
  }
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
    ...(me.access ? accessLines(me.access) : []),
  ]);
}

/** Teams and roles in one line each: `roles: developer of team alpha (via team:alpha)`. */
function accessLines(access: NonNullable<Whoami['access']>): string[] {
  const roles = access.roles.map((r) => {
    const where = r.scope.kind === 'global' ? 'everything' : `${r.scope.kind} ${r.scope.team ?? r.scope.service}`;
    const types = r.environmentTypes.length ? ` on ${r.environmentTypes.join(', ')}` : '';
    return `${r.role} of ${where}${types}${r.via === 'user' ? '' : ` (via ${r.via})`}`;
  });
  return [
    `teams:    ${access.teams.join(', ') || 'none'}`,
    `roles:    ${roles.join('; ') || 'none yet: ask an admin for a role binding'}`,
  ];
}

function usage(message: string, hint?: string): SlipwayError {
  return new SlipwayError('invalid_input', message, hint ? { hint } : {});
}
