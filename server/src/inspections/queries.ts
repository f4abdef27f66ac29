import type {
  InspectedPdu,
  Inspection,
  InspectionListQuery,
  InspectionPage,
} from '@tracker/shared';
import { and, asc, count, eq, inArray } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { z } from 'zod';

import type { ReadScope } from '../auth/policy';
import type { Db } from '../db/client';
import { inspectedPdus, inspections, standardRatings } from '../db/schema/inspections';
import { orgUnits } from '../db/schema/org-units';
import { recommendations } from '../db/schema/recommendations';
import { users } from '../db/schema/users';
import { iso } from '../http/iso';
import { type KeysetOrder, afterCursor, orderByKeyset, toPage } from '../http/pagination';

const region = alias(orgUnits, 'region');
const reviewer = alias(users, 'reviewer');

const newestLetterFirst: KeysetOrder = {
  name: '-letterDate',
  columns: [inspections.letterDate, inspections.id],
  descending: true,
  cursorValues: z.tuple([z.iso.date(), z.uuid()]),
};

function selectInspections(db: Db) {
  return db
    .select({
      inspection: inspections,
      region: { id: region.id, name: region.name, type: region.type },
      reviewer: { id: reviewer.id, name: reviewer.name },
    })
    .from(inspections)
    .innerJoin(region, eq(region.id, inspections.regionId))
    .leftJoin(reviewer, eq(reviewer.id, inspections.reviewerId));
}

type InspectionRow = Awaited<ReturnType<ReturnType<typeof selectInspections>['execute']>>[number];

export async function listInspections(
  db: Db,
  query: InspectionListQuery,
  scope: ReadScope,
): Promise<InspectionPage> {
  const rows = await selectInspections(db)
    .where(
      and(
        scope.regionId ? eq(inspections.regionId, scope.regionId) : undefined,
        scope.kinds ? inArray(inspections.kind, [...scope.kinds]) : undefined,
        query.regionId ? eq(inspections.regionId, query.regionId) : undefined,
        afterCursor(newestLetterFirst, query.cursor),
      ),
    )
    .orderBy(...orderByKeyset(newestLetterFirst))
    .limit(query.limit + 1);
  const details = await loadDetails(
    db,
    rows.map((row) => row.inspection.id),
  );
  return toPage(
    rows,
    query.limit,
    newestLetterFirst,
    (row) => [row.inspection.letterDate, row.inspection.id],
    (row) => toInspection(row, details),
  );
}

export async function findInspection(db: Db, id: string): Promise<Inspection | undefined> {
  const [row] = await selectInspections(db).where(eq(inspections.id, id));
  if (!row) return undefined;
  return toInspection(row, await loadDetails(db, [id]));
}

interface InspectionDetails {
  pdusByInspection: Map<string, InspectedPdu[]>;
  recommendationCounts: Map<string, number>;
}

/** Ratings and counts for a page of inspections: three queries, whatever the page size. */
async function loadDetails(db: Db, inspectionIds: string[]): Promise<InspectionDetails> {
  const pdusByInspection = new Map<string, InspectedPdu[]>();
  const recommendationCounts = new Map<string, number>();
  if (inspectionIds.length === 0) return { pdusByInspection, recommendationCounts };

  const pduRows = await db
    .select({
      inspected: inspectedPdus,
      pdu: { id: orgUnits.id, name: orgUnits.name, type: orgUnits.type },
    })
    .from(inspectedPdus)
    .innerJoin(orgUnits, eq(orgUnits.id, inspectedPdus.pduId))
    .where(inArray(inspectedPdus.inspectionId, inspectionIds))
    .orderBy(asc(inspectedPdus.position));
  const standardRows = pduRows.length
    ? await db
        .select()
        .from(standardRatings)
        .where(
          inArray(
            standardRatings.inspectedPduId,
            pduRows.map((row) => row.inspected.id),
          ),
        )
        .orderBy(asc(standardRatings.code))
    : [];
  const countRows = await db
    .select({ inspectionId: recommendations.inspectionId, total: count() })
    .from(recommendations)
    .where(inArray(recommendations.inspectionId, inspectionIds))
    .groupBy(recommendations.inspectionId);

  for (const { inspected, pdu } of pduRows) {
    const list = pdusByInspection.get(inspected.inspectionId) ?? [];
    list.push({
      pdu,
      fieldworkStartMonth: inspected.fieldworkStartMonth,
      overallRating: inspected.overallRating,
      score:
        inspected.scoreAchieved !== null && inspected.scoreMax !== null
          ? { achieved: inspected.scoreAchieved, max: inspected.scoreMax }
          : null,
      standards: standardRows
        .filter((standard) => standard.inspectedPduId === inspected.id)
        .map(({ code, name, rating }) => ({ code, name, rating })),
    });
    pdusByInspection.set(inspected.inspectionId, list);
  }
  for (const row of countRows) recommendationCounts.set(row.inspectionId, row.total);
  return { pdusByInspection, recommendationCounts };
}

function toInspection(row: InspectionRow, details: InspectionDetails): Inspection {
  const { inspection } = row;
  return {
    id: inspection.id,
    title: inspection.title,
    kind: inspection.kind,
    region: row.region,
    reviewer: row.reviewer,
    letterDate: inspection.letterDate,
    author: inspection.author,
    addressee: inspection.addressee,
    overallRating: inspection.overallRating,
    publishedOn: inspection.publishedOn,
    inspectedPdus: details.pdusByInspection.get(inspection.id) ?? [],
    recommendationCount: details.recommendationCounts.get(inspection.id) ?? 0,
    createdAt: iso(inspection.createdAt),
    updatedAt: iso(inspection.updatedAt),
  };
}
