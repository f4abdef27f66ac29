import type {
  InspectionKind,
  NationalLink,
  Recommendation,
  RecommendationListQuery,
  RecommendationPage,
} from '@tracker/shared';
import { and, arrayContains, eq, inArray } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { z } from 'zod';

import type { Actor } from '../auth/actor';
import { recommendationAllowed } from '../auth/allowed';
import type { ReadScope } from '../auth/policy';
import type { Db } from '../db/client';
import { inspections } from '../db/schema/inspections';
import { orgUnits } from '../db/schema/org-units';
import { recommendationLinks, recommendations } from '../db/schema/recommendations';
import { iso } from '../http/iso';
import { recommendationLabel } from './label';
import { type KeysetOrder, afterCursor, orderByKeyset, toPage } from '../http/pagination';

const sourcePdu = alias(orgUnits, 'source_pdu');
const owningUnit = alias(orgUnits, 'owning_unit');
/** The recommendation a response says answers this one, and the PDU that names it. */
const addressedBy = alias(recommendations, 'addressed_by');
const addressedByPdu = alias(orgUnits, 'addressed_by_pdu');

type Sort = RecommendationListQuery['sort'];

const letterOrderCursor = z.tuple([z.uuid(), z.number().int(), z.uuid()]);
const updatedAtCursor = z.tuple([z.iso.datetime({ offset: true }), z.uuid()]);

/** "letter" groups by inspection, then follows the order of the letter's Annexe one. */
const orders: Record<Sort, KeysetOrder> = {
  letter: {
    name: 'letter',
    columns: [recommendations.inspectionId, recommendations.position, recommendations.id],
    descending: false,
    cursorValues: letterOrderCursor,
  },
  '-letter': {
    name: '-letter',
    columns: [recommendations.inspectionId, recommendations.position, recommendations.id],
    descending: true,
    cursorValues: letterOrderCursor,
  },
  updatedAt: {
    name: 'updatedAt',
    columns: [recommendations.updatedAt, recommendations.id],
    descending: false,
    cursorValues: updatedAtCursor,
  },
  '-updatedAt': {
    name: '-updatedAt',
    columns: [recommendations.updatedAt, recommendations.id],
    descending: true,
    cursorValues: updatedAtCursor,
  },
};

function selectRecommendations(db: Db) {
  return db
    .select({
      recommendation: recommendations,
      sourcePdu: { id: sourcePdu.id, name: sourcePdu.name, type: sourcePdu.type },
      owningUnit: { id: owningUnit.id, name: owningUnit.name, type: owningUnit.type },
      regionId: inspections.regionId,
      inspectionKind: inspections.kind,
      addressedBy: { id: addressedBy.id, number: addressedBy.number, pduName: addressedByPdu.name },
    })
    .from(recommendations)
    .innerJoin(inspections, eq(inspections.id, recommendations.inspectionId))
    .innerJoin(sourcePdu, eq(sourcePdu.id, recommendations.sourcePduId))
    .innerJoin(owningUnit, eq(owningUnit.id, recommendations.owningUnitId))
    .leftJoin(addressedBy, eq(addressedBy.id, recommendations.responseAddressedById))
    .leftJoin(addressedByPdu, eq(addressedByPdu.id, addressedBy.sourcePduId));
}

type RecommendationRow = Awaited<
  ReturnType<ReturnType<typeof selectRecommendations>['execute']>
>[number];

/** A page of recommendations as `viewer` sees them; null is no one (a plan's document). */
export async function listRecommendations(
  db: Db,
  query: RecommendationListQuery,
  scope: ReadScope,
  viewer: Actor | null = null,
): Promise<RecommendationPage> {
  const order = orders[query.sort];
  const rows = await selectRecommendations(db)
    .where(
      and(
        scope.regionId ? eq(inspections.regionId, scope.regionId) : undefined,
        scope.kinds ? inArray(inspections.kind, [...scope.kinds]) : undefined,
        query.inspectionId ? eq(recommendations.inspectionId, query.inspectionId) : undefined,
        query.ownerLevel ? eq(recommendations.ownerLevel, query.ownerLevel) : undefined,
        query.owningUnitId ? eq(recommendations.owningUnitId, query.owningUnitId) : undefined,
        query.sourcePduId ? eq(recommendations.sourcePduId, query.sourcePduId) : undefined,
        query.theme ? arrayContains(recommendations.themes, [query.theme]) : undefined,
        query.status ? eq(recommendations.status, query.status) : undefined,
        afterCursor(order, query.cursor),
      ),
    )
    .orderBy(...orderByKeyset(order))
    .limit(query.limit + 1);
  const national = await nationalLinksOf(
    db,
    rows.slice(0, query.limit).map((row) => row.recommendation.id),
  );
  return toPage(
    rows,
    query.limit,
    order,
    (row) => cursorKey(query.sort, row),
    (row) => toRecommendation(row, scope, viewer, national),
  );
}

/**
 * One recommendation and the region its inspection belongs to, as the scope may see it. Which
 * region may see it is the caller's question, so a refusal can be audited.
 */
export async function findRecommendation(
  db: Db,
  id: string,
  scope: ReadScope,
  viewer: Actor | null,
): Promise<
  { recommendation: Recommendation; regionId: string; inspectionKind: InspectionKind } | undefined
> {
  const [row] = await selectRecommendations(db).where(eq(recommendations.id, id));
  if (!row) return undefined;
  const national = await nationalLinksOf(db, [id]);
  return {
    recommendation: toRecommendation(row, scope, viewer, national),
    regionId: row.regionId,
    inspectionKind: row.inspectionKind,
  };
}

const linked = alias(recommendations, 'linked');
const linkedPdu = alias(orgUnits, 'linked_pdu');

/**
 * The HMPPS-owned recommendations the ones named repeat or are addressed by, with their live
 * status: one query for a page, by the links' from index. HMPPS work is everyone's to see.
 */
async function nationalLinksOf(db: Db, ids: string[]): Promise<Map<string, NationalLink[]>> {
  const found = new Map<string, NationalLink[]>();
  if (ids.length === 0) return found;
  const rows = await db
    .select({
      from: recommendationLinks.fromRecommendationId,
      relation: recommendationLinks.relation,
      id: linked.id,
      number: linked.number,
      pduName: linkedPdu.name,
      status: linked.status,
    })
    .from(recommendationLinks)
    .innerJoin(linked, eq(linked.id, recommendationLinks.toRecommendationId))
    .innerJoin(linkedPdu, eq(linkedPdu.id, linked.sourcePduId))
    .where(
      and(
        inArray(recommendationLinks.fromRecommendationId, ids),
        inArray(recommendationLinks.relation, ['repeats', 'addressed_by']),
        eq(linked.ownerLevel, 'hmpps'),
      ),
    )
    .orderBy(recommendationLinks.createdAt, recommendationLinks.id);
  for (const row of rows) {
    if (row.relation === 'overlaps') continue;
    found.set(row.from, [
      ...(found.get(row.from) ?? []),
      {
        relation: row.relation,
        id: row.id,
        label: recommendationLabel({ sourcePdu: { name: row.pduName }, number: row.number }),
        status: row.status,
      },
    ]);
  }
  return found;
}

function cursorKey(sort: Sort, { recommendation }: RecommendationRow): (string | number)[] {
  return sort === 'letter' || sort === '-letter'
    ? [recommendation.inspectionId, recommendation.position, recommendation.id]
    : [iso(recommendation.updatedAt), recommendation.id];
}

/**
 * The region's response and closing note are live plan data, whatever the plan's status: those
 * who may not see the live plan (inspectors) read them in the submitted versions instead.
 */
function toRecommendation(
  row: RecommendationRow,
  scope: ReadScope,
  viewer: Actor | null,
  national: Map<string, NationalLink[]>,
): Recommendation {
  const { recommendation } = row;
  const answered = scope.livePlan;
  return {
    id: recommendation.id,
    inspectionId: recommendation.inspectionId,
    sourcePdu: row.sourcePdu,
    number: recommendation.number,
    numberedByPosition: recommendation.numberedByPosition,
    text: recommendation.text,
    ownerLevel: recommendation.ownerLevel,
    owningUnit: row.owningUnit,
    themes: recommendation.themes,
    status: recommendation.status,
    response:
      answered && recommendation.responseDecision && recommendation.respondedAt
        ? {
            decision: recommendation.responseDecision,
            rationale: recommendation.responseRationale,
            acceptedPart: recommendation.responseAcceptedPart,
            addressedBy:
              row.addressedBy?.id && row.addressedBy.pduName !== null
                ? {
                    id: row.addressedBy.id,
                    label: recommendationLabel({
                      sourcePdu: { name: row.addressedBy.pduName },
                      number: row.addressedBy.number!,
                    }),
                  }
                : null,
            respondedAt: iso(recommendation.respondedAt),
            respondedById: recommendation.respondedById,
          }
        : null,
    closingNote: answered ? recommendation.closingNote : null,
    unmetMeasuresReason: answered ? recommendation.unmetMeasuresReason : null,
    closedAt: answered && recommendation.closedAt ? iso(recommendation.closedAt) : null,
    nationalLinks: national.get(recommendation.id) ?? [],
    createdAt: iso(recommendation.createdAt),
    updatedAt: iso(recommendation.updatedAt),
    allowed: recommendationAllowed(viewer, {
      regionId: row.regionId,
      ownerLevel: recommendation.ownerLevel,
      owningUnitId: recommendation.owningUnitId,
    }),
  };
}
