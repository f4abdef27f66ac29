import type { AccessRule } from '../auth/access';
import { roleForClientUnit } from '../auth/policy';

/**
 * Names and credentials of the OpenAPI operations, derived from each route's method, path and
 * access rule, so that no route has to spell them out and a new route gets them too. Generated
 * clients name their methods after the operationId: renaming one breaks integrators, which is
 * why the test keeps the whole list.
 */

/** Where the derived name reads badly; keyed by method and documented path. */
export const operationIdOverrides: Record<string, string> = {
  'POST /api/v1/session': 'signIn',
  'DELETE /api/v1/session': 'signOut',
  'POST /api/v1/password': 'setPasswordWithToken',
  'PUT /api/v1/me/password': 'changeOwnPassword',
  'POST /api/v1/users/{id}/password-reset': 'resetUserPassword',
  'POST /api/v1/notifications/{id}/read': 'markNotificationRead',
  'POST /api/v1/notifications/read-all': 'markAllNotificationsRead',
  'GET /api/v1/calendar-feeds/{id}/calendar.ics': 'getCalendarFeedIcs',
  'GET /api/v1/sign-in-options': 'getSignInOptions',
  'GET /api/v1/oidc/{number}/sign-in': 'startSingleSignOn',
  'GET /api/v1/oidc/{number}/callback': 'completeSingleSignOn',
};

/** A POST to `/things/{id}/<verb>` does that to the thing: `POST /users/{id}/disable` is disableUser. */
const actionVerbs = new Set([
  'close',
  'disable',
  'enable',
  'reassign',
  'reopen',
  'remove',
  'revoke',
  'review',
]);

/** Nouns that name a collection without a plural s (`GET /actions/{id}/evidence` lists it). */
const collectiveNouns = new Set(['evidence', 'people']);

const irregularSingulars: Record<string, string> = { people: 'person' };

const verbForItem: Record<string, string> = {
  GET: 'get',
  PATCH: 'update',
  PUT: 'replace',
  DELETE: 'delete',
};

const verbForSubresource: Record<string, string> = {
  POST: 'create',
  PATCH: 'update',
  PUT: 'set',
  DELETE: 'delete',
};

export const openApiPath = (url: string) => url.replace(/:(\w+)/g, '{$1}');

/**
 * `GET /api/v1/action-plans/{id}/versions/{number}` is getActionPlanVersion,
 * `GET /api/v1/actions` listActions, `POST /api/v1/recommendations/{id}/actions`
 * createRecommendationAction: each named segment followed by an id is one thing of that kind.
 */
export function deriveOperationId(method: string, path: string): string {
  const override = operationIdOverrides[`${method} ${path}`];
  if (override) return override;
  const segments = path
    .replace(/^\/api\/v1\//, '/')
    .split('/')
    .filter(Boolean);
  const isParam = (segment: string | undefined) => segment?.startsWith('{') ?? false;
  const lastIndex = segments.length - 1;
  const owners = segments.flatMap((segment, index) =>
    isParam(segment) || index === lastIndex
      ? []
      : words(isParam(segments[index + 1]) ? singular(segment) : segment),
  );
  const last = segments[lastIndex]!;
  if (isParam(last)) return camel([verbForItem[method] ?? method.toLowerCase(), ...owners]);
  const [firstWord, ...restWords] = words(last);
  if (method === 'POST' && actionVerbs.has(firstWord!)) {
    return camel([firstWord!, ...owners, ...restWords]);
  }
  if (method === 'GET') {
    return camel([isCollection(last) ? 'list' : 'get', ...owners, ...words(last)]);
  }
  const verb = verbForSubresource[method] ?? method.toLowerCase();
  return camel([verb, ...owners, ...words(singular(last))]);
}

function isCollection(segment: string): boolean {
  return collectiveNouns.has(segment) || singular(segment) !== segment;
}

function singular(segment: string): string {
  const irregular = irregularSingulars[segment];
  if (irregular) return irregular;
  if (segment.endsWith('ies')) return `${segment.slice(0, -3)}y`;
  return /[^siu]s$/.test(segment) ? segment.slice(0, -1) : segment;
}

function words(segment: string): string[] {
  return segment.split(/[-.]/).filter(Boolean);
}

function camel(parts: string[]): string {
  return parts
    .map((part, index) => (index === 0 ? part : part[0]!.toUpperCase() + part.slice(1)))
    .join('');
}

export const securitySchemeNames = { session: 'sessionCookie', token: 'bearerToken' } as const;

const apiClientRoles = new Set(Object.values(roleForClientUnit));

/** Paths whose handlers refuse API clients: these things belong to a person. */
const forPeopleOnly = [
  /^\/api\/v1\/session$/,
  /^\/api\/v1\/me\/password$/,
  /^\/api\/v1\/notifications/,
  /^\/api\/v1\/calendar-feeds/,
];

/**
 * Who may call the operation, from the route's access rule: nobody needs credentials for a
 * public route; otherwise a person's session cookie, or an API client's token when a client
 * may call it (a client's role passes the rule, and the handler takes clients at all).
 */
export function securityOf(path: string, rule: AccessRule | undefined): Record<string, string[]>[] {
  if (!rule || rule.public) return [];
  const session = { [securitySchemeNames.session]: [] };
  const clientsMayCall =
    (!rule.roles || rule.roles.some((role) => apiClientRoles.has(role))) &&
    !forPeopleOnly.some((pattern) => pattern.test(path));
  return clientsMayCall ? [session, { [securitySchemeNames.token]: [] }] : [session];
}
