import type { Inspection } from '@tracker/shared';
import { describe, expect, it } from 'vitest';

import { recommendation, unit } from '../testing/builders';
import { groupBySourcePdu, groupRecommendations } from './grouping';

const wigan = unit('wigan');
const tameside = unit('tameside');
const bolton = unit('bolton');

describe('groupBySourcePdu', () => {
  it('puts the inspected PDUs first, in order, then any other as met, and drops empty ones', () => {
    const items = [
      recommendation({ id: 'b1', sourcePdu: bolton }),
      recommendation({ id: 'w1', sourcePdu: wigan }),
      recommendation({ id: 'w2', sourcePdu: wigan }),
    ];
    const groups = groupBySourcePdu(items, [tameside, wigan]);
    expect(groups.map((group) => [group.pdu.id, group.recommendations.map((r) => r.id)])).toEqual([
      ['wigan', ['w1', 'w2']],
      ['bolton', ['b1']],
    ]);
  });
});

describe('groupRecommendations', () => {
  it('groups by PDU as the letter does, then by owner level (PDU, region, HMPPS) by number', () => {
    const inspection = {
      inspectedPdus: [{ pdu: tameside }, { pdu: wigan }],
    } as unknown as Inspection;
    const items = [
      recommendation({ id: 'w3', sourcePdu: wigan, number: 3, ownerLevel: 'hmpps' }),
      recommendation({ id: 'w2', sourcePdu: wigan, number: 2, ownerLevel: 'pdu' }),
      recommendation({ id: 'w1', sourcePdu: wigan, number: 1, ownerLevel: 'region' }),
      recommendation({ id: 't1', sourcePdu: tameside, number: 1, ownerLevel: 'pdu' }),
      recommendation({ id: 'b1', sourcePdu: bolton, number: 1, ownerLevel: 'pdu' }),
    ];
    const groups = groupRecommendations(inspection, items);
    expect(
      groups.map((group) => [
        group.pdu.id,
        group.byOwnerLevel.map(({ level, recommendations }) => [
          level,
          recommendations.map((r) => r.id),
        ]),
      ]),
    ).toEqual([
      ['tameside', [['pdu', ['t1']]]],
      [
        'wigan',
        [
          ['pdu', ['w2']],
          ['region', ['w1']],
          ['hmpps', ['w3']],
        ],
      ],
      ['bolton', [['pdu', ['b1']]]],
    ]);
  });
});
