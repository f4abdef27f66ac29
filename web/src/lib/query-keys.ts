/**
 * Every query key the web uses, one factory per resource. They live here, not in each feature,
 * because a change in one feature refreshes what others show (a new action changes its plan's
 * dashboard) and features never import each other. A key nests under its resource's `all`, so
 * invalidating `all` reaches every list and detail of it.
 */

export const meKey = ['me'] as const;

/** Passwords and single sign-on buttons: the installation's settings, asked before sign-in. */
export const signInOptionsKey = ['sign-in-options'] as const;

/** What needs the signed-in person: any change to a plan may change it. */
export const nextStepsKey = ['next-steps'] as const;

export const inspectionKeys = {
  all: ['inspections'] as const,
  list: () => [...inspectionKeys.all, 'list'] as const,
  detail: (id: string) => [...inspectionKeys.all, 'detail', id] as const,
  recommendations: (id: string) =>
    [...inspectionKeys.all, 'detail', id, 'recommendations'] as const,
  actionPlans: (id: string) => [...inspectionKeys.all, 'detail', id, 'action-plans'] as const,
};

export const recommendationKeys = {
  all: ['recommendations'] as const,
  detail: (id: string) => [...recommendationKeys.all, 'detail', id] as const,
  outcomeMeasures: (id: string) =>
    [...recommendationKeys.all, 'detail', id, 'outcome-measures'] as const,
  links: (id: string) => [...recommendationKeys.all, 'detail', id, 'links'] as const,
  /** Every recommendation the caller may see, to choose one to link to. */
  linkable: () => [...recommendationKeys.all, 'linkable'] as const,
};

export const actionKeys = {
  all: ['actions'] as const,
  lists: () => [...actionKeys.all, 'list'] as const,
  list: (filters: object) => [...actionKeys.lists(), filters] as const,
  detail: (id: string) => [...actionKeys.all, 'detail', id] as const,
  updates: (id: string) => [...actionKeys.all, 'detail', id, 'updates'] as const,
  evidence: (id: string) => [...actionKeys.all, 'detail', id, 'evidence'] as const,
};

export const planKeys = {
  all: ['plans'] as const,
  list: () => [...planKeys.all, 'list'] as const,
  detail: (id: string) => [...planKeys.all, 'detail', id] as const,
  summary: (id: string) => [...planKeys.all, 'detail', id, 'summary'] as const,
  versions: (id: string) => [...planKeys.all, 'detail', id, 'versions'] as const,
};

/** Under the plan's own key, so whatever refreshes the plan refreshes these too. */
export const submissionKeys = {
  versioned: (planId: string) => [...planKeys.detail(planId), 'versioned'] as const,
  readiness: (planId: string) => [...planKeys.detail(planId), 'readiness'] as const,
  history: (planId: string) => [...planKeys.detail(planId), 'history'] as const,
  diff: (planId: string, from: number, to: number | 'live') =>
    [...planKeys.detail(planId), 'diff', from, to] as const,
};

export const reviewKeys = {
  all: ['reviews'] as const,
  awaiting: () => [...reviewKeys.all, 'awaiting'] as const,
  version: (planId: string, number: number) =>
    [...reviewKeys.all, planId, 'versions', number] as const,
  threads: (planId: string) => [...reviewKeys.all, planId, 'threads'] as const,
  threadList: (planId: string, filter: object) => [...reviewKeys.threads(planId), filter] as const,
};

export const notificationKeys = {
  all: ['notifications'] as const,
  list: (cursor: string | undefined) => [...notificationKeys.all, 'list', cursor ?? null] as const,
  unreadCount: () => [...notificationKeys.all, 'unread-count'] as const,
};

export const userKeys = {
  all: ['users'] as const,
  lists: () => [...userKeys.all, 'list'] as const,
  list: (filters: object) => [...userKeys.lists(), filters] as const,
  detail: (id: string) => [...userKeys.all, 'detail', id] as const,
  openActions: (id: string) => [...userKeys.all, 'detail', id, 'open-actions'] as const,
  pending: () => [...userKeys.all, 'pending'] as const,
};

export const peopleKeys = {
  all: ['people'] as const,
  list: () => [...peopleKeys.all, 'all'] as const,
  mayOwnActionsOf: (unitId: string) => [...peopleKeys.all, 'may-own-actions-of', unitId] as const,
  mayReviewFor: (regionId: string) => [...peopleKeys.all, 'may-review-for', regionId] as const,
};

export const orgUnitKeys = {
  all: ['org-units'] as const,
  list: () => [...orgUnitKeys.all, 'all'] as const,
};

export const apiClientKeys = {
  all: ['api-clients'] as const,
  list: () => [...apiClientKeys.all, 'list'] as const,
};

export const calendarFeedKeys = {
  all: ['calendar-feeds'] as const,
  list: () => [...calendarFeedKeys.all, 'list'] as const,
};

export const auditKeys = {
  all: ['audit-events'] as const,
  list: (filters: object) => [...auditKeys.all, 'list', filters] as const,
};

export const outboxKeys = {
  all: ['outbox-emails'] as const,
  list: (filters: object) => [...outboxKeys.all, 'list', filters] as const,
};
