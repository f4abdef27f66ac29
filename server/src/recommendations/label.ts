/** "Tameside 3": how people name a recommendation (numbers restart per PDU). */
export function recommendationLabel(recommendation: {
  sourcePdu: { name: string };
  number: number;
}): string {
  return `${recommendation.sourcePdu.name} ${recommendation.number}`;
}
