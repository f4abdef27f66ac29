import type { Role, UnitType } from '@tracker/shared';

/** An active person who may be made an owner: their role, their unit's type and its region. */
export interface OwnerFacts {
  role: Role;
  type: UnitType;
  /** None at HMPPS. */
  regionId: string | null;
}

/** Where an action is delivered: at HMPPS, or in a region (the region itself or a PDU of it). */
export interface OwningUnitFacts {
  atHmpps: boolean;
  regionId: string;
}

/**
 * The roles that deliver actions. Administrators run the service and inspectors review the
 * plan; neither answers for an action, so neither is offered nor accepted as an owner.
 */
export const ownerRoles = [
  'region_lead',
  'head_of_operations',
  'national_lead',
] as const satisfies readonly Role[];

/**
 * Who may own an action: someone who delivers work where the action is delivered. HMPPS work
 * is owned at HMPPS; a region's or a PDU's work by someone in that region (a PDU may lean on
 * the region or a neighbouring PDU). `GET /people?mayOwnActionsOf=` lists the same people.
 */
export function mayOwnActionOf(owner: OwnerFacts, unit: OwningUnitFacts): boolean {
  if (!(ownerRoles as readonly Role[]).includes(owner.role)) return false;
  return unit.atHmpps ? owner.type === 'hmpps' : owner.regionId === unit.regionId;
}
