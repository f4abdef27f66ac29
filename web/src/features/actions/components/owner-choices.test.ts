import type { Person } from '@tracker/shared';
import { describe, expect, it } from 'vitest';

import { ownerChoices } from './action-fields';

const person = (id: string, name: string): Person => ({
  id,
  name,
  role: 'head_of_operations',
  unit: { id: `unit-${id}`, name: 'Wigan', type: 'pdu' },
});
const wigan = person('p1', 'Wigan HoO');
const tameside = person('p2', 'Tameside HoO');
const nationalLead = { ...person('p3', 'National Lead'), role: 'national_lead' as const };

describe('the owner list', () => {
  it('offers only who the server says may own the action', () => {
    expect(ownerChoices([wigan, tameside], [wigan, tameside, nationalLead], '')).toEqual([
      wigan,
      tameside,
    ]);
  });

  it("keeps an action's saved owner whom the rule no longer offers, so the form shows them", () => {
    expect(ownerChoices([wigan], [wigan, tameside, nationalLead], 'p3')).toEqual([
      wigan,
      nationalLead,
    ]);
    expect(ownerChoices([wigan], [wigan], 'p1')).toEqual([wigan]);
  });
});
