import type { Inspection, OwnerLevel, Recommendation, UnitRef } from '@tracker/shared';

/**
 * Recommendations by source PDU, as the letter's Annexe one lists them: first the PDUs in
 * `pduOrder` (an inspection's inspected PDUs), then any other in the order met. Each group keeps
 * the order it is given; a PDU with no recommendation gets no group. Works for live
 * recommendations and for a submitted version's alike.
 */
export function groupBySourcePdu<R extends { sourcePdu: UnitRef }>(
  recommendations: readonly R[],
  pduOrder: readonly UnitRef[] = [],
): { pdu: UnitRef; recommendations: R[] }[] {
  const groups = new Map<string, { pdu: UnitRef; recommendations: R[] }>();
  for (const pdu of pduOrder) groups.set(pdu.id, { pdu, recommendations: [] });
  for (const recommendation of recommendations) {
    const group = groups.get(recommendation.sourcePdu.id) ?? {
      pdu: recommendation.sourcePdu,
      recommendations: [],
    };
    group.recommendations.push(recommendation);
    groups.set(recommendation.sourcePdu.id, group);
  }
  return [...groups.values()].filter((group) => group.recommendations.length > 0);
}

/** The letter's order of owner levels under each PDU. */
const ownerLevelOrder: OwnerLevel[] = ['pdu', 'region', 'hmpps'];

interface PduGroup {
  pdu: UnitRef;
  byOwnerLevel: { level: OwnerLevel; recommendations: Recommendation[] }[];
}

/**
 * Groups recommendations as the letter's Annexe one does: by source PDU (in the order the
 * inspection lists its PDUs), then by owner level. A PDU the inspection does not list
 * still gets a group at the end, so no recommendation is ever hidden.
 */
export function groupRecommendations(
  inspection: Inspection,
  recommendations: Recommendation[],
): PduGroup[] {
  const pdus = new Map<string, UnitRef>();
  for (const inspected of inspection.inspectedPdus) pdus.set(inspected.pdu.id, inspected.pdu);
  for (const recommendation of recommendations) {
    if (!pdus.has(recommendation.sourcePdu.id)) {
      pdus.set(recommendation.sourcePdu.id, recommendation.sourcePdu);
    }
  }

  return [...pdus.values()]
    .map((pdu) => {
      const fromPdu = recommendations.filter((r) => r.sourcePdu.id === pdu.id);
      return {
        pdu,
        byOwnerLevel: ownerLevelOrder
          .map((level) => ({
            level,
            recommendations: fromPdu
              .filter((r) => r.ownerLevel === level)
              .sort((a, b) => a.number - b.number),
          }))
          .filter((group) => group.recommendations.length > 0),
      };
    })
    .filter((group) => group.byOwnerLevel.length > 0);
}

/** The recommendations' ids in the order the plan's task list shows them. */
export function taskListOrder(inspection: Inspection, recommendations: Recommendation[]): string[] {
  return groupRecommendations(inspection, recommendations).flatMap((group) =>
    group.byOwnerLevel.flatMap((level) => level.recommendations.map((r) => r.id)),
  );
}
