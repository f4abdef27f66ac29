import type { OrgUnit } from '@tracker/shared';
import { describe, expect, it } from 'vitest';

import { recommendation, unit } from '../../../testing/builders';
import {
  actionTitleMax,
  allowedUnits,
  checkActionFields,
  emptyActionValues,
} from './action-fields';

const orgUnit = (id: string, type: OrgUnit['type'], parentId: string | null): OrgUnit =>
  ({ ...unit(id, type), parentId }) as OrgUnit;
const units = [
  orgUnit('gm', 'region', null),
  orgUnit('wigan', 'pdu', 'gm'),
  orgUnit('tameside', 'pdu', 'gm'),
  orgUnit('hmpps', 'hmpps', null),
];
const ids = (list: OrgUnit[]) => list.map((item) => item.id);

describe('allowedUnits', () => {
  it("offers a PDU recommendation's PDU or the region, a region's the region or its PDUs", () => {
    const pdu = recommendation({ id: 'r1', owningUnit: unit('wigan') });
    expect(ids(allowedUnits(pdu, 'gm', units, null))).toEqual(['wigan', 'gm']);
    const region = recommendation({ id: 'r2', ownerLevel: 'region', owningUnit: unit('gm') });
    expect(ids(allowedUnits(region, 'gm', units, null))).toEqual(['gm', 'tameside', 'wigan']);
  });

  it('narrows to one unit for those the server does not let choose', () => {
    const pdu = recommendation({ id: 'r1', owningUnit: unit('wigan') });
    expect(ids(allowedUnits(pdu, 'gm', units, 'wigan'))).toEqual(['wigan']);
  });
});

describe('the title limit', () => {
  it("is the shared schema's", () => {
    const values = { ...emptyActionValues, owningUnitId: 'wigan' };
    expect(actionTitleMax).toBe(300);
    expect(checkActionFields({ ...values, title: 'a'.repeat(300) }, null, false).title).toBe(
      undefined,
    );
    expect(checkActionFields({ ...values, title: 'a'.repeat(301) }, null, false).title).toBe(
      'Title must be 300 characters or fewer',
    );
  });
});
