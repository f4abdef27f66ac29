import type {
  PlanEventPage,
  PlanVersion,
  PlanVersionPage,
  PlanVersionSummary,
  VersionListQuery,
} from '@tracker/shared';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';

import type { Actor } from '../auth/actor';
import type { PlanSubject } from '../auth/policy';
import { versionAllowed } from '../auth/allowed';
import type { Db } from '../db/client';
import type { reviewThreads } from '../db/schema/plan-versions';
import { planEvents, planVersions } from '../db/schema/plan-versions';
import { iso } from '../http/iso';
import { type KeysetOrder, afterCursor, orderByKeyset, toPage } from '../http/pagination';

type VersionRow = typeof planVersions.$inferSelect;

const newestVersionFirst: KeysetOrder = {
  name: '-number',
  columns: [planVersions.number, planVersions.id],
  descending: true,
  cursorValues: z.tuple([z.number().int(), z.uuid()]),
};

/** Oldest first, in the order written: the plan's events, and (in reviews/) its threads. */
export const inSequence = (
  column: typeof planEvents.sequence | typeof reviewThreads.sequence,
): KeysetOrder => ({
  name: 'sequence',
  columns: [column],
  descending: false,
  cursorValues: z.tuple([z.number().int()]),
});
const eventOrder = inSequence(planEvents.sequence);

export const person = (id: string | null, name: string | null) =>
  id && name ? { id, name } : null;

export function toVersionSummary(row: VersionRow): PlanVersionSummary {
  return {
    planId: row.planId,
    number: row.number,
    kind: row.kind,
    header: row.document.header,
    note: row.note,
    submittedBy: person(row.submittedById, row.submittedByLabel),
    submittedAt: iso(row.submittedAt),
    review:
      row.decision && row.reviewedAt
        ? {
            decision: row.decision,
            reasons: row.decisionReasons,
            reviewedBy: person(row.reviewedById, row.reviewedByLabel),
            reviewedAt: iso(row.reviewedAt),
          }
        : null,
  };
}

export async function listVersions(
  db: Db,
  planId: string,
  query: VersionListQuery,
): Promise<PlanVersionPage> {
  const rows = await db
    .select()
    .from(planVersions)
    .where(and(eq(planVersions.planId, planId), afterCursor(newestVersionFirst, query.cursor)))
    .orderBy(...orderByKeyset(newestVersionFirst))
    .limit(query.limit + 1);
  return toPage(
    rows,
    query.limit,
    newestVersionFirst,
    (row) => [row.number, row.id],
    toVersionSummary,
  );
}

export async function findVersionRow(
  db: Db,
  planId: string,
  number: number,
): Promise<VersionRow | undefined> {
  const [row] = await db
    .select()
    .from(planVersions)
    .where(and(eq(planVersions.planId, planId), eq(planVersions.number, number)));
  return row;
}

export function versionEvidenceUrl(planId: string, number: number, evidenceId: string): string {
  return `/api/v1/action-plans/${planId}/versions/${number}/evidence/${evidenceId}/content`;
}

/** A version in full; its files download through the version, whatever became of them since. */
export function toVersion(row: VersionRow, viewer: Actor, plan: PlanSubject): PlanVersion {
  const summary = toVersionSummary(row);
  return {
    ...summary,
    allowed: versionAllowed(
      viewer,
      { reviewed: summary.review !== null, submittedById: row.submittedById },
      plan,
    ),
    recommendations: row.document.recommendations.map((recommendation) => ({
      ...recommendation,
      actions: recommendation.actions.map((action) => ({
        ...action,
        evidence: action.evidence.map((item) => ({
          ...item,
          downloadUrl:
            item.kind === 'file' ? versionEvidenceUrl(row.planId, row.number, item.id) : null,
        })),
      })),
    })),
  };
}

/** Whether a version holds an evidence item (so its file may be downloaded through it). */
export function versionHoldsEvidence(row: VersionRow, evidenceId: string): boolean {
  return row.document.recommendations.some((recommendation) =>
    recommendation.actions.some((action) => action.evidence.some((item) => item.id === evidenceId)),
  );
}

export async function listPlanEvents(
  db: Db,
  planId: string,
  query: VersionListQuery,
): Promise<PlanEventPage> {
  const rows = await db
    .select()
    .from(planEvents)
    .where(and(eq(planEvents.planId, planId), afterCursor(eventOrder, query.cursor)))
    .orderBy(...orderByKeyset(eventOrder))
    .limit(query.limit + 1);
  return toPage(
    rows,
    query.limit,
    eventOrder,
    (row) => [row.sequence],
    (row) => ({
      id: row.id,
      kind: row.kind,
      versionNumber: row.versionNumber,
      actor: row.actorLabel,
      detail: row.detail,
      at: iso(row.createdAt),
    }),
  );
}
