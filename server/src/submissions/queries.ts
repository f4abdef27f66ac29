import type {
  PlanEventPage,
  PlanVersion,
  PlanVersionPage,
  PlanVersionSummary,
  ReviewThread,
  ReviewThreadListQuery,
  ReviewThreadPage,
  VersionListQuery,
} from '@tracker/shared';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';

import type { Db } from '../db/client';
import { actionPlans } from '../db/schema/action-plans';
import { actions } from '../db/schema/actions';
import {
  planEvents,
  planVersions,
  reviewMessages,
  reviewThreads,
} from '../db/schema/plan-versions';
import { recommendations } from '../db/schema/recommendations';
import { iso } from '../http/iso';
import { type KeysetOrder, afterCursor, orderByKeyset, toPage } from '../http/pagination';
import { activePeople } from '../notifications/notify';

type VersionRow = typeof planVersions.$inferSelect;

const newestVersionFirst: KeysetOrder = {
  name: '-number',
  columns: [planVersions.number, planVersions.id],
  descending: true,
  cursorValues: z.tuple([z.number().int(), z.uuid()]),
};

const inSequence = (
  column: typeof planEvents.sequence | typeof reviewThreads.sequence,
): KeysetOrder => ({
  name: 'sequence',
  columns: [column],
  descending: false,
  cursorValues: z.tuple([z.number().int()]),
});
const eventOrder = inSequence(planEvents.sequence);
const threadOrder = inSequence(reviewThreads.sequence);

const person = (id: string | null, name: string | null) => (id && name ? { id, name } : null);

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
export function toVersion(row: VersionRow): PlanVersion {
  return {
    ...toVersionSummary(row),
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

function selectThreads(db: Db) {
  return db
    .select({ thread: reviewThreads, versionNumber: planVersions.number })
    .from(reviewThreads)
    .innerJoin(planVersions, eq(planVersions.id, reviewThreads.versionId));
}
type ThreadRow = Awaited<ReturnType<ReturnType<typeof selectThreads>['execute']>>[number];

async function withMessages(db: Db, rows: ThreadRow[]): Promise<Map<string, ReviewThread>> {
  const messages =
    rows.length === 0
      ? []
      : await db
          .select()
          .from(reviewMessages)
          .where(
            inArray(
              reviewMessages.threadId,
              rows.map((row) => row.thread.id),
            ),
          )
          .orderBy(asc(reviewMessages.sequence));
  return new Map(
    rows.map(({ thread, versionNumber }) => [
      thread.id,
      {
        id: thread.id,
        planId: thread.planId,
        versionNumber,
        subjectKind: thread.subjectKind,
        subjectId: thread.subjectId,
        subjectLabel: thread.subjectLabel,
        verdict: thread.verdict,
        messages: messages
          .filter((message) => message.threadId === thread.id)
          .map((message) => ({
            id: message.id,
            author: person(message.authorId, message.authorLabel),
            authorLabel: message.authorLabel,
            authorRole: message.authorRole,
            body: message.body,
            createdAt: iso(message.createdAt),
          })),
        createdAt: iso(thread.createdAt),
        updatedAt: iso(thread.updatedAt),
      },
    ]),
  );
}

export async function listThreads(
  db: Db,
  planId: string,
  query: ReviewThreadListQuery,
): Promise<ReviewThreadPage> {
  const rows = await selectThreads(db)
    .where(
      and(
        eq(reviewThreads.planId, planId),
        query.versionNumber ? eq(planVersions.number, query.versionNumber) : undefined,
        query.subjectId ? eq(reviewThreads.subjectId, query.subjectId) : undefined,
        afterCursor(threadOrder, query.cursor),
      ),
    )
    .orderBy(...orderByKeyset(threadOrder))
    .limit(query.limit + 1);
  const threads = await withMessages(db, rows.slice(0, query.limit));
  return toPage(
    rows,
    query.limit,
    threadOrder,
    (row) => [row.thread.sequence],
    (row) => threads.get(row.thread.id)!,
  );
}

/** One thread with its plan's region and status (for the policy). */
export async function findThread(db: Db, threadId: string) {
  const [row] = await selectThreads(db).where(eq(reviewThreads.id, threadId));
  if (!row) return undefined;
  const [plan] = await db
    .select({ id: actionPlans.id, regionId: actionPlans.regionId, status: actionPlans.status })
    .from(actionPlans)
    .where(eq(actionPlans.id, row.thread.planId));
  return { thread: (await withMessages(db, [row])).get(threadId)!, plan: plan! };
}

/**
 * The people a comment on a subject concerns: for an action, its owner and its PDU's head of
 * operations; for a recommendation, its lead (the region lead, or national leads for HMPPS
 * work) and the owning PDU's head of operations.
 */
export async function subjectPeople(
  db: Db,
  regionId: string,
  subject: { subjectKind: 'recommendation' | 'action'; subjectId: string },
): Promise<string[]> {
  if (subject.subjectKind === 'action') {
    const [action] = await db
      .select({ ownerId: actions.ownerId, owningUnitId: actions.owningUnitId })
      .from(actions)
      .where(eq(actions.id, subject.subjectId));
    if (!action) return [];
    return [
      ...(action.ownerId ? [action.ownerId] : []),
      ...(await activePeople(db, {
        roles: ['head_of_operations'],
        unitIds: [action.owningUnitId],
      })),
    ];
  }
  const [recommendation] = await db
    .select({ ownerLevel: recommendations.ownerLevel, owningUnitId: recommendations.owningUnitId })
    .from(recommendations)
    .where(eq(recommendations.id, subject.subjectId));
  if (!recommendation) return [];
  const leads =
    recommendation.ownerLevel === 'hmpps'
      ? await activePeople(db, { roles: ['national_lead'] })
      : await activePeople(db, { roles: ['region_lead'], unitIds: [regionId] });
  return [
    ...leads,
    ...(await activePeople(db, {
      roles: ['head_of_operations'],
      unitIds: [recommendation.owningUnitId],
    })),
  ];
}
