import type { OrgUnit } from '@tracker/shared';
import { describe, expect, it } from 'vitest';

import { groupUnits, unitsInUse } from './org-units';

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

const unit = (id: string, retiredAt: string | null): OrgUnit => ({
  id,
  name: id,
  code: id,
  type: 'pdu',
  parentId: null,
  retiredAt,
  revision: 1,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
});

describe('unitsInUse', () => {
  const units = [unit('bolton', null), unit('closed', '2026-06-01T00:00:00.000Z')];

  it('offers units in use, not retired ones', () => {
    expect(unitsInUse(units).map((u) => u.id)).toEqual(['bolton']);
  });

  it('keeps the unit already chosen even when it has been retired', () => {
    expect(unitsInUse(units, 'closed').map((u) => u.id)).toEqual(['bolton', 'closed']);
  });
});
