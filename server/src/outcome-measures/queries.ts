import type {
  MeasureReading,
  OutcomeMeasure,
  OutcomeMeasureListQuery,
  OutcomeMeasurePage,
} from '@tracker/shared';
import { and, asc, eq, inArray, max } from 'drizzle-orm';
import { z } from 'zod';

import type { ReadScope } from '../auth/policy';
import type { Db } from '../db/client';
import { inspections } from '../db/schema/inspections';
import { measureReadings, outcomeMeasures } from '../db/schema/outcome-measures';
import { recommendations } from '../db/schema/recommendations';
import { iso } from '../http/iso';
import { type KeysetOrder, afterCursor, orderByKeyset, toPage } from '../http/pagination';
import { type MeasureSettings, defaultMeasureSettings, isMet, targetHeldSince } from './met';

export type MeasureRow = typeof outcomeMeasures.$inferSelect;
type ReadingRow = typeof measureReadings.$inferSelect;

/** In the letter's order of recommendations, then as created. */
const letterOrder: KeysetOrder = {
  name: 'letter',
  columns: [
    recommendations.inspectionId,
    recommendations.position,
    outcomeMeasures.createdAt,
    outcomeMeasures.id,
  ],
  descending: false,
  cursorValues: z.tuple([z.uuid(), z.number().int(), z.iso.datetime({ offset: true }), z.uuid()]),
};

export async function listOutcomeMeasures(
  db: Db,
  query: OutcomeMeasureListQuery,
  scope: ReadScope,
  settings: MeasureSettings = defaultMeasureSettings,
): Promise<OutcomeMeasurePage> {
  // Readings are live plan data: an inspector sees measures only in submitted versions.
  if (!scope.livePlan) return { items: [], nextCursor: null };
  const rows = await db
    .select({
      measure: outcomeMeasures,
      inspectionId: recommendations.inspectionId,
      position: recommendations.position,
    })
    .from(outcomeMeasures)
    .innerJoin(recommendations, eq(recommendations.id, outcomeMeasures.recommendationId))
    .innerJoin(inspections, eq(inspections.id, recommendations.inspectionId))
    .where(
      and(
        scope.regionId ? eq(inspections.regionId, scope.regionId) : undefined,
        query.recommendationId
          ? eq(outcomeMeasures.recommendationId, query.recommendationId)
          : undefined,
        query.inspectionId ? eq(recommendations.inspectionId, query.inspectionId) : undefined,
        afterCursor(letterOrder, query.cursor),
      ),
    )
    .orderBy(...orderByKeyset(letterOrder))
    .limit(query.limit + 1);
  const readings = await loadReadings(
    db,
    rows.map((row) => row.measure.id),
  );
  return toPage(
    rows,
    query.limit,
    letterOrder,
    (row) => [row.inspectionId, row.position, iso(row.measure.createdAt), row.measure.id],
    (row) => toOutcomeMeasure(row.measure, readings.get(row.measure.id) ?? [], settings),
  );
}

/** One measure and the region its recommendation belongs to. */
export async function findOutcomeMeasure(
  db: Db,
  id: string,
  settings: MeasureSettings = defaultMeasureSettings,
): Promise<{ measure: OutcomeMeasure; regionId: string } | undefined> {
  const row = await findMeasureRow(db, id);
  if (!row) return undefined;
  const readings = await loadReadings(db, [id]);
  return {
    measure: toOutcomeMeasure(row.measure, readings.get(id) ?? [], settings),
    regionId: row.regionId,
  };
}

/** What the policy asks about a recommendation: its region, owner level and owning unit. */
export async function findRecommendationSubject(db: Db, recommendationId: string) {
  const [row] = await db
    .select({
      id: recommendations.id,
      ownerLevel: recommendations.ownerLevel,
      owningUnitId: recommendations.owningUnitId,
      regionId: inspections.regionId,
    })
    .from(recommendations)
    .innerJoin(inspections, eq(inspections.id, recommendations.inspectionId))
    .where(eq(recommendations.id, recommendationId));
  return row;
}

export type RecommendationSubject = NonNullable<
  Awaited<ReturnType<typeof findRecommendationSubject>>
>;

/** A measure's row with its recommendation as the policy sees it. */
export async function findMeasureRow(
  db: Db,
  id: string,
): Promise<
  { measure: MeasureRow; regionId: string; recommendation: RecommendationSubject } | undefined
> {
  const [row] = await db
    .select({
      measure: outcomeMeasures,
      regionId: inspections.regionId,
      recommendation: {
        id: recommendations.id,
        ownerLevel: recommendations.ownerLevel,
        owningUnitId: recommendations.owningUnitId,
        regionId: inspections.regionId,
      },
    })
    .from(outcomeMeasures)
    .innerJoin(recommendations, eq(recommendations.id, outcomeMeasures.recommendationId))
    .innerJoin(inspections, eq(inspections.id, recommendations.inspectionId))
    .where(eq(outcomeMeasures.id, id));
  return row;
}

export async function countReadings(db: Db, measureId: string): Promise<number> {
  return db.$count(measureReadings, eq(measureReadings.measureId, measureId));
}

/** When the measure's latest reading was posted, so a new one can be placed after it. */
export async function lastReadingPostedAt(db: Db, measureId: string): Promise<Date | null> {
  const [row] = await db
    .select({ latest: max(measureReadings.createdAt) })
    .from(measureReadings)
    .where(eq(measureReadings.measureId, measureId));
  return row?.latest ?? null;
}

async function loadReadings(db: Db, measureIds: string[]): Promise<Map<string, MeasureReading[]>> {
  const byMeasure = new Map<string, MeasureReading[]>();
  if (measureIds.length === 0) return byMeasure;
  const rows = await db
    .select()
    .from(measureReadings)
    .where(inArray(measureReadings.measureId, measureIds))
    // The id only makes the order total; posting order is kept by createdAt (see the service).
    .orderBy(
      asc(measureReadings.readingDate),
      asc(measureReadings.createdAt),
      asc(measureReadings.id),
    );
  for (const row of rows) {
    const list = byMeasure.get(row.measureId) ?? [];
    list.push(toReading(row));
    byMeasure.set(row.measureId, list);
  }
  return byMeasure;
}

function toReading(row: ReadingRow): MeasureReading {
  return {
    id: row.id,
    value: row.value,
    numerator: row.numerator,
    denominator: row.denominator,
    readingDate: row.readingDate,
    note: row.note,
    breakdown: row.breakdown,
    recordedById: row.recordedById,
    createdAt: iso(row.createdAt),
  };
}

function toOutcomeMeasure(
  row: MeasureRow,
  readings: MeasureReading[],
  settings: MeasureSettings,
): OutcomeMeasure {
  return {
    id: row.id,
    recommendationId: row.recommendationId,
    name: row.name,
    unit: row.unit,
    direction: row.direction,
    baseline: {
      value: row.baselineValue,
      numerator: row.baselineNumerator,
      denominator: row.baselineDenominator,
      date: row.baselineDate,
      period: row.baselinePeriod,
      source: row.baselineSource,
    },
    target: row.targetValue === null ? null : { value: row.targetValue, date: row.targetDate },
    readings,
    latestReading: readings.at(-1) ?? null,
    met: isMet(row, readings, settings),
    monthsToHoldTarget: settings.monthsToHoldTarget,
    targetHeldSince: targetHeldSince(row, readings),
    revision: row.revision,
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
  };
}
