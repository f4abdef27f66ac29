import type { ActionPlan, Me } from '@tracker/shared';

/**
 * Who is offered the import page: the people who change actions (as in auth/permissions.ts).
 * The server still decides each row, so a head of operations' rows for another unit are refused.
 */
export function canImportActions(me: Me, plan: Pick<ActionPlan, 'region'>): boolean {
  if (me.role === 'region_lead') return me.unit.id === plan.region.id;
  return me.role === 'head_of_operations' || me.role === 'national_lead';
}
