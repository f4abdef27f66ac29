/** The app's own addresses, so links and routes cannot drift apart. */

type Query = Record<string, string | null | undefined>;

function withQuery(path: string, query: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value) params.set(key, value);
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

const user = (id: string) => `/admin/users/${encodeURIComponent(id)}`;

export const paths = {
  home: '/',
  inspection: (id: string) => `/inspections/${encodeURIComponent(id)}`,
  newInspection: '/admin/inspections/new',
  importRecommendations: (inspectionId: string) =>
    `/inspections/${encodeURIComponent(inspectionId)}/import`,
  importLetter: (inspectionId: string) =>
    `/inspections/${encodeURIComponent(inspectionId)}/import-letter`,
  recommendation: (id: string) => `/recommendations/${encodeURIComponent(id)}`,
  respond: (id: string) => `/recommendations/${encodeURIComponent(id)}/response`,
  closeRecommendation: (id: string) => `/recommendations/${encodeURIComponent(id)}/close`,
  reopenRecommendation: (id: string) => `/recommendations/${encodeURIComponent(id)}/reopen`,
  linkRecommendation: (id: string) => `/recommendations/${encodeURIComponent(id)}/links/new`,
  newAction: (recommendationId: string) =>
    `/recommendations/${encodeURIComponent(recommendationId)}/actions/new`,
  action: (id: string) => `/actions/${encodeURIComponent(id)}`,
  editAction: (id: string) => `/actions/${encodeURIComponent(id)}/edit`,
  addEvidence: (actionId: string) => `/actions/${encodeURIComponent(actionId)}/evidence/new`,
  removeEvidence: (actionId: string, evidenceId: string) =>
    `/actions/${encodeURIComponent(actionId)}/evidence/${encodeURIComponent(evidenceId)}/remove`,
  plans: '/plans',
  plan: (id: string) => `/plans/${encodeURIComponent(id)}`,
  dashboards: '/dashboard',
  dashboard: (planId: string) => `/plans/${encodeURIComponent(planId)}/dashboard`,
  submitPlan: (planId: string) => `/plans/${encodeURIComponent(planId)}/submit`,
  planVersions: (planId: string) => `/plans/${encodeURIComponent(planId)}/versions`,
  importActions: (planId: string) => `/plans/${encodeURIComponent(planId)}/import`,
  versionSubmitted: (planId: string, number: number) =>
    `/plans/${encodeURIComponent(planId)}/versions/${number}/submitted`,
  planDiff: (planId: string, from: number, to: number | 'live') =>
    `/plans/${encodeURIComponent(planId)}/versions/${from}/diff/${to}`,
  myActions: '/my-actions',
  rollUp: '/roll-up',
  notifications: (query: Query = {}) => withQuery('/notifications', query),
  reviews: '/reviews',
  planVersion: (planId: string, number: number) =>
    `/plans/${encodeURIComponent(planId)}/versions/${number}`,
  reviewDecision: (planId: string, number: number) =>
    `/plans/${encodeURIComponent(planId)}/versions/${number}/decision`,
  accessibility: '/accessibility',
  cookies: '/cookies',
  privacy: '/privacy',

  signIn: (returnTo?: string | null) =>
    withQuery('/sign-in', { returnTo: returnTo && returnTo !== '/' ? returnTo : null }),
  signedOut: (reason?: 'expired') => withQuery('/signed-out', { reason }),
  setPassword: '/set-password',
  changePassword: '/account/password',

  users: (query: Query = {}) => withQuery('/admin/users', query),
  newUser: '/admin/users/new',
  pendingAccount: (id: string) => `/admin/users/pending/${encodeURIComponent(id)}`,
  user,
  editUser: (id: string) => `${user(id)}/edit`,
  disableUser: (id: string) => `${user(id)}/disable`,
  enableUser: (id: string) => `${user(id)}/enable`,

  orgUnits: '/admin/org-units',
  newOrgUnit: (type: 'region' | 'pdu', parentId?: string) =>
    withQuery('/admin/org-units/new', { type, parentId }),
  importOrgUnits: '/admin/org-units/import',
  orgUnit: (id: string) => `/admin/org-units/${encodeURIComponent(id)}`,

  apiClients: '/admin/api-clients',
  newApiClient: '/admin/api-clients/new',
  revokeApiClient: (id: string) => `/admin/api-clients/${encodeURIComponent(id)}/revoke`,

  audit: (query: Query = {}) => withQuery('/audit', query),

  outbox: (query: Query = {}) => withQuery('/admin/outbox', query),
} as const;
