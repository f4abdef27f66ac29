import type { OrgUnit } from '@tracker/shared';
import { describe, expect, it } from 'vitest';

import { groupUnits } from './org-units';

const orgUnit = (name: string, type: OrgUnit['type']) =>
  ({ id: name, name, type, code: name.toLowerCase(), parentId: null }) as OrgUnit;

describe('groupUnits', () => {
  it('puts HMPPS first and PDUs last, each group by name, and leaves out empty groups', () => {
    const groups = groupUnits([
      orgUnit('Wigan', 'pdu'),
      orgUnit('Greater Manchester', 'region'),
      orgUnit('Bolton', 'pdu'),
      orgUnit('HM Prison and Probation Service', 'hmpps'),
      orgUnit('Tameside', 'pdu'),
    ]);
    expect(groups.map((group) => [group.type, group.units.map((u) => u.name)])).toEqual([
      ['hmpps', ['HM Prison and Probation Service']],
      ['region', ['Greater Manchester']],
      ['pdu', ['Bolton', 'Tameside', 'Wigan']],
    ]);
  });
});
