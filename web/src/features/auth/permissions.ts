import type { Role } from '@tracker/shared';

import { paths } from '../../lib/paths';

/**
 * What each role may open, as the server's policy allows it. The server decides; this only
 * keeps people from links and pages that would refuse them.
 */
export const canManageUsers = (role: Role) => role === 'admin';
export const canManageApiClients = (role: Role) => role === 'admin';
export const canReadAudit = (role: Role) => role === 'admin' || role === 'region_lead';

export interface NavigationItem {
  text: string;
  href: string;
  /** Paths that belong to the item's section (it is highlighted on them). */
  matches: (pathname: string) => boolean;
}

const startsWith = (prefix: string) => (pathname: string) =>
  pathname === prefix || pathname.startsWith(`${prefix}/`);

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
  if (canManageUsers(role)) {
    items.push({ text: 'Users', href: paths.users(), matches: startsWith('/admin/users') });
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
  return items;
}
