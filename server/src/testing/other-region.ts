import type { InspectionLetter, LetterOutcomeMeasure } from '@tracker/seeds';

/**
 * A second region (North West, one PDU, one recommendation) for tests that check people of
 * one region cannot see or change another's. Load it with `seedLetter`.
 */
export function northWestLetter(outcomeMeasures: LetterOutcomeMeasure[] = []): InspectionLetter {
  return {
    region: { name: 'North West', code: 'north-west' },
    pdus: [
      {
        name: 'Liverpool North',
        code: 'liverpool-north',
        fieldworkStartMonth: null,
        rating: { overall: null, score: null, standards: [] },
      },
    ],
    inspection: {
      title: 'Regional review: North West',
      kind: 'regional_review',
      letterDate: '2024-01-10',
      author: 'A',
      addressee: 'B',
    },
    recommendations: [
      {
        sourcePduCode: 'liverpool-north',
        number: 1,
        text: 'improve something',
        ownerLevel: 'pdu',
        themes: ['staffing'],
      },
    ],
    outcomeMeasures,
  };
}
