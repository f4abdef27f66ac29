import type { Role } from '@tracker/shared';

/**
 * Administrators load new inspections and their recommendations (the server's rule for
 * POST /inspections and its imports); this only shows or hides the links and pages.
 */
export const canLoadInspections = (role: Role) => role === 'admin';
