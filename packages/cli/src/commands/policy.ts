import { readFileSync } from 'node:fs';
import { type FieldIssue, SlipwayError } from '@slipway/core';
import type { Command } from 'commander';
import { isMap, isSeq, LineCounter, parseAllDocuments, type YAMLMap } from 'yaml';
import type { CelDryRunAnswer, CelPolicyInput, CelPolicyView } from '../client.ts';
import { contextOf } from '../context.ts';
import { emit, formatTable } from '../output.ts';

/** One policy read from a file, with where it stands there (for errors). */
interface FilePolicy {
  name: string;
  body: CelPolicyInput;
  /** `FILE:LINE` of the policy, and the line of each of its fields. */
  at: string;
  lines: Record<string, number>;
}

/**
 * CEL policies (docs/cel.md): platform engineers apply them from YAML files, see them, remove
 * them, and dry-run one against every release running now before enforcing it.
 */
export function registerPolicyCommands(program: Command): void {
  const policy = program
    .command('policy')
    .alias('policies')
    .description('Manage the CEL policies every deploy and promotion is checked against')
    .addHelpText(
      'after',
      `
Examples:
  $ slipway policy list
  $ slipway policy dry-run -f pinned-images.yaml
  $ slipway policy apply -f pinned-images.yaml
  $ slipway policy delete pinned-images`,
    );

  policy
    .command('list')
    .alias('ls')
    .description('List the CEL policies, by name')
    .addHelpText('after', '\nExamples:\n  $ slipway policy list\n  $ slipway policy list -o json')
    .action(async (_options: unknown, command: Command) => {
      const ctx = contextOf(command);
      const items = await ctx.authenticated().listCelPolicies();
      emit(ctx.output, { items }, () => (items.length === 0 ? ['No CEL policies.'] : policyTable(items)));
    });

  policy
    .command('apply')
    .description('Create or replace the policies of a YAML file (one policy, a list, or several documents)')
    .requiredOption('-f, --file <path>', 'the YAML file')
    .addHelpText(
      'after',
      `
Each policy has name, expression, severity (enforce, warn or audit) and optionally
messageExpression, remedy and match (environmentTypes, teams, services). The server compiles
every expression first: a bad one is refused with its line:column, and the policies after it
in the file are not applied.

Examples:
  $ slipway policy apply -f policies/pinned-images.yaml`,
    )
    .action(async (options: { file: string }, command: Command) => {
      const ctx = contextOf(command);
      const client = ctx.authenticated();
      const applied: CelPolicyView[] = [];
      for (const p of readPolicies(options.file)) {
        applied.push(await client.putCelPolicy(p.name, p.body).catch((error) => rethrowAt(p, error)));
      }
      emit(ctx.output, { items: applied }, () => applied.map((p) => `Applied policy ${p.name} (${p.severity})`));
    });

  policy
    .command('delete')
    .alias('rm')
    .description('Remove a CEL policy: releases are no longer checked against it')
    .argument('<name>', 'the policy')
    .addHelpText('after', '\nExamples:\n  $ slipway policy delete pinned-images')
    .action(async (name: string, _options: unknown, command: Command) => {
      const ctx = contextOf(command);
      await ctx.authenticated().deleteCelPolicy(name);
      emit(ctx.output, { deleted: name }, () => [`Deleted policy ${name}.`]);
    });

  policy
    .command('dry-run')
    .description('List the releases running now that a policy would refuse; nothing is saved or enforced')
    .argument('[name]', 'a saved policy')
    .option('-f, --file <path>', 'a policy from a YAML file instead (its first policy)')
    .addHelpText(
      'after',
      `
The policy is evaluated against the current release of every service in every environment
(the newest healthy one), where it applies. Exits 0 either way: the table is the answer.

Examples:
  $ slipway policy dry-run -f pinned-images.yaml
  $ slipway policy dry-run pinned-images -o json`,
    )
    .action(async (name: string | undefined, options: { file?: string }, command: Command) => {
      if (Boolean(name) === Boolean(options.file)) {
        throw new SlipwayError('invalid_input', 'Name a saved policy or give -f FILE, one of the two', {
          hint: 'slipway policy dry-run NAME, or slipway policy dry-run -f FILE.yaml',
        });
      }
      const ctx = contextOf(command);
      const client = ctx.authenticated();
      let answer: CelDryRunAnswer;
      if (name) answer = await client.dryRunCelPolicy({ name });
      else {
        const [first] = readPolicies(options.file as string);
        if (!first) throw new SlipwayError('invalid_input', `${options.file} holds no policy`);
        answer = await client
          .dryRunCelPolicy({ policy: { name: first.name, ...first.body } })
          .catch((error) => rethrowAt(first, error, '/policy'));
      }
      emit(ctx.output, answer, () => dryRunLines(answer));
    });
}

function policyTable(items: readonly CelPolicyView[]): string[] {
  const where = (p: CelPolicyView) => {
    const { environmentTypes, teams, services } = p.match;
    const parts = [
      environmentTypes.length ? `types=${environmentTypes.join(',')}` : '',
      teams.length ? `teams=${teams.join(',')}` : '',
      services.length ? `services=${services.join(',')}` : '',
    ].filter(Boolean);
    return parts.length ? parts.join(' ') : 'everywhere';
  };
  return formatTable(
    ['NAME', 'SEVERITY', 'APPLIES', 'EXPRESSION'],
    items.map((p) => [p.name, p.severity, where(p), p.expression]),
  );
}

function dryRunLines(answer: CelDryRunAnswer): string[] {
  const { evaluated, violators } = answer;
  const summary = `${answer.policy}: ${violators.length} of ${evaluated} current release${evaluated === 1 ? '' : 's'} would be refused`;
  if (violators.length === 0) return [summary];
  return [
    ...formatTable(
      ['SERVICE', 'ENVIRONMENT', 'RELEASE', 'PATH', 'MESSAGE'],
      violators.map((v) => [v.service, v.environment, `#${v.release}`, v.path ?? '-', v.message]),
    ),
    '',
    summary,
  ];
}

/** The policies of a file: a mapping, a list of them, or several YAML documents of either. */
export function readPolicies(file: string): FilePolicy[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new SlipwayError('invalid_input', `Cannot read the policy file ${file}: ${(error as Error).message}`);
  }
  const counter = new LineCounter();
  const policies: FilePolicy[] = [];
  for (const doc of parseAllDocuments(text, { lineCounter: counter })) {
    if (doc.errors.length > 0) {
      const [first] = doc.errors;
      const line = first?.linePos?.[0];
      throw new SlipwayError('invalid_input', `${file}${line ? `:${line.line}:${line.col}` : ''}: ${first?.message}`);
    }
    const nodes = isSeq(doc.contents) ? doc.contents.items : doc.contents ? [doc.contents] : [];
    for (const node of nodes) {
      if (!isMap(node))
        throw new SlipwayError('invalid_input', `${file}: each policy is a mapping (name, expression, …)`);
      policies.push(filePolicy(file, node as YAMLMap, counter));
    }
  }
  return policies;
}

function filePolicy(file: string, node: YAMLMap, counter: LineCounter): FilePolicy {
  const { name, ...body } = node.toJSON() as { name?: unknown } & CelPolicyInput;
  const line = (offset: number | undefined) => counter.linePos(offset ?? 0).line;
  if (typeof name !== 'string') {
    throw new SlipwayError('invalid_input', `${file}:${line(node.range?.[0])}: a policy needs a name`, {
      fields: [{ path: '/name', message: 'required' }],
    });
  }
  const lines: Record<string, number> = {};
  for (const pair of node.items) {
    const key = (pair.key as { value?: unknown } | null)?.value;
    const value = pair.value as { range?: [number, number, number] } | null;
    if (typeof key === 'string') lines[key] = line(value?.range?.[0]);
  }
  return { name, body, at: `${file}:${line(node.range?.[0])}`, lines };
}

/** The server's answer about one policy, with the file and line of each field it names. */
function rethrowAt(policy: FilePolicy, error: unknown, prefix = ''): never {
  if (!(error instanceof SlipwayError)) throw error;
  const fields = error.fields?.map((f): FieldIssue => {
    const key = f.path.slice(prefix.length).split('/')[1] ?? '';
    const line = policy.lines[key];
    return { ...f, message: line ? `${f.message} (${policy.at.split(':')[0]}:${line})` : f.message };
  });
  throw new SlipwayError(error.code, `policy ${policy.name} (${policy.at}): ${error.message}`, {
    ...(fields ? { fields } : {}),
    ...(error.hint ? { hint: error.hint } : {}),
  });
}
