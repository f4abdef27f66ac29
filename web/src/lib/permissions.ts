import type { Action, Me, OwnerLevel, Recommendation, Role } from '@tracker/shared';

import { paths } from './paths';

/**
 * What each role may open, as the server's policy allows it. The server decides; this only
 * keeps people from links and pages that would refuse them.
 */
export const canManageUsers = (role: Role) => role === 'admin';
export const canManageApiClients = (role: Role) => role === 'admin';
export const canReadAudit = (role: Role) => role === 'admin' || role === 'region_lead';
export const canReadOutbox = (role: Role) => role === 'admin';

/** The roles that own and move actions, and so have "My actions" and the dashboard. */
export const worksOnPlans = (role: Role) =>
  role === 'region_lead' || role === 'head_of_operations' || role === 'national_lead';

/** Inspectors review the versions regions submit: "Plans to review" and the decision page. */
export const reviewsPlans = (role: Role) => role === 'inspector';

/** Inspectors read submitted versions only, never the live plan. */
export const seesLivePlan = (role: Role) => role !== 'inspector';

/**
 * The same rules as the server's policy (server/src/auth/policy.ts), used only to show or hide
 * controls: the server decides every request. `regionId` is the inspection's region.
 */
export function isLeadForRecommendation(
  me: Me,
  recommendation: Pick<Recommendation, 'ownerLevel'>,
  regionId: string,
): boolean {
  if (recommendation.ownerLevel === 'hmpps') return me.role === 'national_lead';
  return me.role === 'region_lead' && me.unit.id === regionId;
}

export function canAddActionTo(
  me: Me,
  recommendation: Pick<Recommendation, 'ownerLevel' | 'owningUnit'>,
  regionId: string,
): boolean {
  if (isLeadForRecommendation(me, recommendation, regionId)) return true;
  if (me.role === 'region_lead') return me.unit.id === regionId;
  if (me.role === 'head_of_operations') return recommendation.owningUnit.id === me.unit.id;
  return false;
}

/** The lead for an action: the national lead for HMPPS work, otherwise the region lead. */
export function isLeadForAction(
  me: Me,
  action: Pick<Action, 'owningUnit'>,
  ownerLevel: OwnerLevel,
  regionId: string,
): boolean {
  if (ownerLevel === 'hmpps' || action.owningUnit.type === 'hmpps') {
    return me.role === 'national_lead';
  }
  return me.role === 'region_lead' && me.unit.id === regionId;
}

export function canChangeAction(
  me: Me,
  action: Pick<Action, 'owningUnit'>,
  ownerLevel: OwnerLevel,
  regionId: string,
): boolean {
  if (isLeadForAction(me, action, ownerLevel, regionId)) return true;
  if (me.role === 'region_lead') {
    return me.unit.id === regionId && action.owningUnit.type !== 'hmpps';
  }
  if (me.role === 'head_of_operations') return action.owningUnit.id === me.unit.id;
  return false;
}

export interface NavigationItem {
  text: string;
  href: string;
  /** Paths that belong to the item's section (it is highlighted on them). */
  matches: (pathname: string) => boolean;
}

const startsWith = (prefix: string) => (pathname: string) =>
  pathname === prefix || pathname.startsWith(`${prefix}/`);

/** A version of a plan and its decision page: an inspector's reviewing. */
const isVersionPath = (pathname: string) => /^\/plans\/[^/]+\/versions\//.test(pathname);

/** The service navigation a role sees, in order. */
export function navigationFor(role: Role): NavigationItem[] {
  const items: NavigationItem[] = [
    {
      text: 'Inspections',
      href: paths.home,
      matches: (pathname) =>
        pathname === '/' ||
        pathname.startsWith('/inspections/') ||
        pathname.startsWith('/recommendations/'),
    },
  ];
  if (role !== 'admin') {
    items.push({
      text: 'Action plan',
      href: paths.plans,
      matches: (pathname) =>
        pathname === paths.plans ||
        (pathname.startsWith('/plans/') &&
          !pathname.endsWith('/dashboard') &&
          !(reviewsPlans(role) && isVersionPath(pathname))) ||
        pathname.startsWith('/actions/'),
    });
  }
  if (reviewsPlans(role)) {
    items.push({
      text: 'Plans to review',
      href: paths.reviews,
      matches: (pathname) => startsWith(paths.reviews)(pathname) || isVersionPath(pathname),
    });
  }
  if (worksOnPlans(role)) {
    items.push({ text: 'My actions', href: paths.myActions, matches: startsWith(paths.myActions) });
    items.push({
      text: 'Dashboard',
      href: paths.dashboards,
      matches: (pathname) => pathname === paths.dashboards || pathname.endsWith('/dashboard'),
    });
  }
  if (canManageUsers(role)) {
    items.push({ text: 'Users', href: paths.users(), matches: startsWith('/admin/users') });
  }
  if (canManageUsers(role)) {
    items.push({
      text: 'Units',
      href: paths.orgUnits,
      matches: startsWith('/admin/org-units'),
    });
  }
  if (canManageApiClients(role)) {
    items.push({
      text: 'API clients',
      href: paths.apiClients,
      matches: startsWith('/admin/api-clients'),
    });
  }
  if (canReadAudit(role)) {
    items.push({ text: 'Audit trail', href: paths.audit(), matches: startsWith('/audit') });
  }
  if (canReadOutbox(role)) {
    items.push({ text: 'Emails', href: paths.outbox(), matches: startsWith('/admin/outbox') });
  }
  return items;
}
