import type {
  CreateInspectionRequest,
  Inspection,
  OwnerLevel,
  SetReviewerRequest,
} from '@tracker/shared';
import { isInspectorateKind } from '@tracker/shared';
import { and, eq, isNull } from 'drizzle-orm';

import { recordAudit } from '../audit/record';
import { auditActor } from '../auth/actor';
import type { WriteContext } from '../auth/context';
import type { Db } from '../db/client';
import { actionPlans } from '../db/schema/action-plans';
import { inspections } from '../db/schema/inspections';
import { orgUnits } from '../db/schema/org-units';
import { users } from '../db/schema/users';
import { mayReviewFor } from '../users/people';
import { HttpProblem, badRequest, notFound } from '../http/errors';
import { findInspection } from './queries';

export type InspectionValues = Pick<
  typeof inspections.$inferInsert,
  'regionId' | 'title' | 'kind' | 'letterDate' | 'author' | 'addressee' | 'reviewerId'
>;

/**
 * Inserts an inspection with its draft action plan: every inspection has its plan from the
 * start, so the region can begin answering as soon as the recommendations are loaded. The
 * seed loads the demo letter through here too.
 */
export async function insertInspectionWithPlan(
  tx: Db,
  values: InspectionValues,
): Promise<{ inspectionId: string; planId: string }> {
  const [inspection] = await tx
    .insert(inspections)
    .values(values)
    .returning({ id: inspections.id });
  const [plan] = await tx
    .insert(actionPlans)
    .values({ inspectionId: inspection!.id, regionId: values.regionId })
    .returning({ id: actionPlans.id });
  return { inspectionId: inspection!.id, planId: plan!.id };
}

/** The unit that answers for a recommendation at each owner level, as the letter addresses it. */
export function defaultOwningUnit(
  level: OwnerLevel,
  units: { sourcePduId: string; regionId: string; hmppsId: string },
): string {
  return { pdu: units.sourcePduId, region: units.regionId, hmpps: units.hmppsId }[level];
}

/**
 * The region must be a region. Its row is locked (in a mode that lets other writes refer to
 * it) so two administrators loading the same letter at once take turns, and the second is
 * told it is loaded.
 */
async function checkRegion(tx: Db, regionId: string): Promise<void> {
  const [unit] = await tx
    .select({ type: orgUnits.type, name: orgUnits.name, retiredAt: orgUnits.retiredAt })
    .from(orgUnits)
    .where(eq(orgUnits.id, regionId))
    .for('no key update');
  if (unit?.type !== 'region')
    throw badRequest('An inspection belongs to a region.', [
      { path: 'regionId', message: 'must be a region' },
    ]);
  if (unit.retiredAt)
    throw badRequest(`${unit.name} has been retired: it takes no new inspections.`, [
      { path: 'regionId', message: 'is a retired region' },
    ]);
}

/**
 * An HMPPS plan's reviewer: a national lead, or a lead of the inspected region (its lead for
 * quality), still active. Who submitted a version may not review it; that is checked then.
 */
async function checkReviewer(tx: Db, reviewerId: string, regionId: string): Promise<void> {
  const [person] = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, reviewerId), isNull(users.disabledAt), mayReviewFor(regionId)));
  if (!person)
    throw badRequest('Name a national lead or a lead of the inspected region as the reviewer.', [
      { path: 'reviewerId', message: "is not an active national lead or this region's lead" },
    ]);
}

/** The seed and people name an inspection by its region, kind and letter date: one of each. */
async function checkNotLoaded(tx: Db, input: CreateInspectionRequest): Promise<void> {
  const [existing] = await tx
    .select({ id: inspections.id })
    .from(inspections)
    .where(
      and(
        eq(inspections.regionId, input.regionId),
        eq(inspections.kind, input.kind),
        eq(inspections.letterDate, input.letterDate),
      ),
    );
  if (existing)
    throw new HttpProblem(
      409,
      'Conflict',
      'This region already has an inspection of this kind with this letter date.',
      [{ path: 'letterDate', message: 'is the date of an inspection already loaded' }],
    );
}

/** An administrator loads a new inspection; its recommendations are imported next. */
export async function createInspection(
  db: Db,
  input: CreateInspectionRequest,
  context: WriteContext,
): Promise<Inspection> {
  return db.transaction(async (tx) => {
    await checkRegion(tx, input.regionId);
    if (input.reviewerId) await checkReviewer(tx, input.reviewerId, input.regionId);
    await checkNotLoaded(tx, input);
    const { inspectionId, planId } = await insertInspectionWithPlan(tx, input);
    await recordAudit(tx, {
      ...auditActor(context.actor),
      action: 'inspection.created',
      subjectType: 'inspection',
      subjectId: inspectionId,
      regionId: input.regionId,
      requestId: context.requestId,
      after: { ...input, actionPlanId: planId },
    });
    return (await findInspection(tx, inspectionId))!;
  });
}

/**
 * An administrator names who reviews an HMPPS plan, e.g. when the reviewer leaves. Versions
 * awaiting review wait on the new reviewer from now on.
 */
export async function setReviewer(
  db: Db,
  inspectionId: string,
  input: SetReviewerRequest,
  context: WriteContext,
): Promise<Inspection> {
  return db.transaction(async (tx) => {
    const [inspection] = await tx
      .select()
      .from(inspections)
      .where(eq(inspections.id, inspectionId))
      .for('update');
    if (!inspection) throw notFound('Inspection', inspectionId);
    if (isInspectorateKind(inspection.kind))
      throw new HttpProblem(
        409,
        'Conflict',
        'HM Inspectorate of Probation reviews this kind of inspection.',
        [{ path: 'reviewerId', message: 'cannot be named for an inspectorate kind' }],
      );
    await checkReviewer(tx, input.reviewerId, inspection.regionId);
    await tx
      .update(inspections)
      .set({ reviewerId: input.reviewerId, updatedAt: context.now })
      .where(eq(inspections.id, inspectionId));
    await recordAudit(tx, {
      ...auditActor(context.actor),
      action: 'inspection.reviewer_named',
      subjectType: 'inspection',
      subjectId: inspectionId,
      regionId: inspection.regionId,
      requestId: context.requestId,
      before: { reviewerId: inspection.reviewerId },
      after: { reviewerId: input.reviewerId },
    });
    return (await findInspection(tx, inspectionId))!;
  });
}
