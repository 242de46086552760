import { randomBytes } from 'node:crypto';
import { SlipwayError } from '@slipway/core';
import type { Command } from 'commander';
import type { UserView } from '../client.ts';
import { contextOf } from '../context.ts';
import { emit, formatTable, formatTime } from '../output.ts';
import { passwordFromStdin } from '../password.ts';

/** Local accounts, for admins: who can sign in, and who no longer may. */
export function registerUserCommands(program: Command): void {
  const user = program
    .command('user')
    .description('Manage user accounts (admins): list, show, create, change, disable and enable them')
    .addHelpText(
      'after',
      `
Examples:
  $ slipway user create ana --display-name "Ana Lima" --email ana@example.com
  $ slipway user create ci-bot --password-stdin < bot-password.txt
  $ slipway user list
  $ slipway user set ana --password-stdin < new-password.txt
  $ slipway user disable ana`,
    );

  user
    .command('show')
    .description('Show one user: names, how they sign in, whether they are enabled')
    .argument('<username>', 'the user')
    .addHelpText('after', '\nExamples:\n  $ slipway user show ana\n  $ slipway user show ana -o json')
    .action(show);

  user
    .command('list')
    .alias('ls')
    .description('List every user, disabled ones included')
    .addHelpText('after', '\nExamples:\n  $ slipway user list\n  $ slipway user list -o json')
    .action(list);

  user
    .command('create')
    .description('Create a local account; without --password-stdin a password is made up and printed once')
    .argument('<username>', 'the name they sign in with, e.g. ana')
    .option('--display-name <text>', 'a name for people')
    .option('--email <address>', 'their e-mail address')
    .option('--password-stdin', 'read their password from standard input (at least 12 characters)')
    .option('--no-password', 'no password at all: they sign in through the identity provider (OIDC)')
    .addHelpText(
      'after',
      `
The account holds no role yet: add it to a team (slipway team add TEAM USER) or grant it one
(slipway role grant ROLE --user USER --on SCOPE).

Examples:
  $ slipway user create ana
  $ slipway user create ana --display-name "Ana Lima" --email ana@example.com
  $ slipway user create ci-bot --password-stdin < bot-password.txt
  $ slipway user create bea --no-password`,
    )
    .action(create);

  user
    .command('set')
    .description("Change a user's display name, e-mail or password (a new password signs them out nowhere else)")
    .argument('<username>', 'the user')
    .option('--display-name <text>', 'a name for people')
    .option('--email <address>', 'their e-mail address')
    .option('--password-stdin', 'read a new password from standard input (at least 12 characters)')
    .addHelpText(
      'after',
      `
Examples:
  $ slipway user set ana --display-name "Ana Lima-Souza"
  $ slipway user set ana --password-stdin < new-password.txt`,
    )
    .action(set);

  user
    .command('disable')
    .description('Disable a user: they are signed out everywhere and their API tokens stop working')
    .argument('<username>', 'the user')
    .addHelpText('after', '\nExamples:\n  $ slipway user disable ana')
    .action((username: string, _options: unknown, command: Command) => setDisabled(username, true, command));

  user
    .command('enable')
    .description('Enable a disabled user again; they sign in anew (old sessions stay ended)')
    .argument('<username>', 'the user')
    .addHelpText('after', '\nExamples:\n  $ slipway user enable ana')
    .action((username: string, _options: unknown, command: Command) => setDisabled(username, false, command));
}

async function list(_options: unknown, command: Command): Promise<void> {
  const ctx = contextOf(command);
  const items = await ctx.authenticated().listUsers();
  emit(ctx.output, { items }, () => (items.length === 0 ? ['No users.'] : userTable(items)));
}

async function show(username: string, _options: unknown, command: Command): Promise<void> {
  const ctx = contextOf(command);
  const found = await ctx.authenticated().getUser(username);
  emit(ctx.output, { user: found }, () => [
    `User:           ${found.username}`,
    `Name:           ${found.displayName ?? '-'}`,
    `E-mail:         ${found.email ?? '-'}`,
    `Signs in with:  ${signIn(found)}`,
    `Status:         ${found.disabled ? `disabled ${formatTime(found.disabledAt, '')}`.trim() : 'active'}`,
    `Created:        ${formatTime(found.createdAt, '-')}`,
  ]);
}

function userTable(users: UserView[]): string[] {
  const headers = ['USER', 'NAME', 'EMAIL', 'SIGNS IN WITH', 'STATUS', 'CREATED'];
  const rows = users.map((u) => [
    u.username,
    u.displayName ?? '-',
    u.email ?? '-',
    signIn(u),
    u.disabled ? `disabled ${formatTime(u.disabledAt, '')}`.trim() : 'active',
    formatTime(u.createdAt, '-'),
  ]);
  return formatTable(headers, rows);
}

function signIn(u: UserView): string {
  const ways = [...(u.hasPassword ? ['password'] : []), ...(u.oidcIssuer ? [`oidc ${u.oidcIssuer}`] : [])];
  return ways.join(', ') || 'tokens only';
}

interface CreateOptions {
  displayName?: string;
  email?: string;
  passwordStdin?: boolean;
  /** false with --no-password. */
  password: boolean;
}

async function create(username: string, options: CreateOptions, command: Command): Promise<void> {
  const ctx = contextOf(command);
  if (options.passwordStdin && !options.password) {
    throw new SlipwayError('invalid_input', 'Pass either --password-stdin or --no-password, not both');
  }
  const generated = options.password && !options.passwordStdin ? generatePassword() : undefined;
  const password = options.passwordStdin ? passwordFromStdin() : generated;
  const created = await ctx.authenticated().createUser({
    username,
    ...(options.displayName ? { displayName: options.displayName } : {}),
    ...(options.email ? { email: options.email } : {}),
    ...(password ? { password } : {}),
  });
  emit(ctx.output, { user: created, ...(generated ? { password: generated } : {}) }, () => [
    `Created user ${created.username}${created.hasPassword ? '' : ', who signs in through the identity provider'}.`,
    ...(generated
      ? [
          'Their password is shown this once only; hand it to them (they can change it in the portal):',
          '',
          `  ${generated}`,
          '',
        ]
      : []),
    `Give them a role: slipway team add TEAM ${created.username}, or slipway role grant ROLE --user ${created.username} --on SCOPE`,
  ]);
}

/** 24 characters, 143 bits: what the server makes for the first admin. */
function generatePassword(): string {
  return randomBytes(18).toString('base64url');
}

interface SetOptions {
  displayName?: string;
  email?: string;
  passwordStdin?: boolean;
}

async function set(username: string, options: SetOptions, command: Command): Promise<void> {
  const ctx = contextOf(command);
  const changes = {
    ...(options.displayName ? { displayName: options.displayName } : {}),
    ...(options.email ? { email: options.email } : {}),
    ...(options.passwordStdin ? { password: passwordFromStdin() } : {}),
  };
  if (Object.keys(changes).length === 0) {
    throw new SlipwayError('invalid_input', 'Say what to change: --display-name, --email or --password-stdin');
  }
  const updated = await ctx.authenticated().updateUser(username, changes);
  const what = Object.keys(changes).map(
    (key) => ({ displayName: 'display name', email: 'e-mail', password: 'password' })[key],
  );
  emit(ctx.output, { user: updated }, () => [`Changed ${updated.username}'s ${what.join(' and ')}.`]);
}

async function setDisabled(username: string, disabled: boolean, command: Command): Promise<void> {
  const ctx = contextOf(command);
  const updated = await ctx.authenticated().updateUser(username, { disabled });
  emit(ctx.output, { user: updated }, () => [
    disabled
      ? `Disabled ${username}: signed out everywhere, and their API tokens no longer work.`
      : `Enabled ${username}: they can sign in again.`,
  ]);
}
