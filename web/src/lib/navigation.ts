import type { Role } from '@tracker/shared';

import { paths } from './paths';

/**
 * The pages each role has: the service navigation, and the guards on whole sections of the
 * service. What a person may do with a resource is that resource's `allowed`, from the server's
 * policy; nothing here decides it. The server refuses whatever these would not offer.
 */
export const canManageUsers = (role: Role) => role === 'admin';
export const canManageApiClients = (role: Role) => role === 'admin';
export const canReadAudit = (role: Role) => role === 'admin' || role === 'region_lead';
export const canReadOutbox = (role: Role) => role === 'admin';

/** The roles that own and move actions, and so have "My actions" and the dashboard. */
export const worksOnPlans = (role: Role) =>
  role === 'region_lead' || role === 'head_of_operations' || role === 'national_lead';

/** The national roll-up: the leads, administrators and the inspectorate (submitted figures). */
export const readsRollUp = (role: Role) => role !== 'head_of_operations';

/** Inspectors review the versions regions submit: "Plans to review" and the decision page. */
export const reviewsPlans = (role: Role) => role === 'inspector';

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
  if (readsRollUp(role)) {
    items.push({ text: 'Roll-up', href: paths.rollUp, matches: startsWith(paths.rollUp) });
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
