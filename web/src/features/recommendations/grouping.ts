import type { UnitRef } from '@tracker/shared';

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
