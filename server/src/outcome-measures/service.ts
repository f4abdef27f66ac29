import type {
  CreateMeasureReadingRequest,
  CreateOutcomeMeasureRequest,
  OutcomeMeasure,
  UpdateOutcomeMeasureRequest,
} from '@tracker/shared';
import { percentOf } from '@tracker/shared';
import { and, eq, sql } from 'drizzle-orm';

import { londonDateOf } from '../actions/rag';
import { recordAudit } from '../audit/record';
import { type Actor, auditActor } from '../auth/actor';
import { requireChange } from '../auth/hidden';
import { recommendationWorkAccess } from '../auth/policy';
import type { WriteContext } from '../auth/context';
import type { Db } from '../db/client';
import { measureReadings, outcomeMeasures } from '../db/schema/outcome-measures';
import { stale } from '../http/etag';
import { HttpProblem, badRequest, notFound } from '../http/errors';
import { type MeasureSettings, monthsToHoldTarget } from './met';
import {
  type RecommendationSubject,
  countReadings,
  findMeasureRow,
  findOutcomeMeasure,
  findRecommendationSubject,
  lastReadingPostedAt,
} from './queries';

export { monthsToHoldTarget };

/**
 * Writes to outcome measures. Who may change a measure, add one or post a reading is who may
 * add actions to its recommendation (`canAddActionTo`): the recommendation's lead, the region
 * lead anywhere in their region, a head of operations on their own PDU's recommendations, and
 * `read_write` API clients, which act with the role of their unit. Everyone else who may see
 * the measure gets 403; whoever may not see it (inspectors, other regions) gets 404.
 */

export interface MeasureContext extends WriteContext {
  settings: MeasureSettings;
}

/** Measures are work under their recommendation: hidden (404) or seen only (403) as it is. */
function checkMayChange(
  actor: Actor,
  recommendation: RecommendationSubject,
  asked: { what: string; id: string },
  refusal: string,
) {
  requireChange(recommendationWorkAccess(actor, recommendation), asked, refusal);
}

/** Loads a measure for a change: 404 outside the caller's sight, 403 where they may only look. */
async function measureForChange(tx: Db, id: string, actor: Actor) {
  const row = await findMeasureRow(tx, id);
  if (!row) throw notFound('Outcome measure', id);
  checkMayChange(
    actor,
    row.recommendation,
    { what: 'Outcome measure', id },
    'You may look at this outcome measure but not change it.',
  );
  return row;
}

/** The fields people edit, as the API shows them; what audit events record. */
function editable(measure: OutcomeMeasure) {
  const { name, unit, direction, baseline, target } = measure;
  return { name, unit, direction, baseline, target };
}

export async function createOutcomeMeasure(
  db: Db,
  recommendationId: string,
  input: CreateOutcomeMeasureRequest,
  context: MeasureContext,
): Promise<OutcomeMeasure> {
  const actor = context.actor;
  return db.transaction(async (tx) => {
    const recommendation = await findRecommendationSubject(tx, recommendationId);
    if (!recommendation) throw notFound('Recommendation', recommendationId);
    checkMayChange(
      actor,
      recommendation,
      { what: 'Recommendation', id: recommendationId },
      'You may not add outcome measures to this recommendation.',
    );
    const [created] = await tx
      .insert(outcomeMeasures)
      .values({
        recommendationId,
        name: input.name,
        unit: input.unit,
        direction: input.direction,
        baselineValue: input.baseline.value,
        baselineDate: input.baseline.date ?? null,
        baselinePeriod: input.baseline.period,
        baselineSource: input.baseline.source,
        targetValue: input.target?.value ?? null,
        targetDate: input.target?.date ?? null,
        createdAt: context.now,
        updatedAt: context.now,
      })
      .returning({ id: outcomeMeasures.id });
    const measure = (await findOutcomeMeasure(tx, created!.id, context.settings))!.measure;
    await recordAudit(tx, {
      ...auditActor(actor),
      action: 'outcome_measure.created',
      subjectType: 'outcome_measure',
      subjectId: measure.id,
      regionId: recommendation.regionId,
      requestId: context.requestId,
      after: { recommendationId, ...editable(measure) },
    });
    return measure;
  });
}

/**
 * `expectedRevision` reads If-Match; it is asked only once the caller is known to be allowed,
 * so a missing or stale If-Match never tells an outsider more than a 404 would.
 */
export async function updateOutcomeMeasure(
  db: Db,
  id: string,
  input: UpdateOutcomeMeasureRequest,
  expectedRevision: () => number,
  context: MeasureContext,
): Promise<OutcomeMeasure> {
  const actor = context.actor;
  return db.transaction(async (tx) => {
    const row = await measureForChange(tx, id, actor);
    const revision = expectedRevision();
    if (row.measure.revision !== revision) throw stale();
    const before = (await findOutcomeMeasure(tx, id, context.settings))!.measure;
    // Compare-and-set on the revision: of two edits based on the same read, one wins.
    const updated = await tx
      .update(outcomeMeasures)
      .set({
        name: input.name,
        unit: input.unit,
        direction: input.direction,
        baselineValue: input.baseline?.value,
        // A baseline value set by hand is no longer the letter's proportion.
        ...(input.baseline?.value === undefined
          ? {}
          : { baselineNumerator: null, baselineDenominator: null }),
        baselineDate: input.baseline?.date,
        baselinePeriod: input.baseline?.period,
        baselineSource: input.baseline?.source,
        // A target is replaced whole: sending one without a date clears the old date.
        ...(input.target === undefined
          ? {}
          : { targetValue: input.target?.value ?? null, targetDate: input.target?.date ?? null }),
        revision: revision + 1,
        updatedAt: context.now,
      })
      .where(and(eq(outcomeMeasures.id, id), eq(outcomeMeasures.revision, revision)))
      .returning({ id: outcomeMeasures.id });
    if (updated.length === 0) throw stale();
    const after = (await findOutcomeMeasure(tx, id, context.settings))!.measure;
    await recordAudit(tx, {
      ...auditActor(actor),
      action: 'outcome_measure.updated',
      subjectType: 'outcome_measure',
      subjectId: id,
      regionId: row.regionId,
      requestId: context.requestId,
      before: editable(before),
      after: editable(after),
    });
    return after;
  });
}

/**
 * Only a measure without readings may go: once figures have been recorded against it they are
 * part of the plan's record, and deleting the measure would take them with it.
 */
export async function deleteOutcomeMeasure(
  db: Db,
  id: string,
  expectedRevision: () => number,
  context: MeasureContext,
): Promise<void> {
  const actor = context.actor;
  await db.transaction(async (tx) => {
    const row = await measureForChange(tx, id, actor);
    const revision = expectedRevision();
    if (row.measure.revision !== revision) throw stale();
    const readings = await countReadings(tx, id);
    if (readings > 0) {
      throw new HttpProblem(
        409,
        'Measure has readings',
        `This outcome measure has ${readings} reading${readings === 1 ? '' : 's'} and cannot ` +
          'be deleted. Clear its target instead if it no longer applies.',
      );
    }
    const before = (await findOutcomeMeasure(tx, id, context.settings))!.measure;
    // A reading posted meanwhile raises the revision first, so this then deletes nothing.
    const deleted = await tx
      .delete(outcomeMeasures)
      .where(and(eq(outcomeMeasures.id, id), eq(outcomeMeasures.revision, revision)))
      .returning({ id: outcomeMeasures.id });
    if (deleted.length === 0) throw stale();
    await recordAudit(tx, {
      ...auditActor(actor),
      action: 'outcome_measure.deleted',
      subjectType: 'outcome_measure',
      subjectId: id,
      regionId: row.regionId,
      requestId: context.requestId,
      before: { recommendationId: before.recommendationId, ...editable(before) },
    });
  });
}

/**
 * Appends a reading (readings are never edited or removed). No If-Match: a dashboard posting
 * figures does not conflict with a person editing the target, and readings only add. The
 * measure's revision still rises, since what it shows (its readings, `met`) has changed.
 */
export async function addReading(
  db: Db,
  id: string,
  input: CreateMeasureReadingRequest,
  context: MeasureContext,
): Promise<OutcomeMeasure> {
  const actor = context.actor;
  return db.transaction(async (tx) => {
    const row = await measureForChange(tx, id, actor);
    const today = londonDateOf(context.now);
    if (input.readingDate > today) {
      throw badRequest('A reading cannot be dated in the future.', [
        { path: 'readingDate', message: `must not be after today (${today}, Europe/London)` },
      ]);
    }
    const before = (await findOutcomeMeasure(tx, id, context.settings))!.measure;
    // Raising the revision first locks the measure, so readings of one measure are posted one
    // at a time and a concurrent delete (which compares the revision) cannot lose this one.
    const bumped = await tx
      .update(outcomeMeasures)
      .set({ revision: sql`${outcomeMeasures.revision} + 1`, updatedAt: context.now })
      .where(eq(outcomeMeasures.id, id))
      .returning({ id: outcomeMeasures.id });
    if (bumped.length === 0) throw notFound('Outcome measure', id);
    // Two readings for the same date are ordered by when they were posted; with a clock that
    // does not move between requests (tests, or a fast integration) keep that order strict.
    const previous = await lastReadingPostedAt(tx, id);
    const postedAt =
      previous && previous.getTime() >= context.now.getTime()
        ? new Date(previous.getTime() + 1)
        : context.now;
    const [reading] = await tx
      .insert(measureReadings)
      .values({
        measureId: id,
        // A proportion's value is the server's per cent of it (the request schema checked a
        // value sent with it agrees), so 5 of 15 is stored as 33.3..., never 5.
        value:
          input.numerator !== undefined && input.denominator !== undefined
            ? percentOf(input.numerator, input.denominator)
            : input.value!,
        numerator: input.numerator ?? null,
        denominator: input.denominator ?? null,
        readingDate: input.readingDate,
        note: input.note ?? null,
        breakdown: (input.breakdown ?? []).map((entry) => ({
          ...entry,
          value: percentOf(entry.numerator, entry.denominator),
        })),
        recordedById: actor.kind === 'user' ? actor.id : null,
        createdAt: postedAt,
        updatedAt: postedAt,
      })
      .returning({ id: measureReadings.id });
    const after = (await findOutcomeMeasure(tx, id, context.settings))!.measure;
    await recordAudit(tx, {
      ...auditActor(actor),
      action: 'outcome_measure.reading_added',
      subjectType: 'outcome_measure',
      subjectId: id,
      regionId: row.regionId,
      requestId: context.requestId,
      before: { met: before.met, readings: before.readings.length },
      after: {
        reading: { id: reading!.id, ...input },
        met: after.met,
        readings: after.readings.length,
      },
    });
    return after;
  });
}
