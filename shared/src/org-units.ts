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
    retiredAt: Timestamp.nullable().describe(
      'When the unit was retired: it keeps its history but takes no new people or work.',
    ),
    revision: z.number().int().describe('Rises with every change; send it back in If-Match.'),
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

const UnitName = z
  .string()
  .trim()
  .min(1, 'Enter a name')
  .max(120, 'Name must be 120 characters or fewer');

/** Administrators add regions (under HMPPS) and PDUs (under a region). */
export const CreateOrgUnitRequest = z
  .object({
    name: UnitName,
    code: z
      .string()
      .trim()
      .regex(
        /^[a-z0-9]+(?:-[a-z0-9]+)*$/,
        'Code must be lower-case letters and digits joined by hyphens, like "manchester-north"',
      )
      .max(60, 'Code must be 60 characters or fewer'),
    type: z.enum(['region', 'pdu']),
    parentId: Uuid.optional().describe(
      'The region a PDU belongs to; a region sits under HMPPS and needs none.',
    ),
  })
  .meta({ id: 'CreateOrgUnitRequest' });
export type CreateOrgUnitRequest = z.infer<typeof CreateOrgUnitRequest>;

/** Rename a unit, move a PDU to another region, retire a unit or bring it back. */
export const UpdateOrgUnitRequest = z
  .object({
    name: UnitName.optional(),
    parentId: Uuid.optional().describe('Move a PDU to this region.'),
    retired: z.boolean().optional(),
  })
  .meta({ id: 'UpdateOrgUnitRequest' });
export type UpdateOrgUnitRequest = z.infer<typeof UpdateOrgUnitRequest>;
