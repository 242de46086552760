/**
 * Golden-path templates for the API and the CLI: listing them, starting runs (a dry run is
 * answered at once; a real one runs in the background), run history and the events of a run.
 */
import { EventEmitter } from 'node:events';
import { type Caller, isAdmin, redactParameters, runRedactor, SlipwayError, validateParameters } from '@slipway/core';
import { instanceStaleAfterMs } from '../db/stores/instances.ts';
import {
  failInterruptedRuns,
  getTemplateRun,
  insertTemplateRun,
  listTemplateRunEvents,
  listTemplateRuns,
  type TemplateRun,
  type TemplateRunEvent,
} from '../db/stores/template-runs.ts';
import type { ActionServices } from './actions/context.ts';
import { preflight, TemplateRunner } from './runner.ts';
import { type SourcedTemplate, TemplateSource } from './source.ts';

export interface TemplateServiceDeps extends ActionServices {
  templatesDir: string;
  /** This process's server instance (server_instances.id): every run it starts records it. */
  instanceId: string;
  log?: { info(obj: object, msg?: string): void; warn(obj: object, msg?: string): void };
}

export interface StartRun {
  parameters: Record<string, unknown>;
  /** Readable as `${{ secrets.NAME }}`; never stored, and hidden wherever the run is shown. */
  secrets?: Record<string, string>;
  dryRun?: boolean;
  owner: string | null;
}

/** The error of a run found interrupted, and (after `failed: `) its last event. */
export const interruptedReason =
  'the Slipway server restarted (or stopped) while the run was under way; start the template again';

export class TemplateService {
  readonly source: TemplateSource;
  readonly #events = new EventEmitter().setMaxListeners(0);
  readonly #running = new Set<Promise<unknown>>();

  constructor(private readonly deps: TemplateServiceDeps) {
    this.source = new TemplateSource(deps.db, deps.templatesDir);
  }

  list(): Promise<SourcedTemplate[]> {
    return this.source.list();
  }

  get(namespace: string, name: string): Promise<SourcedTemplate> {
    return this.source.get(namespace, name);
  }

  /** Validates and records a run; a dry run is awaited, a real one left running. */
  async start(namespace: string, name: string, request: StartRun, actor: string): Promise<TemplateRun> {
    const template = await this.get(namespace, name);
    const parameters = validateParameters(template.definition, request.parameters);
    await preflight(template);
    const secrets = request.secrets ?? {};
    const redactor = runRedactor(template.definition, parameters, secrets);
    const run = await insertTemplateRun(this.deps.db, {
      templateRef: template.ref,
      parameters: redactor.value(redactParameters(template.definition, parameters)),
      dryRun: request.dryRun ?? false,
      owner: request.owner,
      createdBy: actor,
      instanceId: this.deps.instanceId,
      steps: template.definition.steps.map((s) => ({
        id: s.id,
        name: s.name,
        action: s.action,
        status: 'pending',
        startedAt: null,
        finishedAt: null,
        output: {},
      })),
    });
    const runner = new TemplateRunner(
      run,
      template,
      parameters,
      this.deps,
      { onEvent: (id) => this.#events.emit(id) },
      secrets,
    );
    const done = runner.execute().then(
      (result) =>
        this.deps.log?.info(
          {
            run: run.id,
            template: template.ref,
            status: result.status,
            ...(result.error ? { error: result.error } : {}),
          },
          'template run ended',
        ),
      // Only the database failing gets here; its message may quote the run's data.
      (error: unknown) =>
        this.deps.log?.warn(
          { run: run.id, error: runner.redact(error instanceof Error ? error.message : String(error)) },
          'template run could not be recorded',
        ),
    );
    this.#running.add(done);
    void done.finally(() => this.#running.delete(done));
    if (run.dryRun) await done;
    return run.dryRun ? getTemplateRun(this.deps.db, run.id) : run;
  }

  /**
   * Ends as failed the runs a restart or crash cut short: unfinished runs whose server
   * instance no longer heartbeats (see failInterruptedRuns). The server calls it at start-up,
   * once registered, and at every heartbeat; a run of a replica that is alive is left alone.
   * `soleServer` (PGlite: one process per data directory) says no other server can be alive,
   * so every run this process did not start is interrupted, however fresh its heartbeat.
   * Returns the ids of the runs it ended.
   */
  async failInterruptedRuns(options: { now?: Date; soleServer?: boolean } = {}): Promise<string[]> {
    const now = options.now ?? new Date();
    const ended = await failInterruptedRuns(this.deps.db, {
      self: this.deps.instanceId,
      aliveSince: options.soleServer ? null : new Date(now.getTime() - instanceStaleAfterMs),
      reason: interruptedReason,
      now,
    });
    for (const id of ended) this.#events.emit(id);
    return ended;
  }

  /** The caller's own runs; an admin sees everyone's. */
  listRuns(caller: Caller): Promise<TemplateRun[]> {
    return listTemplateRuns(this.deps.db, isAdmin(caller) ? null : caller.username);
  }

  async getRun(id: string, caller: Caller): Promise<TemplateRun> {
    const run = await getTemplateRun(this.deps.db, id);
    if (run.createdBy !== caller.username && !isAdmin(caller))
      throw new SlipwayError('forbidden', 'Only the one who started a template run, or an admin, may read it');
    return run;
  }

  /**
   * The run's events after `afterSeq`, as they happen, until the run ends. Followers wake on
   * this server's events and poll as well, so a run on another replica is followed too.
   */
  async *follow(id: string, afterSeq: number, signal?: AbortSignal): AsyncGenerator<TemplateRunEvent> {
    let last = afterSeq;
    while (!signal?.aborted) {
      const events = await listTemplateRunEvents(this.deps.db, id, last);
      for (const event of events) {
        yield event;
        last = event.seq;
        if (event.type === 'run') return;
      }
      if (events.length === 0) {
        const run = await getTemplateRun(this.deps.db, id);
        if (run.finishedAt && (await listTemplateRunEvents(this.deps.db, id, last)).length === 0) return;
        await this.#wake(id, 1000, signal);
      }
    }
  }

  #wake(id: string, ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.#events.off(id, done);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.#events.on(id, done);
      signal?.addEventListener('abort', done);
    });
  }

  /** Waits for runs in flight (used on shutdown and by tests). */
  async drain(): Promise<void> {
    await Promise.allSettled([...this.#running]);
  }
}
