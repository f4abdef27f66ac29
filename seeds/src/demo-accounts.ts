import type { Role } from '@tracker/shared';

export interface DemoAccount {
  email: string;
  name: string;
  role: Role;
  /** Code of the unit that is the account's scope (see the letter's units, plus the national ones). */
  unitCode: string;
}

/** The contract's demo accounts: one per role and scope. Never created in production. */
export const demoAccounts: DemoAccount[] = [
  {
    email: 'rpd@gm.probation.example',
    name: 'Demo Regional Probation Director',
    role: 'region_lead',
    unitCode: 'greater-manchester',
  },
  {
    email: 'hoo.manchester-north@gm.probation.example',
    name: 'Demo Head of Operations, Manchester North',
    role: 'head_of_operations',
    unitCode: 'manchester-north',
  },
  {
    email: 'hoo.tameside@gm.probation.example',
    name: 'Demo Head of Operations, Tameside',
    role: 'head_of_operations',
    unitCode: 'tameside',
  },
  {
    email: 'hoo.wigan@gm.probation.example',
    name: 'Demo Head of Operations, Wigan',
    role: 'head_of_operations',
    unitCode: 'wigan',
  },
  {
    email: 'national.lead@hmpps.example',
    name: 'Demo HMPPS National Lead',
    role: 'national_lead',
    unitCode: 'hmpps',
  },
  {
    email: 'inspector@hmiprobation.example',
    name: 'Demo Inspector',
    role: 'inspector',
    unitCode: 'hmi-probation',
  },
  { email: 'admin@hmpps.example', name: 'Demo Administrator', role: 'admin', unitCode: 'hmpps' },
];
