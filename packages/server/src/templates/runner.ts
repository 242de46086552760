/**
 * Runs one template: each step's input rendered against the parameters and earlier steps'
 * outputs, its action run in a temporary workspace, its status and log lines recorded as
 * numbered events (what the events stream replays). A dry run runs only the steps that
 * write the workspace, and returns the files it would have published.
 *
 * What leaves the runner — the run's row (steps, outputs, error, a dry run's files), its
 * events, and what it answers — passes `#record`, `#event` or `execute`'s answer, and each
 * of those passes the run's Redactor first: URL credentials, secret values and the server's
 * own paths never reach the history, the event stream or the log. Actions see the real
 * values; only what is shown is redacted.
 */
import { mkdtemp, realpath, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  asText,
  type FieldIssue,
  formatSize,
  limitError,
  type Redactor,
  RenderBudget,
  runRedactor,
  SlipwayError,
  templateLimits,
} from '@slipway/core';
import { runGit } from '../catalog/git.ts';
import { checkLocationTarget } from '../catalog/url-policy.ts';
import {
  appendTemplateRunEvent,
  type TemplateRun,
  type TemplateRunStep,
  updateTemplateRun,
} from '../db/stores/template-runs.ts';
import type { ActionServices } from './actions/context.ts';
import { templateActions } from './actions/index.ts';
import { TemplateCheckout } from './checkout.ts';
import { TemplateSandbox } from './sandbox/sandbox.ts';
import type { SourcedTemplate } from './source.ts';
import { Workspace } from './workspace.ts';

/** What a dry run shows of each file: text up to this size; the whole tree up to the total. */
const fileCap = 64 * 1024;
const totalCap = 1024 * 1024;

export interface DryRunFile {
  path: string;
  size: number;
  /** Null for binary files and past the caps. */
  content: string | null;
  truncated?: boolean;
}

export interface RunnerHooks {
  /** Called after every recorded event, so followers wake up. */
  onEvent(runId: string): void;
}

export function userContext(username: string) {
  return { ref: `user:default/${username}`, entity: { metadata: { name: username } } };
}

/** The actions a template's steps name that Slipway does not have, at their paths. */
export function unknownActions(template: SourcedTemplate): FieldIssue[] {
  return template.definition.steps.flatMap((step, i) =>
    templateActions[step.action] ? [] : [{ path: `/spec/steps/${i}/action`, message: unknownActionMessage(step) }],
  );
}

const unknownActionMessage = (step: { id: string; action: string }) =>
  `Step ${step.id} names action ${step.action}, which Slipway does not have`;

/**
 * Every problem a template holds, whatever the parameters: unknown actions, and expressions'
 * syntax, unknown filters and `constructor`-like names (Nunjucks' parser, in a sandbox), in step
 * order. What `template show` and the gallery list; a run checks it before it starts.
 */
export async function templateProblems(template: SourcedTemplate): Promise<FieldIssue[]> {
  const problems: FieldIssue[] = [];
  const sandbox = new TemplateSandbox();
  try {
    for (const [i, step] of template.definition.steps.entries()) {
      if (!templateActions[step.action])
        problems.push({ path: `/spec/steps/${i}/action`, message: unknownActionMessage(step) });
      problems.push(...(await sandbox.check(step.input, `/spec/steps/${i}/input`)));
      if (step.if !== undefined) problems.push(...(await sandbox.check(step.if, `/spec/steps/${i}/if`)));
    }
    problems.push(...(await sandbox.check(template.definition.output, '/spec/output')));
  } finally {
    sandbox.close();
  }
  return problems;
}

/** Refuses to run a template with any problem, naming them all: one moved from Backstage may have several. */
export async function preflight(template: SourcedTemplate): Promise<void> {
  const problems = await templateProblems(template);
  const [first] = problems;
  if (!first) return;
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
  const unknownAction = problems.some((p) => p.path.endsWith('/action'));
  throw new SlipwayError('invalid_input', `${template.ref}: ${first.message}${more}`, {
    fields: problems,
    ...(unknownAction ? { hint: `Supported actions: ${Object.keys(templateActions).join(', ')}.` } : {}),
  });
}

export interface RunResult {
  status: 'succeeded' | 'failed';
  /** Redacted, as recorded. */
  output: Record<string, unknown>;
  /** Redacted; empty when the run succeeded. */
  error: string;
}

export class TemplateRunner {
  #seq = 0;
  readonly #steps: TemplateRunStep[];
  readonly #outputs: Record<string, { output: Record<string, unknown> }> = {};
  #cleanup: Array<() => Promise<void>> = [];
  /** Set when the run turned out to be ended already (see #update): nothing more is written. */
  #ended = false;
  readonly #redactor: Redactor;
  /** What the run's expressions may still make, shared by every render of the run. */
  readonly #budget = new RenderBudget();
  /** The run's Nunjucks process, started on the first render and stopped when the run ends. */
  readonly #sandbox = new TemplateSandbox(this.#budget);
  /** Remote URL → the branch a publish step pushed there (ActionContext.pushedBranches). */
  readonly #pushedBranches = new Map<string, string>();

  constructor(
    private readonly run: TemplateRun,
    private readonly template: SourcedTemplate,
    private readonly parameters: Record<string, unknown>,
    private readonly services: ActionServices,
    private readonly hooks: RunnerHooks,
    /** The run's `secrets`: readable as `${{ secrets.x }}`, never stored or shown. */
    private readonly secrets: Record<string, string> = {},
  ) {
    this.#steps = structuredClone(run.steps);
    this.#redactor = runRedactor(template.definition, parameters, secrets);
  }

  /** The run's redaction, for whoever reports on it (the server log). */
  redact(text: string): string {
    return this.#redactor.text(text);
  }

  /** Runs every step; never throws: a failure is the run's status. */
  async execute(): Promise<RunResult> {
    const workspace = await Workspace.create();
    this.#redactor.addPath(workspace.root, '<workspace>');
    this.#cleanup.push(() => workspace.remove());
    this.#cleanup.push(async () => this.#sandbox.close());
    let output: Record<string, unknown> = {};
    let error = '';
    try {
      await this.#update({ status: 'running' });
      for (const [i, step] of this.template.definition.steps.entries()) await this.#step(i, step, workspace);
      output = await this.#output();
      if (this.run.dryRun) output.files = await dryRunFiles(workspace);
    } catch (cause) {
      error = cause instanceof Error ? cause.message : String(cause);
    } finally {
      await Promise.allSettled(this.#cleanup.map((c) => c()));
    }
    const status = error ? 'failed' : 'succeeded';
    const shown = this.#shown({ status, output, error, steps: this.#steps, finished: true });
    const recorded = await updateTemplateRun(this.services.db, this.run.id, shown);
    const result = { status, output: shown.output ?? {}, error: shown.error ?? '' } as const;
    // Not recorded: the run was already ended, with its last event, by whoever ended it.
    if (!recorded) return { ...result, status: 'failed' };
    await this.#event('run', '', error ? `failed: ${error}` : 'succeeded');
    return result;
  }

  async #step(index: number, step: SourcedTemplate['definition']['steps'][number], workspace: Workspace) {
    const record = this.#steps[index] as TemplateRunStep;
    const context = this.#context();
    const site = (field: string) => ({ what: `Step ${step.id}`, path: `/spec/steps/${index}/${field}` });
    if (step.if !== undefined && !truthy(await this.#sandbox.value(step.if, context, site('if'))))
      return this.#finish(record, 'skipped', 'condition is false');
    const action = templateActions[step.action];
    if (!action) throw new SlipwayError('invalid_input', `Unknown action ${step.action}`);
    if (this.run.dryRun && !action.safeInDryRun)
      return this.#finish(record, 'skipped', `dry run: ${step.action} not run, nothing leaves the workspace`);
    record.status = 'running';
    record.startedAt = new Date().toISOString();
    await this.#save();
    await this.#event('step', record.id, 'running');
    try {
      const input = ((await this.#sandbox.value(step.input, context, site('input'))) ?? {}) as Record<string, unknown>;
      const result = await action.run({
        input,
        workspace,
        template: this.template.definition,
        run: { id: this.run.id, owner: this.run.owner, createdBy: this.run.createdBy, dryRun: this.run.dryRun },
        templateFiles: () => this.#templateFiles(),
        sandbox: this.#sandbox,
        log: (message) => this.#event('log', record.id, message),
        services: this.services,
        pushedBranches: this.#pushedBranches,
      });
      checkOutputSize(`The output of step ${step.id}`, result);
      record.output = result;
      this.#outputs[step.id] = { output: result };
      await this.#finish(record, 'succeeded');
    } catch (error) {
      await this.#event('log', record.id, `error: ${error instanceof Error ? error.message : String(error)}`);
      await this.#finish(record, 'failed');
      throw error;
    }
  }

  async #finish(record: TemplateRunStep, status: TemplateRunStep['status'], why?: string) {
    record.status = status;
    record.finishedAt = new Date().toISOString();
    if (why) await this.#event('log', record.id, `skipped: ${why}`);
    await this.#save();
    await this.#event('step', record.id, status);
  }

  #context() {
    return {
      parameters: this.parameters,
      steps: this.#outputs,
      user: userContext(this.run.createdBy),
      secrets: this.secrets,
    };
  }

  async #output(): Promise<Record<string, unknown>> {
    const site = { what: "The template's output", path: '/spec/output' };
    const rendered = (await this.#sandbox.value(this.template.definition.output, this.#context(), site)) as {
      links?: Array<Record<string, unknown>>;
      text?: unknown[];
    };
    const links = (rendered.links ?? []).filter((l) => l.url || l.entityRef);
    const entityRef = Object.values(this.#outputs).find((o) => typeof o.output.entityRef === 'string')?.output
      .entityRef;
    const output = {
      links,
      ...(rendered.text?.length ? { text: rendered.text } : {}),
      ...(entityRef ? { entityRef } : {}),
    };
    checkOutputSize("The run's output", output);
    return output;
  }

  #files: Promise<TemplateCheckout> | undefined;
  #templateFiles(): Promise<TemplateCheckout> {
    this.#files ??= this.#fetchTemplateFiles();
    return this.#files;
  }

  /** Built-ins are on disk; a catalog template's files come from a shallow clone of its location. */
  async #fetchTemplateFiles(): Promise<TemplateCheckout> {
    const origin = this.template.origin;
    if (origin.kind === 'builtin') {
      this.#redactor.addPath(origin.dir, '<template>');
      return TemplateCheckout.open(origin.dir, '');
    }
    if (origin.type !== 'git')
      throw new SlipwayError('invalid_input', 'Only templates read from a git location can fetch their files');
    const pin = await checkLocationTarget('git', origin.target, this.services.allow);
    const dir = await mkdtemp(join(tmpdir(), 'slipway-template-src-'));
    this.#redactor.addPath(dir, '<template checkout>');
    this.#redactor.addPath(await realpath(dir), '<template checkout>');
    this.#cleanup.push(() => rm(dir, { recursive: true, force: true }));
    const branch = origin.ref ? ['--branch', origin.ref] : [];
    await runGit(['clone', '--quiet', '--depth', '1', ...branch, '--', origin.target, dir], {
      allowFile: this.services.allow.allowFileUrls,
      pin,
    });
    return TemplateCheckout.open(dir, origin.sourcePath.split('/').slice(0, -1).join('/'));
  }

  #save() {
    return this.#update({ steps: this.#steps });
  }

  /**
   * Records a change of the unfinished run. Another server may have ended it as interrupted
   * (this one missed its heartbeats): then the run is final and this runner stops here.
   */
  async #update(changes: RunChanges) {
    if (await updateTemplateRun(this.services.db, this.run.id, this.#shown(changes))) return;
    this.#ended = true;
    throw new SlipwayError('template_run_ended', `Template run ${this.run.id} was already ended; this runner stopped`);
  }

  /** A change of the run as it may be shown: redacted, then its error cut to an event's size. */
  #shown(changes: RunChanges): RunChanges {
    const shown = this.#redactor.value(changes);
    if (shown.error !== undefined) shown.error = cut(shown.error);
    return shown;
  }

  async #event(type: 'step' | 'log' | 'run', stepId: string, message: string) {
    if (this.#ended) return; // the run's events ended with whoever ended it
    const shown = cut(this.#redactor.text(message));
    await appendTemplateRunEvent(this.services.db, {
      runId: this.run.id,
      seq: ++this.#seq,
      type,
      stepId,
      message: shown,
    });
    this.hooks.onEvent(this.run.id);
  }
}

type RunChanges = Parameters<typeof updateTemplateRun>[2];

/** A step's `if`, as Backstage reads it: an empty list is false, like every falsy value. */
function truthy(value: unknown): boolean {
  return Array.isArray(value) ? value.length > 0 : Boolean(value);
}

/** A text cut to templateLimits.eventChars, saying so. Cut after redacting: a cut secret would escape. */
function cut(text: string): string {
  const limit = templateLimits.eventChars;
  if (text.length <= limit) return text;
  return `${text.slice(0, limit)}… [cut: an event holds at most ${formatSize(limit)} (eventChars)]`;
}

function checkOutputSize(what: string, output: Record<string, unknown>): void {
  const bytes = Buffer.byteLength(JSON.stringify(output));
  if (bytes > templateLimits.outputBytes)
    throw limitError(
      `${what} is ${bytes.toLocaleString('en')} bytes of JSON`,
      'outputBytes',
      templateLimits.outputBytes,
    );
}

async function dryRunFiles(workspace: Workspace): Promise<DryRunFile[]> {
  let total = 0;
  return (await workspace.files()).map((file) => {
    const text = asText(file.content);
    const fits = text !== null && file.content.length <= fileCap && total + file.content.length <= totalCap;
    if (fits) total += file.content.length;
    return {
      path: file.path,
      size: file.content.length,
      content: fits ? text : null,
      ...(text !== null && !fits ? { truncated: true } : {}),
    };
  });
}
