import type { RecommendationLink } from '@tracker/shared';
import { and, eq, inArray, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';

import type { Actor } from '../auth/actor';
import { linkAllowed } from '../auth/allowed';
import { canSeeInspection, canSeeLinkedRecommendation, readScopeOf } from '../auth/policy';
import type { Db } from '../db/client';
import { rowsOf } from '../db/migrate';
import { inspections } from '../db/schema/inspections';
import { orgUnits } from '../db/schema/org-units';
import { recommendationLinks, recommendations } from '../db/schema/recommendations';
import { iso } from '../http/iso';
import { recommendationLabel } from './label';

const sourcePdu = alias(orgUnits, 'source_pdu');
const region = alias(orgUnits, 'region');

/** A recommendation as one end of a link: what its summary shows and the policy asks. */
function selectEnds(db: Db) {
  return db
    .select({
      id: recommendations.id,
      number: recommendations.number,
      ownerLevel: recommendations.ownerLevel,
      status: recommendations.status,
      decision: recommendations.responseDecision,
      pduName: sourcePdu.name,
      inspection: { id: inspections.id, title: inspections.title, kind: inspections.kind },
      region: { id: region.id, name: region.name },
    })
    .from(recommendations)
    .innerJoin(inspections, eq(inspections.id, recommendations.inspectionId))
    .innerJoin(sourcePdu, eq(sourcePdu.id, recommendations.sourcePduId))
    .innerJoin(region, eq(region.id, inspections.regionId));
}

export type LinkEnd = Awaited<ReturnType<ReturnType<typeof selectEnds>['execute']>>[number];

/** The recommendations named, as link ends, by id (one query whatever their number). */
export async function linkEnds(db: Db, ids: string[]): Promise<Map<string, LinkEnd>> {
  if (ids.length === 0) return new Map();
  const rows = await selectEnds(db).where(inArray(recommendations.id, [...new Set(ids)]));
  return new Map(rows.map((row) => [row.id, row]));
}

export const endSubject = (end: LinkEnd) => ({
  regionId: end.region.id,
  ownerLevel: end.ownerLevel,
  inspectionKind: end.inspection.kind,
});

type LinkRow = typeof recommendationLinks.$inferSelect;

/**
 * A link as `viewer` sees it from the recommendation `seenFrom`: the other end is summarised
 * where the viewer may see it (its region, or HMPPS-owned), otherwise only said to exist.
 */
export function toLink(
  link: LinkRow,
  seenFrom: string,
  ends: Map<string, LinkEnd>,
  viewer: Actor,
): RecommendationLink {
  const outgoing = link.fromRecommendationId === seenFrom;
  const other = ends.get(outgoing ? link.toRecommendationId : link.fromRecommendationId)!;
  const from = ends.get(link.fromRecommendationId)!;
  const shown = canSeeLinkedRecommendation(viewer, endSubject(other));
  return {
    id: link.id,
    fromRecommendationId: link.fromRecommendationId,
    toRecommendationId: link.toRecommendationId,
    relation: link.relation,
    note: link.note,
    direction: outgoing ? 'outgoing' : 'incoming',
    other: shown
      ? {
          hidden: false,
          id: other.id,
          label: recommendationLabel({ sourcePdu: { name: other.pduName }, number: other.number }),
          inspection: other.inspection,
          region: other.region,
          ownerLevel: other.ownerLevel,
          status: other.status,
          // The response is live plan data: inspectors read it in the submitted versions.
          decision: readScopeOf(viewer).livePlan ? other.decision : null,
          canOpen: canSeeInspection(viewer, {
            regionId: other.region.id,
            kind: other.inspection.kind,
          }),
        }
      : { hidden: true, description: 'A recommendation in another region' },
    createdAt: iso(link.createdAt),
    allowed: linkAllowed(viewer, endSubject(from)),
  };
}

/** Every link from and to a recommendation, oldest first, as `viewer` sees them. */
export async function listLinksOf(
  db: Db,
  recommendationId: string,
  viewer: Actor,
): Promise<RecommendationLink[]> {
  const links = await db
    .select()
    .from(recommendationLinks)
    .where(
      or(
        eq(recommendationLinks.fromRecommendationId, recommendationId),
        eq(recommendationLinks.toRecommendationId, recommendationId),
      ),
    )
    .orderBy(recommendationLinks.createdAt, recommendationLinks.id);
  const ends = await linkEnds(
    db,
    links.flatMap((link) => [link.fromRecommendationId, link.toRecommendationId]),
  );
  return links.map((link) => toLink(link, recommendationId, ends, viewer));
}

export async function findLink(db: Db, id: string): Promise<LinkRow | undefined> {
  const [link] = await db.select().from(recommendationLinks).where(eq(recommendationLinks.id, id));
  return link;
}

/** The link between two recommendations either way round, if any. */
export async function linksBetween(db: Db, a: string, b: string): Promise<LinkRow[]> {
  return db
    .select()
    .from(recommendationLinks)
    .where(
      or(
        and(
          eq(recommendationLinks.fromRecommendationId, a),
          eq(recommendationLinks.toRecommendationId, b),
        ),
        and(
          eq(recommendationLinks.fromRecommendationId, b),
          eq(recommendationLinks.toRecommendationId, a),
        ),
      ),
    );
}

/**
 * Whether `start` already leads to `target` along `repeats` and `addressed_by` links (from to
 * to): then a link from `target` to `start` of either kind would close a circle in which a
 * recommendation, in the end, answers itself. One recursive query, however long the chain.
 */
export async function reaches(db: Db, start: string, target: string): Promise<boolean> {
  const result = await db.execute(sql`
    with recursive chain(id) as (
      select ${start}::uuid
      union
      select l.to_recommendation_id
        from ${recommendationLinks} l
        join chain on l.from_recommendation_id = chain.id
       where l.relation in ('repeats', 'addressed_by')
    )
    select exists (select 1 from chain where id = ${target}::uuid) as found`);
  return Boolean(rowsOf<{ found: boolean }>(result)[0]?.found);
}
