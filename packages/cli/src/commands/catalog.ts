import { invalidInput } from '@slipway/core';
import type { Command } from 'commander';
import type { CatalogEntityDetail, CatalogEntitySummary, CatalogLocationView } from '../client.ts';
import { contextOf } from '../context.ts';
import { emit, formatTable, formatTime } from '../output.ts';
import { parseWholeNumber } from '../releases.ts';

interface ListOptions {
  kind?: string[];
  owner?: string[];
  type?: string[];
  tag?: string[];
  query?: string;
  limit: number;
}

interface RegisterOptions {
  path?: string[];
  ref?: string;
}

/** The software catalog: search it, read one entity, and add or re-read where entities come from. */
export function registerCatalogCommands(program: Command): void {
  const catalog = program
    .command('catalog')
    .description('Search the software catalog and manage the repositories it reads entities from')
    .addHelpText(
      'after',
      `
Examples:
  $ slipway catalog list --kind component --owner team-a
  $ slipway catalog list -q payments
  $ slipway catalog get component:default/payments-api
  $ slipway catalog register https://github.com/acme/payments.git --path 'catalog-info.yaml'
  $ slipway catalog refresh 3f0c...`,
    );

  catalog
    .command('list')
    .alias('ls')
    .description('Entities matching filters and a search, by name (by relevance when searching)')
    .option('--kind <kind>', 'Component, API, System, Group, ...; repeat for any of several', collect)
    .option('--owner <owner>', 'owning group, e.g. team-a; repeat for any of several', collect)
    .option('--type <type>', 'spec.type, e.g. service or website; repeat for any of several', collect)
    .option('--tag <tag>', 'a tag; repeat for any of several', collect)
    .option('-q, --query <text>', 'full-text search; the last word may be the start of one')
    .option('--limit <n>', 'at most this many (1 to 500)', parseWholeNumber(1, 500), 50)
    .addHelpText(
      'after',
      '\nExamples:\n  $ slipway catalog list --kind component --type service\n  $ slipway catalog list -q "card paym" -o json',
    )
    .action(async (options: ListOptions, command: Command) => {
      const ctx = contextOf(command);
      const page = await ctx.authenticated().listCatalogEntities({
        kind: options.kind,
        owner: options.owner,
        type: options.type,
        tag: options.tag,
        q: options.query,
        limit: options.limit,
      });
      emit(ctx.output, page, () => {
        if (page.items.length === 0) return ['No catalog entities match.'];
        const more =
          page.totalItems > page.items.length
            ? [`(${page.items.length} of ${page.totalItems}; raise --limit or narrow the filters)`]
            : [];
        return [...entityTable(page.items), ...more];
      });
    });

  catalog
    .command('get')
    .description('One entity: what it is, its relations both ways, its problems, and where it runs')
    .argument('<ref>', 'KIND:NAMESPACE/NAME, or KIND/NAME in the default namespace')
    .addHelpText(
      'after',
      '\nExamples:\n  $ slipway catalog get component:default/payments-api\n  $ slipway catalog get group/team-a -o json',
    )
    .action(async (ref: string, _options: unknown, command: Command) => {
      const ctx = contextOf(command);
      const { kind, namespace, name } = parseEntityRef(ref);
      const detail = await ctx.authenticated().getCatalogEntity(kind, namespace, name);
      emit(ctx.output, detail, () => describeEntity(detail));
    });

  catalog
    .command('register')
    .description('Add a Git repository (or one YAML file over HTTP) to the catalog and read it')
    .argument('<url>', 'a repository git can clone, or the URL of a catalog-info.yaml')
    .option(
      '--path <glob>',
      'files to read in the repository; repeat for more (default: catalog-info.yaml files)',
      collect,
    )
    .option('--ref <ref>', "branch or tag to read (default: the repository's default branch)")
    .addHelpText(
      'after',
      `
A URL ending in .yaml or .yml is read as one file; anything else is cloned with git.

Examples:
  $ slipway catalog register https://github.com/acme/payments.git
  $ slipway catalog register https://git.example.com/platform/catalog.git --path 'teams/*.yaml' --ref main`,
    )
    .action(async (url: string, options: RegisterOptions, command: Command) => {
      const ctx = contextOf(command);
      const single = /\.ya?ml(\?.*)?$/i.test(url);
      const location = await ctx.authenticated().registerCatalogLocation({
        type: single ? 'url' : 'git',
        target: url,
        ...(options.ref ? { ref: options.ref } : {}),
        ...(options.path?.length ? { paths: options.path } : {}),
      });
      emit(ctx.output, { location }, () => [`Registered ${url} as location ${location.id}: ${stateOf(location)}.`]);
    });

  catalog
    .command('refresh')
    .description('Read a location again now instead of waiting for its next refresh')
    .argument('<location-id>', 'the id `slipway catalog locations` shows')
    .addHelpText('after', '\nExamples:\n  $ slipway catalog refresh 3f0c2d9e-5b1a-4c3e-9d2f-8a7b6c5d4e3f')
    .action(async (id: string, _options: unknown, command: Command) => {
      const ctx = contextOf(command);
      const location = await ctx.authenticated().refreshCatalogLocation(id);
      emit(ctx.output, { location }, () => [`Refreshed ${location.target}: ${stateOf(location)}.`]);
    });

  catalog
    .command('locations')
    .description('Where the catalog reads entities from, and how the last read went')
    .addHelpText('after', '\nExamples:\n  $ slipway catalog locations\n  $ slipway catalog locations -o json')
    .action(async (_options: unknown, command: Command) => {
      const ctx = contextOf(command);
      const items = await ctx.authenticated().listCatalogLocations();
      emit(ctx.output, { items }, () =>
        items.length === 0
          ? ['No catalog locations. Add one with `slipway catalog register URL`.']
          : formatTable(
              ['ID', 'TYPE', 'TARGET', 'STATUS', 'REFRESHED'],
              items.map((l) => [l.id, l.type, l.target, l.status ?? '', formatTime(l.refreshedAt ?? null, 'never')]),
            ),
      );
    });
}

/** `kind:namespace/name`, `kind:name` or `kind/name` into its parts. */
export function parseEntityRef(ref: string): { kind: string; namespace: string; name: string } {
  const full = /^([^:/]+):(?:([^/]+)\/)?([^/]+)$/.exec(ref) ?? /^([^:/]+)\/()([^/]+)$/.exec(ref);
  if (!full) {
    throw invalidInput(
      `${JSON.stringify(ref)} is not an entity reference`,
      [],
      'Write KIND:NAMESPACE/NAME, e.g. component:default/payments-api, or KIND/NAME.',
    );
  }
  return { kind: full[1] as string, namespace: full[2] || 'default', name: full[3] as string };
}

function entityTable(items: readonly CatalogEntitySummary[]): string[] {
  return formatTable(
    ['KIND', 'NAME', 'TYPE', 'OWNER', 'LIFECYCLE', 'TAGS', 'PROBLEMS'],
    items.map((e) => [
      e.kind,
      e.namespace === 'default' ? e.name : `${e.namespace}/${e.name}`,
      e.type,
      // Owners are stored as full references; the default group namespace goes without saying.
      e.owner.replace(/^group:default\//, ''),
      e.lifecycle,
      e.tags.join(','),
      e.errorCount > 0 ? String(e.errorCount) : '',
    ]),
  );
}

function describeEntity(detail: CatalogEntityDetail): string[] {
  const metadata = detail.entity.metadata ?? {};
  const spec = detail.entity.spec ?? {};
  const lines = [`${detail.ref}${metadata.title ? ` (${metadata.title})` : ''}`];
  if (metadata.description) lines.push(`  ${metadata.description}`);
  for (const key of ['type', 'owner', 'lifecycle', 'system']) {
    if (typeof spec[key] === 'string') lines.push(`  ${key}: ${spec[key]}`);
  }
  lines.push('', 'Relations:');
  if (detail.relations.length === 0) lines.push('  none');
  else
    lines.push(
      ...formatTable(
        ['TYPE', 'ENTITY', 'TITLE'],
        detail.relations.map((r) => [
          r.type,
          r.kind === null ? `${r.targetRef} (not in the catalog)` : r.targetRef,
          r.title ?? '',
        ]),
      ).map((l) => `  ${l}`),
    );
  if (detail.deployments) {
    lines.push('', `Deployed as service ${detail.deployments.service}:`);
    lines.push(
      ...formatTable(
        ['ENVIRONMENT', 'TYPE', 'RELEASE', 'STATUS', 'IMAGE'],
        detail.deployments.environments.map((e) => [
          e.name,
          e.type,
          e.current ? `#${e.current.number}` : '-',
          e.current?.status ?? 'nothing running',
          e.current?.image ?? '',
        ]),
      ).map((l) => `  ${l}`),
    );
  }
  if (detail.errors.length > 0) {
    lines.push('', 'Problems:', ...detail.errors.map((e) => `  ${e.path || '(entity)'}: ${e.message}`));
  }
  return lines;
}

function stateOf(location: CatalogLocationView): string {
  const status = location.status ?? 'registered';
  return location.message ? `${status} (${location.message})` : status;
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}
