import { SlipwayError } from '@slipway/core';
import { Argument, type Command } from 'commander';
import type { RoleBindingView, RoleName, RoleScope } from '../client.ts';
import { contextOf } from '../context.ts';
import { emit, formatTable, formatTime } from '../output.ts';
import { registerServiceChecksCommand } from './service-checks.ts';

const roleNames: RoleName[] = ['viewer', 'developer', 'maintainer', 'admin'];

/** Who may do what: teams, role bindings, and the teams that own services. */
export function registerAccessCommands(program: Command): void {
  registerTeamCommands(program);
  registerRoleCommands(program);
  registerServiceCommands(program);
}

function registerTeamCommands(program: Command): void {
  const team = program
    .command('team')
    .description('Manage teams: they own services and environments, and roles are given to them')
    .addHelpText(
      'after',
      `
Examples:
  $ slipway team create payments --display-name "Payments"
  $ slipway team add payments alice
  $ slipway role grant developer --team payments --on team:payments
  $ slipway team show payments`,
    );

  team
    .command('list')
    .addHelpText('after', '\nExamples:\n  $ slipway team list\n  $ slipway team list -o json')
    .alias('ls')
    .description('List teams')
    .action(async (_options: unknown, command: Command) => {
      const ctx = contextOf(command);
      const items = await ctx.authenticated().listTeams();
      emit(ctx.output, { items }, () =>
        items.length === 0
          ? ['No teams yet: slipway team create NAME']
          : formatTable(
              ['TEAM', 'NAME', 'SOURCE', 'CREATED'],
              items.map((t) => [t.name, t.displayName || '-', t.source, formatTime(t.createdAt, '-')]),
            ),
      );
    });

  team
    .command('show')
    .addHelpText('after', '\nExamples:\n  $ slipway team show payments')
    .description('Show a team: its members and the roles it holds')
    .argument('<team>', 'the team')
    .action(async (name: string, _options: unknown, command: Command) => {
      const ctx = contextOf(command);
      const detail = await ctx.authenticated().getTeam(name);
      emit(ctx.output, detail, () => [
        `team:     ${detail.team.name}${detail.team.displayName ? ` (${detail.team.displayName})` : ''}`,
        `source:   ${detail.team.source}`,
        `members:  ${detail.members.map((m) => m.username).join(', ') || 'none'}`,
        'roles:',
        ...(detail.bindings.length ? detail.bindings.map((b) => `  ${describeBinding(b)}`) : ['  none']),
      ]);
    });

  team
    .command('create')
    .addHelpText('after', '\nExamples:\n  $ slipway team create payments --display-name "Payments"')
    .description('Create a team (admins)')
    .argument('<team>', 'a DNS label such as payments')
    .option('--display-name <text>', 'a name for people')
    .action(async (name: string, options: { displayName?: string }, command: Command) => {
      const ctx = contextOf(command);
      const created = await ctx.authenticated().createTeam({
        name,
        ...(options.displayName ? { displayName: options.displayName } : {}),
      });
      emit(ctx.output, { team: created }, () => [`Created team ${name}. Add members: slipway team add ${name} USER`]);
    });

  team
    .command('delete')
    .addHelpText('after', '\nExamples:\n  $ slipway team delete old-team')
    .alias('rm')
    .description('Delete a team that owns nothing (admins)')
    .argument('<team>', 'the team')
    .action(async (name: string, _options: unknown, command: Command) => {
      const ctx = contextOf(command);
      await ctx.authenticated().deleteTeam(name);
      emit(ctx.output, { deleted: name }, () => [`Deleted team ${name}, its memberships and its role bindings.`]);
    });

  team
    .command('add')
    .addHelpText('after', '\nExamples:\n  $ slipway team add payments ana')
    .description("Add a member to a team (the team's maintainers and admins)")
    .argument('<team>', 'the team')
    .argument('<user>', 'a username')
    .action(async (name: string, user: string, _options: unknown, command: Command) => {
      const ctx = contextOf(command);
      const members = await ctx.authenticated().addTeamMember(name, user);
      emit(ctx.output, { members }, () => [`${user} is in team ${name} (${members.length} members).`]);
    });

  team
    .command('remove')
    .addHelpText('after', '\nExamples:\n  $ slipway team remove payments ana')
    .description('Remove a member from a team')
    .argument('<team>', 'the team')
    .argument('<user>', 'a username')
    .action(async (name: string, user: string, _options: unknown, command: Command) => {
      const ctx = contextOf(command);
      await ctx.authenticated().removeTeamMember(name, user);
      emit(ctx.output, { removed: user, team: name }, () => [`${user} is no longer in team ${name}.`]);
    });
}

interface GrantOptions {
  user?: string;
  team?: string;
  on: string;
  type?: string[];
}

function registerRoleCommands(program: Command): void {
  const role = program
    .command('role')
    .description('Give roles to users and teams: viewer < developer < maintainer < admin (admins)')
    .addHelpText(
      'after',
      `
A role holds over everything (global), one team's services and environments (team:NAME),
or one service (service:NAME), optionally only for some environment types. Environment
types say which role deploys to them: developers to development, maintainers to production.

Examples:
  $ slipway role grant developer --team payments --on team:payments
  $ slipway role grant maintainer --user alice --on service:checkout --type development --type staging
  $ slipway role grant viewer --team everyone --on global
  $ slipway role list --team payments
  $ slipway role revoke 5f0c…`,
    );

  role
    .command('list')
    .addHelpText(
      'after',
      '\nExamples:\n  $ slipway role list\n  $ slipway role list --team payments\n  $ slipway role list --user ana -o json',
    )
    .alias('ls')
    .description('List role bindings')
    .option('--user <name>', 'held by this user')
    .option('--team <name>', 'over this team')
    .option('--service <name>', 'over this service')
    .action(async (options: { user?: string; team?: string; service?: string }, command: Command) => {
      const ctx = contextOf(command);
      const items = await ctx.authenticated().listRoleBindings(options);
      emit(ctx.output, { items }, () =>
        items.length === 0
          ? ['No role bindings.']
          : formatTable(
              ['ID', 'ROLE', 'HOLDER', 'OVER', 'TYPES'],
              items.map((b) => [
                b.id,
                b.role,
                `${b.subject.kind}:${b.subject.name}`,
                scopeText(b.scope),
                b.environmentTypes.join(',') || 'all',
              ]),
            ),
      );
    });

  role
    .command('grant')
    .addHelpText(
      'after',
      '\nExamples:\n  $ slipway role grant developer --team payments --on team:payments\n  $ slipway role grant maintainer --user ana --on service:checkout --type production',
    )
    .description('Give a role to a user or a team')
    .addArgument(roleArgument())
    .option('--user <name>', 'the user who gets it')
    .option('--team <name>', 'the team that gets it (all its members)')
    .requiredOption('--on <scope>', 'global, team:NAME or service:NAME')
    .option('--type <type>', 'only for environments of this type; repeat for more', collect)
    .action(async (name: RoleName, options: GrantOptions, command: Command) => {
      const ctx = contextOf(command);
      const binding = await ctx.authenticated().createRoleBinding({
        role: name,
        subject: subjectOf(options),
        scope: parseScope(options.on),
        environmentTypes: options.type ?? [],
      });
      emit(ctx.output, { binding }, () => [`Granted: ${describeBinding(binding)} (id ${binding.id}).`]);
    });

  role
    .command('revoke')
    .addHelpText('after', '\nExamples:\n  $ slipway role revoke 5f0c2a4e-…')
    .description('Remove a role binding')
    .argument('<id>', 'its id, from slipway role list')
    .action(async (id: string, _options: unknown, command: Command) => {
      const ctx = contextOf(command);
      await ctx.authenticated().deleteRoleBinding(id);
      emit(ctx.output, { deleted: id }, () => [`Removed role binding ${id}.`]);
    });
}

function registerServiceCommands(program: Command): void {
  const service = program
    .command('service')
    .description('Services and the teams that own them')
    .addHelpText(
      'after',
      `
Examples:
  $ slipway service list
  $ slipway service create checkout --owner payments
  $ slipway service set-owner checkout platform-team
  $ slipway service checks checkout -f checks.yaml`,
    );

  service
    .command('list')
    .addHelpText('after', '\nExamples:\n  $ slipway service list')
    .alias('ls')
    .description('List the services you may see')
    .action(async (_options: unknown, command: Command) => {
      const ctx = contextOf(command);
      const items = await ctx.authenticated().listServices();
      emit(ctx.output, { items }, () =>
        items.length === 0
          ? ['No services you may see.']
          : formatTable(
              ['SERVICE', 'OWNER', 'CREATED'],
              items.map((s) => [s.name, s.owner ?? '(platform)', formatTime(s.createdAt, '-')]),
            ),
      );
    });

  service
    .command('create')
    .addHelpText('after', '\nExamples:\n  $ slipway service create checkout --owner payments')
    .description('Register a service before its first deploy (to set its secrets first, say)')
    .argument('<service>', 'a DNS label such as checkout')
    .option('--owner <team>', 'the owning team; left out, your only team')
    .action(async (name: string, options: { owner?: string }, command: Command) => {
      const ctx = contextOf(command);
      const created = await ctx
        .authenticated()
        .createService({ name, ...(options.owner ? { owner: options.owner } : {}) });
      emit(ctx.output, { service: created }, () => [
        `Registered service ${name}, owned by ${created.owner ? `team ${created.owner}` : 'the platform'}.`,
      ]);
    });

  service
    .command('set-owner')
    .addHelpText(
      'after',
      '\nExamples:\n  $ slipway service set-owner checkout payments\n  $ slipway service set-owner gateway -',
    )
    .description('Hand a service to another team (a maintainer of both, or an admin)')
    .argument('<service>', 'the service')
    .argument('<team>', 'the new owner; "-" for the platform')
    .action(async (name: string, team: string, _options: unknown, command: Command) => {
      const ctx = contextOf(command);
      const updated = await ctx.authenticated().setServiceOwner(name, team === '-' ? null : team);
      emit(ctx.output, { service: updated }, () => [`${name} is owned by ${updated.owner ?? 'the platform'} now.`]);
    });

  registerServiceChecksCommand(service);
}

function roleArgument(): Argument {
  return new Argument('<role>', 'viewer, developer, maintainer or admin').choices(roleNames);
}

function subjectOf(options: GrantOptions): { kind: 'user' | 'team'; name: string } {
  if (options.user && options.team) throw usage('Give the role to a --user or a --team, not both');
  if (options.user) return { kind: 'user', name: options.user };
  if (options.team) return { kind: 'team', name: options.team };
  throw usage('Say who gets the role: --user NAME or --team NAME');
}

/** `global`, `team:payments` or `service:checkout`. */
export function parseScope(text: string): RoleScope {
  if (text === 'global') return { kind: 'global' };
  const [kind, name] = text.split(':', 2);
  if ((kind === 'team' || kind === 'service') && name) return { kind, [kind]: name };
  throw usage(`"${text}" is not a scope`, 'Write global, team:NAME or service:NAME.');
}

function scopeText(scope: RoleScope): string {
  return scope.kind === 'global' ? 'global' : `${scope.kind}:${scope.team ?? scope.service}`;
}

function describeBinding(b: RoleBindingView): string {
  const types = b.environmentTypes.length ? ` on ${b.environmentTypes.join(', ')}` : '';
  return `${b.subject.kind} ${b.subject.name} is ${b.role} of ${scopeText(b.scope)}${types}`;
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

function usage(message: string, hint?: string): SlipwayError {
  return new SlipwayError('invalid_input', message, hint ? { hint } : {});
}
