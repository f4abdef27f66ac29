import type { ReviewThread, ReviewThreadListQuery, ReviewThreadPage } from '@tracker/shared';
import { and, asc, eq, inArray } from 'drizzle-orm';

import type { Actor } from '../auth/actor';
import type { PlanSubject } from '../auth/policy';
import { reviewThreadAllowed } from '../auth/allowed';
import type { Db } from '../db/client';
import { actionPlans } from '../db/schema/action-plans';
import { actions } from '../db/schema/actions';
import { inspections } from '../db/schema/inspections';
import { planVersions, reviewMessages, reviewThreads } from '../db/schema/plan-versions';
import { recommendations } from '../db/schema/recommendations';
import { iso } from '../http/iso';
import { afterCursor, orderByKeyset, toPage } from '../http/pagination';
import { activePeople } from '../notifications/notify';
import { inSequence, person } from '../submissions/queries';

const threadOrder = inSequence(reviewThreads.sequence);

function selectThreads(db: Db) {
  return db
    .select({ thread: reviewThreads, versionNumber: planVersions.number })
    .from(reviewThreads)
    .innerJoin(planVersions, eq(planVersions.id, reviewThreads.versionId));
}
type ThreadRow = Awaited<ReturnType<ReturnType<typeof selectThreads>['execute']>>[number];

async function withMessages(
  db: Db,
  rows: ThreadRow[],
  viewer: Actor,
  plan: PlanSubject,
): Promise<Map<string, ReviewThread>> {
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
    rows.map(({ thread, versionNumber }) => {
      const own = messages.filter((message) => message.threadId === thread.id);
      return [
        thread.id,
        {
          id: thread.id,
          planId: thread.planId,
          versionNumber,
          subjectKind: thread.subjectKind,
          subjectId: thread.subjectId,
          subjectLabel: thread.subjectLabel,
          verdict: thread.verdict,
          messages: own.map((message) => ({
            id: message.id,
            author: person(message.authorId, message.authorLabel),
            authorLabel: message.authorLabel,
            authorRole: message.authorRole,
            body: message.body,
            createdAt: iso(message.createdAt),
          })),
          createdAt: iso(thread.createdAt),
          updatedAt: iso(thread.updatedAt),
          allowed: reviewThreadAllowed(viewer, { opened: own.length > 0 }, plan),
        },
      ];
    }),
  );
}

export async function listThreads(
  db: Db,
  plan: PlanSubject & { id: string },
  query: ReviewThreadListQuery,
  viewer: Actor,
): Promise<ReviewThreadPage> {
  const planId = plan.id;
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
  const threads = await withMessages(db, rows.slice(0, query.limit), viewer, plan);
  return toPage(
    rows,
    query.limit,
    threadOrder,
    (row) => [row.thread.sequence],
    (row) => threads.get(row.thread.id)!,
  );
}

/** One thread with its plan's region and status (for the policy). */
export async function findThread(db: Db, threadId: string, viewer: Actor) {
  const [row] = await selectThreads(db).where(eq(reviewThreads.id, threadId));
  if (!row) return undefined;
  const [plan] = await db
    .select({
      id: actionPlans.id,
      regionId: actionPlans.regionId,
      status: actionPlans.status,
      inspectionKind: inspections.kind,
      reviewerId: inspections.reviewerId,
    })
    .from(actionPlans)
    .innerJoin(inspections, eq(inspections.id, actionPlans.inspectionId))
    .where(eq(actionPlans.id, row.thread.planId));
  const threads = await withMessages(db, [row], viewer, plan!);
  return { thread: threads.get(threadId)!, plan: plan! };
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
