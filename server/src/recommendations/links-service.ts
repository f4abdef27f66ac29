import type { CreateRecommendationLinkRequest, RecommendationLink } from '@tracker/shared';
import { and, eq, sql } from 'drizzle-orm';

import { recordAudit } from '../audit/record';
import { auditActor } from '../auth/actor';
import type { WriteContext } from '../auth/context';
import { hidden, requireChange } from '../auth/hidden';
import { canSeeLinkedRecommendation, recommendationLinkAccess } from '../auth/policy';
import type { Db } from '../db/client';
import { recommendationLinks, recommendations } from '../db/schema/recommendations';
import { HttpProblem, badRequest } from '../http/errors';
import { endSubject, findLink, linkEnds, linksBetween, reaches, toLink } from './links-queries';

const conflict = (detail: string, message: string) =>
  new HttpProblem(409, 'Conflict', detail, [{ path: 'toRecommendationId', message }]);

const alreadyLinked = () =>
  conflict(
    'These two recommendations are already linked: remove that link first to change it.',
    'is already linked to this recommendation',
  );

/**
 * Links one recommendation (from) to another (to). Made by the lead of `from` or an
 * administrator; `to` must be one they may see (their regions, or HMPPS-owned anywhere).
 */
export async function createLink(
  db: Db,
  fromId: string,
  input: CreateRecommendationLinkRequest,
  context: WriteContext,
): Promise<RecommendationLink> {
  const { actor } = context;
  return db.transaction(async (tx) => {
    const ends = await linkEnds(tx, [fromId, input.toRecommendationId]);
    const from = ends.get(fromId);
    if (!from) throw hidden('Recommendation', fromId);
    requireChange(
      recommendationLinkAccess(actor, endSubject(from)),
      { what: 'Recommendation', id: fromId },
      'Only the lead for this recommendation, or an administrator, may link it.',
    );
    if (input.toRecommendationId === fromId) {
      throw badRequest('A recommendation cannot be linked to itself.', [
        { path: 'toRecommendationId', message: 'must be another recommendation' },
      ]);
    }
    const to = ends.get(input.toRecommendationId);
    if (!to || !canSeeLinkedRecommendation(actor, endSubject(to)))
      throw hidden('Recommendation', input.toRecommendationId);

    // Links are made one at a time: two made at once could each pass the checks below and
    // together close a circle (or link a pair twice, once from each end). Making a link is rare.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('recommendation_links'))`);
    const existing = await linksBetween(tx, fromId, to.id);
    const duplicate = existing.some(
      (link) =>
        link.fromRecommendationId === fromId ||
        (link.relation === 'overlaps' && input.relation === 'overlaps'),
    );
    if (duplicate) throw alreadyLinked();
    if (input.relation !== 'overlaps' && (await reaches(tx, to.id, fromId))) {
      throw conflict(
        'That link would close a circle: the other recommendation already repeats or is ' +
          'addressed by this one, directly or through others.',
        'already repeats or is addressed by this recommendation, directly or through others',
      );
    }

    const [link] = await tx
      .insert(recommendationLinks)
      .values({
        fromRecommendationId: fromId,
        toRecommendationId: to.id,
        relation: input.relation,
        note: input.note ?? null,
        createdById: actor.kind === 'user' ? actor.id : null,
        createdAt: context.now,
      })
      // A concurrent twin made it first: the same answer as finding it above.
      .onConflictDoNothing()
      .returning();
    if (!link) throw alreadyLinked();
    await recordAudit(tx, {
      ...auditActor(actor),
      action: 'recommendation_link.created',
      subjectType: 'recommendation_link',
      subjectId: link.id,
      regionId: from.region.id,
      requestId: context.requestId,
      before: null,
      after: { fromRecommendationId: fromId, ...input },
    });
    return toLink(link, fromId, ends, actor);
  });
}

/**
 * Removes a link (the lead of its from end, or an administrator). A link the from end's
 * response relies on ("addressed by" it) stays until the response changes.
 */
export async function deleteLink(db: Db, id: string, context: WriteContext): Promise<void> {
  const { actor } = context;
  await db.transaction(async (tx) => {
    const link = await findLink(tx, id);
    if (!link) throw hidden('Recommendation link', id);
    const ends = await linkEnds(tx, [link.fromRecommendationId]);
    const from = ends.get(link.fromRecommendationId)!;
    requireChange(
      recommendationLinkAccess(actor, endSubject(from)),
      { what: 'Recommendation link', id },
      'Only the lead for the recommendation it links, or an administrator, may remove it.',
    );
    const [relied] = await tx
      .select({ id: recommendations.id })
      .from(recommendations)
      .where(
        and(
          eq(recommendations.id, link.fromRecommendationId),
          eq(recommendations.responseDecision, 'addressed_by'),
          eq(recommendations.responseAddressedById, link.toRecommendationId),
        ),
      );
    if (relied && link.relation === 'addressed_by') {
      throw new HttpProblem(
        409,
        'Conflict',
        'The response to the recommendation says it is addressed by this link: change the response first.',
      );
    }
    await tx.delete(recommendationLinks).where(eq(recommendationLinks.id, id));
    await recordAudit(tx, {
      ...auditActor(actor),
      action: 'recommendation_link.deleted',
      subjectType: 'recommendation_link',
      subjectId: id,
      regionId: from.region.id,
      requestId: context.requestId,
      before: {
        fromRecommendationId: link.fromRecommendationId,
        toRecommendationId: link.toRecommendationId,
        relation: link.relation,
        note: link.note,
      },
      after: null,
    });
  });
}
