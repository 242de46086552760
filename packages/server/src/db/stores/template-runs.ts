import { SlipwayError } from '@slipway/core';
import type { Kysely } from 'kysely';
import type { Schema } from '../schema.ts';

export type TemplateRunStatus = 'queued' | 'running' | 'succeeded' | 'failed';
export type StepStatus = 'pending' | 'running' | 'succeeded' | 'failed' | 'skipped';

export interface TemplateRunStep {
  id: string;
  name: string;
  action: string;
  status: StepStatus;
  startedAt: string | null;
  finishedAt: string | null;
  output: Record<string, unknown>;
}

export interface TemplateRun {
  id: string;
  templateRef: string;
  parameters: Record<string, unknown>;
  status: TemplateRunStatus;
  dryRun: boolean;
  owner: string | null;
  steps: TemplateRunStep[];
  output: Record<string, unknown>;
  error: string;
  createdBy: string;
  createdAt: string;
  finishedAt: string | null;
}

export interface TemplateRunEvent {
  seq: number;
  type: 'step' | 'log' | 'run';
  stepId: string;
  message: string;
  createdAt: string;
}

type Row = Awaited<ReturnType<typeof selectRuns>>[number];

function selectRuns(db: Kysely<Schema>) {
  return db.selectFrom('template_runs').selectAll().orderBy('created_at', 'desc').execute();
}

function toRun(row: Row): TemplateRun {
  return {
    id: row.id,
    templateRef: row.template_ref,
    parameters: row.parameters,
    status: row.status,
    dryRun: row.dry_run,
    owner: row.owner,
    steps: row.steps as TemplateRunStep[],
    output: row.output,
    error: row.error,
    createdBy: row.created_by,
    createdAt: new Date(row.created_at).toISOString(),
    finishedAt: row.finished_at ? new Date(row.finished_at).toISOString() : null,
  };
}

export async function insertTemplateRun(
  db: Kysely<Schema>,
  run: Pick<TemplateRun, 'templateRef' | 'parameters' | 'dryRun' | 'owner' | 'steps' | 'createdBy'> & {
    /** The server instance that runs it (see failInterruptedRuns). */
    instanceId: string;
  },
): Promise<TemplateRun> {
  const row = await db
    .insertInto('template_runs')
    .values({
      template_ref: run.templateRef,
      parameters: JSON.stringify(run.parameters),
      dry_run: run.dryRun,
      owner: run.owner,
      steps: JSON.stringify(run.steps),
      created_by: run.createdBy,
      finished_at: null,
      instance_id: run.instanceId,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toRun(row);
}

/**
 * Changes a run that has not finished. A finished run is final: false means it had already
 * ended (another server found it interrupted), and the runner should stop writing to it.
 */
export async function updateTemplateRun(
  db: Kysely<Schema>,
  id: string,
  changes: Partial<Pick<TemplateRun, 'status' | 'steps' | 'output' | 'error'>> & { finished?: boolean },
): Promise<boolean> {
  const result = await db
    .updateTable('template_runs')
    .set({
      ...(changes.status ? { status: changes.status } : {}),
      ...(changes.steps ? { steps: JSON.stringify(changes.steps) } : {}),
      ...(changes.output ? { output: JSON.stringify(changes.output) } : {}),
      ...(changes.error !== undefined ? { error: changes.error } : {}),
      ...(changes.finished ? { finished_at: new Date() } : {}),
    })
    .where('id', '=', id)
    .where('finished_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function getTemplateRun(db: Kysely<Schema>, id: string): Promise<TemplateRun> {
  const row = /^[0-9a-f-]{36}$/i.test(id)
    ? await db.selectFrom('template_runs').selectAll().where('id', '=', id).executeTakeFirst()
    : undefined;
  if (!row) throw new SlipwayError('not_found', `Template run ${id} does not exist`);
  return toRun(row);
}

/** Newest first; `createdBy` null lists everyone's. */
export async function listTemplateRuns(db: Kysely<Schema>, createdBy: string | null, limit = 100) {
  let query = db.selectFrom('template_runs').selectAll().orderBy('created_at', 'desc').limit(limit);
  if (createdBy !== null) query = query.where('created_by', '=', createdBy);
  return (await query.execute()).map(toRun);
}

export async function appendTemplateRunEvent(
  db: Kysely<Schema>,
  event: { runId: string; seq: number; type: 'step' | 'log' | 'run'; stepId: string; message: string },
): Promise<void> {
  await db
    .insertInto('template_run_logs')
    .values({ run_id: event.runId, seq: event.seq, type: event.type, step_id: event.stepId, message: event.message })
    .execute();
}

/** The run's events after `afterSeq`, in order. */
export async function listTemplateRunEvents(
  db: Kysely<Schema>,
  runId: string,
  afterSeq = 0,
): Promise<TemplateRunEvent[]> {
  const rows = await db
    .selectFrom('template_run_logs')
    .selectAll()
    .where('run_id', '=', runId)
    .where('seq', '>', afterSeq)
    .orderBy('seq')
    .execute();
  return rows.map((r) => ({
    seq: r.seq,
    type: r.type,
    stepId: r.step_id,
    message: r.message,
    createdAt: new Date(r.created_at).toISOString(),
  }));
}

export interface InterruptedRuns {
  /** This process's instance: its own runs are never interrupted. */
  self: string;
  /**
   * Instances whose heartbeat is older than this are gone, with the runs they held. Null: no
   * other instance can be alive (PGlite, one process per data directory), whatever the rows say.
   */
  aliveSince: Date | null;
  /** The run's error, and its last event (`failed: <reason>`). */
  reason: string;
  now?: Date;
}

/**
 * Ends as failed every unfinished run that no live server instance holds: its instance has
 * stopped beating (or deregistered), or, for a run from before runs recorded their instance,
 * no live instance had started when it was created. The step that was running fails, with
 * a log line, and a final `run` event closes the run's events so streams following it end.
 * Each run is ended once, in one transaction; a run whose runner wrote an event meanwhile
 * (the sequence number is taken) is left for the next pass. Returns the runs it ended.
 */
export async function failInterruptedRuns(db: Kysely<Schema>, options: InterruptedRuns): Promise<string[]> {
  const unfinished = await db
    .selectFrom('template_runs')
    .select(['id', 'instance_id', 'created_at'])
    .where('finished_at', 'is', null)
    .where((eb) => eb.or([eb('instance_id', 'is', null), eb('instance_id', '!=', options.self)]))
    .execute();
  if (unfinished.length === 0) return [];
  const aliveSince = options.aliveSince;
  const live = aliveSince
    ? await db
        .selectFrom('server_instances')
        .select(['id', 'started_at'])
        .where('heartbeat_at', '>=', aliveSince)
        .execute()
    : [];
  const liveIds = new Set(live.map((i) => i.id));
  const orphans = unfinished.filter((run) =>
    run.instance_id !== null
      ? !liveIds.has(run.instance_id)
      : !live.some((i) => i.id !== options.self && new Date(i.started_at) <= new Date(run.created_at)),
  );
  const ended: string[] = [];
  for (const orphan of orphans) {
    try {
      if (await failRun(db, orphan.id, options.reason, options.now ?? new Date())) ended.push(orphan.id);
    } catch {
      // Its runner wrote meanwhile (a taken sequence number), or the database blinked: next pass.
    }
  }
  return ended;
}

async function failRun(db: Kysely<Schema>, id: string, reason: string, now: Date): Promise<boolean> {
  return db.transaction().execute(async (tx) => {
    const row = await tx
      .selectFrom('template_runs')
      .select(['steps'])
      .where('id', '=', id)
      .where('finished_at', 'is', null)
      .forUpdate()
      .executeTakeFirst();
    if (!row) return false; // ended meanwhile, by its runner or another server
    const steps = (row.steps as TemplateRunStep[]).map((step) =>
      step.status === 'running' ? { ...step, status: 'failed' as const, finishedAt: now.toISOString() } : step,
    );
    await tx
      .updateTable('template_runs')
      .set({ status: 'failed', error: reason, steps: JSON.stringify(steps), finished_at: now })
      .where('id', '=', id)
      .execute();
    const last = await tx
      .selectFrom('template_run_logs')
      .select((eb) => eb.fn.max('seq').as('seq'))
      .where('run_id', '=', id)
      .executeTakeFirst();
    let seq = Number(last?.seq ?? 0);
    const events = [
      ...steps
        .filter((step, i) => step.status === 'failed' && (row.steps as TemplateRunStep[])[i]?.status === 'running')
        .flatMap((step) => [
          { type: 'log' as const, step_id: step.id, message: `error: ${reason}` },
          { type: 'step' as const, step_id: step.id, message: 'failed' },
        ]),
      { type: 'run' as const, step_id: '', message: `failed: ${reason}` },
    ];
    await tx
      .insertInto('template_run_logs')
      .values(events.map((e) => ({ run_id: id, seq: ++seq, ...e })))
      .execute();
    return true;
  });
}
