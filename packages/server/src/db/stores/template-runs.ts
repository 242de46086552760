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
  run: Pick<TemplateRun, 'templateRef' | 'parameters' | 'dryRun' | 'owner' | 'steps' | 'createdBy'>,
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
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toRun(row);
}

export async function updateTemplateRun(
  db: Kysely<Schema>,
  id: string,
  changes: Partial<Pick<TemplateRun, 'status' | 'steps' | 'output' | 'error'>> & { finished?: boolean },
): Promise<void> {
  await db
    .updateTable('template_runs')
    .set({
      ...(changes.status ? { status: changes.status } : {}),
      ...(changes.steps ? { steps: JSON.stringify(changes.steps) } : {}),
      ...(changes.output ? { output: JSON.stringify(changes.output) } : {}),
      ...(changes.error !== undefined ? { error: changes.error } : {}),
      ...(changes.finished ? { finished_at: new Date() } : {}),
    })
    .where('id', '=', id)
    .execute();
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
