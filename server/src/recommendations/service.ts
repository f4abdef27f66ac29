import { maxPageSize } from '@tracker/shared';
import type {
  CloseRecommendationRequest,
  Recommendation,
  RecommendationResponseRequest,
  UpdateRecommendationRequest,
} from '@tracker/shared';
import { and, eq } from 'drizzle-orm';

import { recordAudit } from '../audit/record';
import { type Actor, auditActor } from '../auth/actor';
import { hidden, requireChange } from '../auth/hidden';
import { canSeeInspection, readScopeOf, recommendationLeadAccess } from '../auth/policy';
import type { WriteContext } from '../auth/context';
import type { Db } from '../db/client';
import { actions } from '../db/schema/actions';
import { orgUnits } from '../db/schema/org-units';
import { recommendationLinks, recommendations } from '../db/schema/recommendations';
import { HttpProblem, badRequest, notFound } from '../http/errors';
import { findRecommendation } from './queries';
import { refreshPlanClosure } from '../plan-status/status';
import type { MeasureSettings } from '../outcome-measures/met';
import { listOutcomeMeasures } from '../outcome-measures/queries';
import { refreshRecommendationStatus } from './status';

type Found = NonNullable<Awaited<ReturnType<typeof findRecommendation>>>;

/** Loads a recommendation for reading: 404 outside the caller's region. */
export async function recommendationForReading(db: Db, actor: Actor, id: string): Promise<Found> {
  const found = await findRecommendation(db, id, readScopeOf(actor), actor);
  if (!found) throw notFound('Recommendation', id);
  if (!canSeeInspection(actor, { regionId: found.regionId, kind: found.inspectionKind }))
    throw hidden('Recommendation', id);
  return found;
}

/**
 * Loads a recommendation for a lead's change (with `correction`, a lead's or an
 * administrator's): 404 outside sight, 403 where one may only look.
 */
async function recommendationForChange(
  tx: Db,
  id: string,
  context: WriteContext,
  options: { correction?: boolean } = {},
): Promise<Found> {
  const found = await findRecommendation(tx, id, readScopeOf(context.actor), context.actor);
  if (!found) throw notFound('Recommendation', id);
  const subject = {
    regionId: found.regionId,
    ownerLevel: found.recommendation.ownerLevel,
    inspectionKind: found.inspectionKind,
  };
  requireChange(
    recommendationLeadAccess(context.actor, subject, options),
    { what: 'Recommendation', id },
    'Only the lead for this recommendation may do this.',
  );
  return found;
}

async function audit(
  tx: Db,
  context: WriteContext,
  found: Found,
  action: string,
  before: unknown,
  after: unknown,
) {
  await recordAudit(tx, {
    ...auditActor(context.actor),
    action,
    subjectType: 'recommendation',
    subjectId: found.recommendation.id,
    regionId: found.regionId,
    requestId: context.requestId,
    before,
    after,
  });
}

/**
 * "Addressed by" names a recommendation this one has an `addressed_by` link to: the link is
 * where the lead said, and others can see, which recommendation's actions answer it.
 */
async function requireAddressedByLink(tx: Db, id: string, addressedById: string): Promise<void> {
  const [link] = await tx
    .select({ id: recommendationLinks.id })
    .from(recommendationLinks)
    .where(
      and(
        eq(recommendationLinks.fromRecommendationId, id),
        eq(recommendationLinks.toRecommendationId, addressedById),
        eq(recommendationLinks.relation, 'addressed_by'),
      ),
    );
  if (!link) {
    throw new HttpProblem(
      409,
      'Conflict',
      'Link this recommendation as addressed by the other one first, then answer it so.',
      [
        {
          path: 'addressedById',
          message: 'must be a recommendation this one is linked to as addressed by',
        },
      ],
    );
  }
}

export async function respond(
  db: Db,
  id: string,
  input: RecommendationResponseRequest,
  context: WriteContext,
): Promise<Recommendation> {
  return db.transaction(async (tx) => {
    const found = await recommendationForChange(tx, id, context);
    if (input.decision === 'addressed_by')
      await requireAddressedByLink(tx, id, input.addressedById);
    await tx
      .update(recommendations)
      .set({
        responseDecision: input.decision,
        responseRationale: input.rationale ?? null,
        responseAcceptedPart:
          input.decision === 'partly_agreed' ? (input.acceptedPart ?? null) : null,
        responseAddressedById: input.decision === 'addressed_by' ? input.addressedById : null,
        respondedAt: context.now,
        respondedById: context.actor.kind === 'user' ? context.actor.id : null,
        updatedAt: context.now,
      })
      .where(eq(recommendations.id, id));
    await audit(
      tx,
      context,
      found,
      'recommendation.responded',
      found.recommendation.response,
      input,
    );
    return (await findRecommendation(tx, id, readScopeOf(context.actor), context.actor))!
      .recommendation;
  });
}

/** The unit type a recommendation's owner must be, by its owner level. */
const unitTypeForLevel = { pdu: 'pdu', region: 'region', hmpps: 'hmpps' } as const;

export async function correct(
  db: Db,
  id: string,
  input: UpdateRecommendationRequest,
  context: WriteContext,
): Promise<Recommendation> {
  return db.transaction(async (tx) => {
    const found = await recommendationForChange(tx, id, context, { correction: true });
    const { recommendation } = found;
    if (input.owningUnitId) {
      const [unit] = await tx.select().from(orgUnits).where(eq(orgUnits.id, input.owningUnitId));
      const wanted = unitTypeForLevel[recommendation.ownerLevel];
      const inRegion =
        unit &&
        (unit.type === 'hmpps' || unit.id === found.regionId || unit.parentId === found.regionId);
      if (!unit || unit.type !== wanted || !inRegion) {
        throw badRequest('The owning unit must fit the owner level.', [
          {
            path: 'owningUnitId',
            message: `must be a ${wanted} unit of this recommendation's region`,
          },
        ]);
      }
    }
    await tx
      .update(recommendations)
      .set({ themes: input.themes, owningUnitId: input.owningUnitId, updatedAt: context.now })
      .where(eq(recommendations.id, id));
    await audit(
      tx,
      context,
      found,
      'recommendation.corrected',
      { themes: recommendation.themes, owningUnitId: recommendation.owningUnit.id },
      input,
    );
    return (await findRecommendation(tx, id, readScopeOf(context.actor), context.actor))!
      .recommendation;
  });
}

/** The names of the recommendation's outcome measures that are not met (a handful at most). */
async function unmetMeasuresOf(
  tx: Db,
  recommendationId: string,
  settings: MeasureSettings,
): Promise<string[]> {
  const { items } = await listOutcomeMeasures(
    tx,
    { recommendationId, limit: maxPageSize },
    { regionId: null, livePlan: true, kinds: null },
    settings,
  );
  return items.filter((measure) => !measure.met).map((measure) => measure.name);
}

/** Closing needs every action verified closed or cancelled, or a "not agreed" response. */
export async function close(
  db: Db,
  id: string,
  input: CloseRecommendationRequest,
  context: WriteContext,
  measureSettings: MeasureSettings,
): Promise<Recommendation> {
  return db.transaction(async (tx) => {
    const found = await recommendationForChange(tx, id, context);
    if (found.recommendation.status === 'closed')
      throw new HttpProblem(409, 'Conflict', 'The recommendation is already closed.');
    const statuses = (
      await tx
        .select({ status: actions.status })
        .from(actions)
        .where(eq(actions.recommendationId, id))
    ).map((row) => row.status);
    const notAgreed = found.recommendation.response?.decision === 'not_agreed';
    const allClosed =
      statuses.length > 0 &&
      statuses.every((status) => status === 'verified_closed' || status === 'cancelled');
    const addressedBy = found.recommendation.response?.addressedBy;
    const addressedAndClosed =
      addressedBy !== null &&
      addressedBy !== undefined &&
      statuses.length === 0 &&
      (
        await tx
          .select({ status: recommendations.status })
          .from(recommendations)
          .where(eq(recommendations.id, addressedBy.id))
      )[0]?.status === 'closed';
    if (!notAgreed && !allClosed && !addressedAndClosed) {
      throw new HttpProblem(
        409,
        'Not ready to close',
        'Every action must be verified closed or cancelled first (or the recommendation not ' +
          'agreed, or addressed by one now closed).',
      );
    }
    const unmet = await unmetMeasuresOf(tx, id, measureSettings);
    if (unmet.length > 0 && !input.unmetMeasuresReason)
      throw badRequest(
        `${unmet.length === 1 ? 'An outcome measure is' : `${unmet.length} outcome measures are`} ` +
          `not met (${unmet.join('; ')}): say why the recommendation can close anyway.`,
        [
          {
            path: 'unmetMeasuresReason',
            message: 'is required while an outcome measure is not met',
          },
        ],
      );
    await tx
      .update(recommendations)
      .set({
        status: 'closed',
        closingNote: input.closingNote,
        unmetMeasuresReason: unmet.length > 0 ? input.unmetMeasuresReason! : null,
        closedAt: context.now,
        closedById: context.actor.kind === 'user' ? context.actor.id : null,
        updatedAt: context.now,
      })
      .where(eq(recommendations.id, id));
    await audit(
      tx,
      context,
      found,
      'recommendation.closed',
      { status: found.recommendation.status },
      input,
    );
    await refreshPlanClosure(tx, found.recommendation.inspectionId, context);
    return (await findRecommendation(tx, id, readScopeOf(context.actor), context.actor))!
      .recommendation;
  });
}

export async function reopen(
  db: Db,
  id: string,
  reason: string,
  context: WriteContext,
): Promise<Recommendation> {
  return db.transaction(async (tx) => {
    const found = await recommendationForChange(tx, id, context);
    if (found.recommendation.status !== 'closed')
      throw new HttpProblem(409, 'Conflict', 'The recommendation is not closed.');
    await tx
      .update(recommendations)
      .set({
        closedAt: null,
        closedById: null,
        closingNote: null,
        unmetMeasuresReason: null,
        updatedAt: context.now,
      })
      .where(eq(recommendations.id, id));
    await refreshRecommendationStatus(tx, id, context.now);
    await audit(
      tx,
      context,
      found,
      'recommendation.reopened',
      { closingNote: found.recommendation.closingNote },
      { reason },
    );
    await refreshPlanClosure(tx, found.recommendation.inspectionId, context);
    return (await findRecommendation(tx, id, readScopeOf(context.actor), context.actor))!
      .recommendation;
  });
}
