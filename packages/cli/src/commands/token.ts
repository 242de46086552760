import { notFound, SlipwayError } from '@slipway/core';
import { type Command, InvalidArgumentError } from 'commander';
import type { NewToken, SlipwayClient, TokenView } from '../client.ts';
import { contextOf } from '../context.ts';
import { emit, formatTable, formatTime } from '../output.ts';

type Scope = NonNullable<NewToken['scopes']>[number];

const scopes: readonly Scope[] = ['read', 'write'];
const isScope = (value: string): value is Scope => (scopes as readonly string[]).includes(value);
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** API tokens of the signed-in user, for more machines, CI systems and scripts. */
export function registerTokenCommands(program: Command): void {
  const token = program
    .command('token')
    .description('Manage your API tokens: list, create and revoke them')
    .addHelpText(
      'after',
      `
Examples:
  $ slipway token list
  $ slipway token create ci --scope read --expires-in-days 90
  $ slipway token revoke ci`,
    );

  token
    .command('list')
    .alias('ls')
    .description('List your API tokens (never their secrets)')
    .addHelpText('after', '\nExamples:\n  $ slipway token list\n  $ slipway token list -o json')
    .action(list);

  token
    .command('create')
    .description('Create an API token and print its secret, once')
    .argument('<name>', 'a name to recognise it by, e.g. the machine or CI job that uses it')
    .option('--scope <scope>', 'what it may do: read, write; repeat for both (default: both)', collectScope)
    .option('--expires-in-days <days>', 'make it expire after this many days (default: never)', parseDays)
    .addHelpText(
      'after',
      `
A token with only the read scope can look but not change anything.

Examples:
  $ slipway token create laptop
  $ slipway token create ci --scope read --expires-in-days 30
  $ slipway token create deployer --scope read --scope write -o json`,
    )
    .action(create);

  token
    .command('revoke')
    .description('Revoke an API token, by id or by name; it stops working at once')
    .argument('<id-or-name>', 'the id from `slipway token list`, or the name of an active token')
    .addHelpText(
      'after',
      '\nExamples:\n  $ slipway token revoke ci\n  $ slipway token revoke 0b7f6a2e-3c1d-4e5f-8a9b-1c2d3e4f5a6b',
    )
    .action(revoke);
}

function collectScope(value: string, previous: Scope[] | undefined): Scope[] {
  if (!isScope(value)) throw new InvalidArgumentError(`Allowed scopes are ${scopes.join(', ')}.`);
  return [...(previous ?? []), value];
}

function parseDays(value: string): number {
  const days = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!(days >= 1 && days <= 3650)) throw new InvalidArgumentError('It must be a whole number from 1 to 3650.');
  return days;
}

async function list(_options: unknown, command: Command): Promise<void> {
  const ctx = contextOf(command);
  const tokens = await ctx.authenticated().listTokens();
  emit(ctx.output, { items: tokens }, () => (tokens.length === 0 ? ['No API tokens.'] : tokenTable(tokens)));
}

function tokenTable(tokens: TokenView[]): string[] {
  const headers = ['ID', 'NAME', 'SCOPES', 'CREATED', 'EXPIRES', 'LAST USED', 'STATUS'];
  const rows = tokens.map((t) => [
    t.id,
    t.name,
    t.scopes.join(','),
    formatTime(t.createdAt, '-'),
    formatTime(t.expiresAt, 'never'),
    formatTime(t.lastUsedAt, 'never'),
    statusOf(t),
  ]);
  return formatTable(headers, rows);
}

function statusOf(t: TokenView): string {
  if (t.revokedAt) return 'revoked';
  if (t.expiresAt && Date.parse(t.expiresAt) <= Date.now()) return 'expired';
  return 'active';
}

async function create(name: string, options: { scope?: Scope[]; expiresInDays?: number }, command: Command) {
  const ctx = contextOf(command);
  const created = await ctx.authenticated().createToken({
    name,
    ...(options.scope ? { scopes: [...new Set(options.scope)] } : {}),
    ...(options.expiresInDays ? { expiresInDays: options.expiresInDays } : {}),
  });
  const { token, secret } = created;
  emit(ctx.output, created, () => [
    `Created token "${token.name}" (${token.id}), scopes ${token.scopes.join(', ')}, expires ${formatTime(token.expiresAt, 'never')}.`,
    'Its secret is shown this once only; store it now:',
    '',
    `  ${secret}`,
    '',
  ]);
}

async function revoke(idOrName: string, _options: unknown, command: Command): Promise<void> {
  const ctx = contextOf(command);
  const client = ctx.authenticated();
  const id = uuidPattern.test(idOrName) ? idOrName : await idByName(client, idOrName);
  await client.revokeToken(id);
  emit(ctx.output, { revoked: id }, () => [`Revoked token ${idOrName === id ? id : `"${idOrName}" (${id})`}.`]);
}

/** Names are for people; resolve one to the id the API wants, refusing to guess between several. */
async function idByName(client: SlipwayClient, name: string): Promise<string> {
  const matches = (await client.listTokens()).filter((t) => t.name === name && !t.revokedAt);
  const [first, second] = matches;
  if (!first) throw notFound(`An active token named "${name}"`, 'See your tokens with `slipway token list`.');
  if (second) {
    throw new SlipwayError('ambiguous_name', `${matches.length} active tokens are named "${name}"`, {
      hint: `Revoke one by id: ${matches.map((t) => t.id).join(', ')}`,
    });
  }
  return first.id;
}
