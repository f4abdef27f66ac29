import { z } from 'zod';

import { PageQuery, Timestamp, Uuid, pageOf } from './common';
import { UnitType } from './enums';

export const OrgUnit = z
  .object({
    id: Uuid,
    name: z.string(),
    type: UnitType,
    code: z.string().describe('Stable, readable key, e.g. "manchester-north".'),
    parentId: Uuid.nullable(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: 'OrgUnit' });
export type OrgUnit = z.infer<typeof OrgUnit>;

export const OrgUnitListQuery = PageQuery.extend({
  type: UnitType.optional(),
  parentId: Uuid.optional(),
});
export type OrgUnitListQuery = z.infer<typeof OrgUnitListQuery>;

export const OrgUnitPage = pageOf(OrgUnit).meta({ id: 'OrgUnitPage' });
export type OrgUnitPage = z.infer<typeof OrgUnitPage>;
