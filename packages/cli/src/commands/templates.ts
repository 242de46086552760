import { SlipwayError } from '@slipway/core';
import type { Command } from 'commander';
import type { SlipwayClient, TemplateView } from '../client.ts';
import { contextOf } from '../context.ts';
import { emit, formatTable, formatTime } from '../output.ts';
import { parameterSchema, type TemplateParameter } from '../template-parameters.ts';

/** `slipway template list | show | runs`: the golden paths there are, what they ask for, and past runs. */
export function registerTemplateCommands(program: Command): void {
  const template = program
    .command('template')
    .description('Golden-path templates: list them, show their parameters, and see past runs')
    .addHelpText(
      'after',
      `
Examples:
  $ slipway template list
  $ slipway template show node-service
  $ slipway template runs

Create a service from one with \`slipway create --template NAME\`.`,
    );

  template
    .command('list')
    .alias('ls')
    .description("Templates: Slipway's golden paths and the catalog's Template entities")
    .addHelpText('after', '\nExamples:\n  $ slipway template list\n  $ slipway template list -o json')
    .action(async (_options: unknown, command: Command) => {
      const ctx = contextOf(command);
      const items = await ctx.authenticated().listTemplates();
      emit(ctx.output, { items }, () =>
        items.length === 0
          ? ['No templates.']
          : formatTable(
              ['NAME', 'TITLE', 'DESCRIPTION'],
              items.map((t) => [`${t.namespace}/${t.name}`, t.title, t.description]),
            ),
      );
    });

  template
    .command('show')
    .description('One template: what it does, its parameters and its steps')
    .argument('<name>', 'NAME, or NAMESPACE/NAME when several namespaces have one of that name')
    .addHelpText(
      'after',
      '\nExamples:\n  $ slipway template show node-service\n  $ slipway template show slipway/scheduled-job -o json',
    )
    .action(async (name: string, _options: unknown, command: Command) => {
      const ctx = contextOf(command);
      const found = await findTemplate(ctx.authenticated(), name);
      emit(ctx.output, { template: found }, () => describeTemplate(found));
    });

  template
    .command('runs')
    .description('Template runs, newest first: your own, or everyone’s for an admin')
    .addHelpText('after', '\nExamples:\n  $ slipway template runs\n  $ slipway template runs -o json')
    .action(async (_options: unknown, command: Command) => {
      const ctx = contextOf(command);
      const items = await ctx.authenticated().listTemplateRuns();
      emit(ctx.output, { items }, () =>
        items.length === 0
          ? ['No template runs yet.']
          : formatTable(
              ['ID', 'TEMPLATE', 'STATUS', 'CREATED BY', 'CREATED'],
              items.map((r) => [
                r.id,
                r.templateRef.replace(/^template:/, ''),
                r.dryRun ? `${r.status} (dry run)` : r.status,
                r.createdBy,
                formatTime(r.createdAt, '-'),
              ]),
            ),
      );
    });
}

/**
 * A template by `NAMESPACE/NAME`, or by `NAME` alone when exactly one namespace has it (the
 * built-ins are in `slipway`, catalog templates usually in `default`).
 */
export async function findTemplate(client: SlipwayClient, reference: string): Promise<TemplateView> {
  const text = reference.replace(/^template:/, '');
  const slash = text.indexOf('/');
  if (slash >= 0) return client.getTemplate(text.slice(0, slash), text.slice(slash + 1));
  const matches = (await client.listTemplates()).filter((t) => t.name === text);
  const [only] = matches;
  if (only && matches.length === 1) return only;
  if (matches.length > 1) {
    throw new SlipwayError(
      'invalid_input',
      `Several templates are named ${text}: ${matches.map((t) => t.ref).join(', ')}`,
      {
        hint: 'Name one with its namespace, e.g. slipway/node-service.',
      },
    );
  }
  throw new SlipwayError('not_found', `There is no template named ${text}`, {
    hint: 'See the templates there are with `slipway template list`.',
  });
}

function describeTemplate(t: TemplateView): string[] {
  const schema = parameterSchema(t);
  const required = new Set(schema.required ?? []);
  const parameters = Object.entries(schema.properties ?? {}).map(([name, p]) => parameterLine(name, p, required));
  return [
    `${t.title} (${t.namespace}/${t.name})`,
    ...(t.description ? [t.description] : []),
    '',
    'Parameters:',
    ...(parameters.length ? parameters : ['  (none)']),
    '',
    'Steps:',
    ...t.steps.map((s) => `  ${s.id}  ${s.name} (${s.action})`),
    ...(t.problems.length
      ? ['', `It cannot run: ${t.problems.length} problem${t.problems.length === 1 ? '' : 's'}`]
      : []),
    ...t.problems.map((p) => `  ${p.path}: ${p.message}`),
  ];
}

function parameterLine(name: string, p: TemplateParameter, required: ReadonlySet<string>): string {
  const notes = [
    required.has(name) ? 'required' : 'optional',
    ...(p.type ? [p.type] : []),
    ...(p.enum ? [`one of ${p.enum.map(String).join(', ')}`] : []),
    ...(p.default !== undefined ? [`default ${JSON.stringify(p.default)}`] : []),
  ];
  const about = p.description ?? p.title ?? '';
  return `  ${name} (${notes.join(', ')})${about ? `: ${about}` : ''}`;
}
