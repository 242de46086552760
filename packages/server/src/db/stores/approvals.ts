import type { Kysely, Selectable } from 'kysely';
import type { ApprovalDecision, ReleaseApprovalsTable, Schema } from '../schema.ts';

/** A decision on a release waiting for approval: who, what, when. Never changed afterwards. */
export interface ApprovalRecord {
  id: string;
  releaseId: string;
  decision: ApprovalDecision;
  actor: string;
  comment: string;
  createdAt: Date;
}

export async function recordApproval(
  db: Kysely<Schema>,
  input: { releaseId: string; decision: ApprovalDecision; actor: string; comment?: string },
): Promise<ApprovalRecord> {
  const row = await db
    .insertInto('release_approvals')
    .values({ release_id: input.releaseId, decision: input.decision, actor: input.actor, comment: input.comment ?? '' })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toApproval(row);
}

export async function approvalsOf(db: Kysely<Schema>, releaseIds: readonly string[]): Promise<ApprovalRecord[]> {
  if (releaseIds.length === 0) return [];
  const rows = await db
    .selectFrom('release_approvals')
    .selectAll()
    .where('release_id', 'in', [...releaseIds])
    .orderBy('created_at')
    .execute();
  return rows.map(toApproval);
}

function toApproval(row: Selectable<ReleaseApprovalsTable>): ApprovalRecord {
  return {
    id: row.id,
    releaseId: row.release_id,
    decision: row.decision,
    actor: row.actor,
    comment: row.comment,
    createdAt: row.created_at,
  };
}
