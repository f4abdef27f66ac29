import { roles, type OrgUnit, type Role } from '@tracker/shared';

import { Radios, Select, TextInput, type SelectGroup } from '../../../components/form-fields';
import type { FieldErrors } from '../../../lib/form-errors';
import { roleHints, roleNames, unitTypeNames } from '../../../lib/labels';
import { groupUnits, unitTypeForRole, unitsInUse } from '../../../lib/org-units';

export interface UserFieldValues {
  name: string;
  email: string;
  role: Role | '';
  unitId: string;
}

/** The form's fields in page order, for the error summary; `role` links to its first radio. */
export const userFieldOrder = [
  { name: 'name' },
  { name: 'email' },
  { name: 'role' },
  { name: 'unitId' },
];

export const userFieldLabels = {
  name: 'Full name',
  email: 'Email address',
  role: 'Role',
  unitId: 'Unit',
};

const unitHints: Record<Role, string> = {
  admin: 'Administrators belong to HMPPS.',
  national_lead: 'National leads belong to HMPPS.',
  region_lead: 'Choose the region they lead.',
  head_of_operations: 'Choose their probation delivery unit (PDU).',
  inspector: 'Inspectors belong to HM Inspectorate of Probation.',
};

/** A PDU is named with its region, as several regions may have PDUs with similar names. */
function unitLabel(unit: OrgUnit, byId: Map<string, OrgUnit>): string {
  const parent = unit.parentId ? byId.get(unit.parentId) : undefined;
  return unit.type === 'pdu' && parent ? `${unit.name} (${parent.name})` : unit.name;
}

/** The units a role may belong to (all units, grouped by type, before a role is chosen). */
export function unitGroupsFor(role: Role | '', units: OrgUnit[]): SelectGroup[] {
  const byId = new Map(units.map((unit) => [unit.id, unit]));
  const wanted = role ? unitTypeForRole[role] : null;
  return groupUnits(units)
    .filter((group) => !wanted || group.type === wanted)
    .map((group) => ({
      label: unitTypeNames[group.type],
      options: group.units.map((unit) => ({ value: unit.id, text: unitLabel(unit, byId) })),
    }));
}

/** When the role changes, keeps the unit only if it suits the new role (or picks the only one). */
export function unitForRole(role: Role, unitId: string, units: OrgUnit[]): string {
  const candidates = units.filter((unit) => unit.type === unitTypeForRole[role]);
  if (candidates.some((unit) => unit.id === unitId)) return unitId;
  return candidates.length === 1 && candidates[0] ? candidates[0].id : '';
}

export function UserFields({
  values,
  onChange,
  errors,
  units,
  withEmail,
}: {
  values: UserFieldValues;
  onChange: (values: UserFieldValues) => void;
  errors: FieldErrors;
  units: OrgUnit[];
  withEmail: boolean;
}) {
  return (
    <>
      <TextInput
        id="name"
        label={userFieldLabels.name}
        autoComplete="off"
        spellCheck={false}
        value={values.name}
        onChange={(name) => onChange({ ...values, name })}
        error={errors.name}
      />
      {withEmail ? (
        <TextInput
          id="email"
          label={userFieldLabels.email}
          hint="Their work email address. They sign in with it."
          type="email"
          autoComplete="off"
          spellCheck={false}
          value={values.email}
          onChange={(email) => onChange({ ...values, email })}
          error={errors.email}
        />
      ) : null}
      <Radios
        name="role"
        legend={userFieldLabels.role}
        options={roles.map((role) => ({
          value: role,
          text: roleNames[role],
          hint: roleHints[role],
        }))}
        value={values.role}
        onChange={(value) => {
          const role = value as Role;
          onChange({ ...values, role, unitId: unitForRole(role, values.unitId, units) });
        }}
        error={errors.role}
      />
      <Select
        id="unitId"
        label={userFieldLabels.unitId}
        hint={
          values.role
            ? unitHints[values.role]
            : 'Choose a role first: the list then shows only the units that go with it.'
        }
        placeholder="Choose a unit"
        groups={unitGroupsFor(values.role, unitsInUse(units, values.unitId))}
        value={values.unitId}
        onChange={(unitId) => onChange({ ...values, unitId })}
        error={errors.unitId}
      />
    </>
  );
}

/** Checks the fields before they are sent; the server checks them again. */
export function checkUserFields(values: UserFieldValues, withEmail: boolean): FieldErrors {
  const errors: FieldErrors = {};
  if (!values.name.trim()) errors.name = 'Enter their full name';
  if (withEmail) {
    if (!values.email.trim()) errors.email = 'Enter their email address';
    else if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(values.email.trim())) {
      errors.email = 'Enter an email address in the correct format, like name@example.com';
    }
  }
  if (!values.role) errors.role = 'Select a role';
  if (!values.unitId) errors.unitId = 'Choose a unit';
  return errors;
}
