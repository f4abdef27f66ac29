import { queryOptions, useQuery } from '@tanstack/react-query';
import type { OrgUnit, Role, UnitType } from '@tracker/shared';

import { apiGetAll } from './api-client';
import { orgUnitKeys } from './query-keys';

/** The kind of unit each role belongs to; the server refuses any other pairing. */
export const unitTypeForRole: Record<Role, UnitType> = {
  admin: 'hmpps',
  national_lead: 'hmpps',
  region_lead: 'region',
  head_of_operations: 'pdu',
  inspector: 'inspectorate',
};

/** Every organisation unit (there are a few dozen: HMPPS, 12 regions, their PDUs). */
export const orgUnitsQuery = () =>
  queryOptions({
    queryKey: orgUnitKeys.list(),
    queryFn: ({ signal }) => apiGetAll<OrgUnit>('/org-units', {}, signal),
    staleTime: 5 * 60_000,
  });

export const useOrgUnits = () => useQuery(orgUnitsQuery());

const typeOrder: UnitType[] = ['hmpps', 'inspectorate', 'region', 'pdu'];

/** Units grouped by type (HMPPS first, PDUs last), each group sorted by name. */
export function groupUnits(units: OrgUnit[]): { type: UnitType; units: OrgUnit[] }[] {
  return typeOrder
    .map((type) => ({
      type,
      units: units
        .filter((unit) => unit.type === type)
        .sort((a, b) => a.name.localeCompare(b.name, 'en-GB')),
    }))
    .filter((group) => group.units.length > 0);
}

/**
 * The units a form offers: those in use, and the one already chosen even if it has since been
 * retired (so an older record still shows what it holds).
 */
export function unitsInUse(units: OrgUnit[], keepId?: string | null): OrgUnit[] {
  return units.filter((unit) => unit.retiredAt === null || unit.id === keepId);
}
