import { z } from 'zod';

import { PageQuery, SingleLineText, Timestamp, UnitRef, Uuid, pageOf } from './common';
import { Role } from './enums';

const Email = z.email().max(320);

/** Long enough to resist guessing; no composition rules (NCSC password guidance). */
export const minPasswordLength = 12;
const NewPassword = z
  .string()
  .min(minPasswordLength, `must be at least ${minPasswordLength} characters`)
  .max(200, 'must be at most 200 characters');

export const SignInRequest = z
  .strictObject({
    email: Email,
    password: z.string().min(1, 'enter your password').max(1000),
  })
  .meta({ id: 'SignInRequest' });
export type SignInRequest = z.infer<typeof SignInRequest>;

export const Me = z
  .object({
    id: Uuid,
    email: z.string(),
    name: z.string(),
    role: Role,
    unit: UnitRef,
    /** When the session ends if nothing more is done, and at the latest; null for API clients. */
    session: z.object({ idleExpiresAt: Timestamp, absoluteExpiresAt: Timestamp }).nullable(),
    hasPassword: z
      .boolean()
      .describe(
        'Whether the person has a password of their own to change: false for someone who signs in ' +
          "only with their organisation's account, and for API clients.",
      ),
  })
  .meta({ id: 'Me' });
export type Me = z.infer<typeof Me>;

export const ChangePasswordRequest = z
  .strictObject({ currentPassword: z.string().min(1).max(1000), newPassword: NewPassword })
  .meta({ id: 'ChangePasswordRequest' });
export type ChangePasswordRequest = z.infer<typeof ChangePasswordRequest>;

export const SetPasswordRequest = z
  .strictObject({ token: z.string().min(20).max(200), password: NewPassword })
  .meta({ id: 'SetPasswordRequest' });
export type SetPasswordRequest = z.infer<typeof SetPasswordRequest>;

export const userStatuses = ['invited', 'active', 'disabled'] as const;
export const UserStatus = z.enum(userStatuses);

export const User = z
  .object({
    id: Uuid,
    email: z.string(),
    name: z.string(),
    role: Role,
    unit: UnitRef,
    status: UserStatus.describe('invited: no password set yet'),
    disabledAt: Timestamp.nullable(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: 'User' });
export type User = z.infer<typeof User>;

export const UserListQuery = PageQuery.extend({
  role: Role.optional(),
  unitId: Uuid.optional(),
  status: UserStatus.optional(),
});
export type UserListQuery = z.infer<typeof UserListQuery>;
export const UserPage = pageOf(User).meta({ id: 'UserPage' });
export type UserPage = z.infer<typeof UserPage>;

/** Someone at an allowed domain who signed in by single sign-on and waits for an administrator. */
export const PendingAccount = z
  .object({
    id: Uuid,
    email: z.string(),
    name: z.string().describe('As their organisation gave it; their email when it gave none.'),
    issuer: z.string().describe('The issuer they signed in with, which the account is linked to.'),
    requestedAt: Timestamp,
  })
  .meta({ id: 'PendingAccount' });
export type PendingAccount = z.infer<typeof PendingAccount>;
export const PendingAccountListQuery = PageQuery;
export type PendingAccountListQuery = z.infer<typeof PendingAccountListQuery>;
/** Oldest first: the longest-waiting request is dealt with first. */
export const PendingAccountPage = pageOf(PendingAccount).meta({ id: 'PendingAccountPage' });
export type PendingAccountPage = z.infer<typeof PendingAccountPage>;

/** Approving gives the role and unit an administrator gives anyone they create. */
export const ApprovePendingAccountRequest = z
  .strictObject({
    name: SingleLineText(200).optional().describe('To correct the name their organisation gave.'),
    role: Role,
    unitId: Uuid,
  })
  .meta({ id: 'ApprovePendingAccountRequest' });
export type ApprovePendingAccountRequest = z.infer<typeof ApprovePendingAccountRequest>;

export const CreateUserRequest = z
  .strictObject({ email: Email, name: SingleLineText(200), role: Role, unitId: Uuid })
  .meta({ id: 'CreateUserRequest' });
export type CreateUserRequest = z.infer<typeof CreateUserRequest>;

export const UpdateUserRequest = z
  .strictObject({
    name: SingleLineText(200).optional(),
    role: Role.optional(),
    unitId: Uuid.optional(),
  })
  .meta({ id: 'UpdateUserRequest' });
export type UpdateUserRequest = z.infer<typeof UpdateUserRequest>;

/** A one-time link to set a password: shown to the administrator, never stored in clear. */
export const PasswordLink = z
  .object({ user: User, setPasswordUrl: z.string(), expiresAt: Timestamp })
  .meta({ id: 'PasswordLink' });
export type PasswordLink = z.infer<typeof PasswordLink>;

export const apiPermissions = ['read', 'read_write'] as const;
export const ApiPermission = z.enum(apiPermissions);
export type ApiPermission = z.infer<typeof ApiPermission>;

export const ApiClient = z
  .object({
    id: Uuid,
    name: z.string(),
    unit: UnitRef,
    permission: ApiPermission,
    tokenPrefix: z.string().describe('The first characters of the token, to tell tokens apart.'),
    lastUsedAt: Timestamp.nullable(),
    revokedAt: Timestamp.nullable(),
    expiresAt: Timestamp.describe('From this moment the token is refused (401).'),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: 'ApiClient' });
export type ApiClient = z.infer<typeof ApiClient>;
export const ApiClientPage = pageOf(ApiClient).meta({ id: 'ApiClientPage' });
export type ApiClientPage = z.infer<typeof ApiClientPage>;

/** How long a token lives unless the administrator chooses, and the most they may choose. */
export const apiClientDefaultLifetimeDays = 365;
export const apiClientMaxLifetimeDays = 2 * 365;
/** The API clients page warns this many days before a token expires. */
export const apiClientExpiryWarningDays = 30;

export const CreateApiClientRequest = z
  .strictObject({
    name: SingleLineText(200),
    unitId: Uuid,
    permission: ApiPermission,
    expiresAt: Timestamp.optional().describe(
      `When the token stops working: in the future, at most ${apiClientMaxLifetimeDays} days ` +
        `ahead. Left out, ${apiClientDefaultLifetimeDays} days from now.`,
    ),
  })
  .meta({ id: 'CreateApiClientRequest' });
export type CreateApiClientRequest = z.infer<typeof CreateApiClientRequest>;

/** The token appears in this answer only; the server keeps its hash. */
export const CreatedApiClient = z
  .object({ client: ApiClient, token: z.string() })
  .meta({ id: 'CreatedApiClient' });
export type CreatedApiClient = z.infer<typeof CreatedApiClient>;

export const AuditEvent = z
  .object({
    id: z.string(),
    occurredAt: Timestamp,
    actor: z.object({
      type: z.enum(['user', 'api_client', 'system']),
      id: Uuid.nullable(),
      label: z.string(),
    }),
    action: z.string(),
    subject: z.object({ type: z.string(), id: Uuid.nullable() }),
    requestId: z.string().nullable(),
    before: z.unknown(),
    after: z.unknown(),
  })
  .meta({ id: 'AuditEvent' });
export type AuditEvent = z.infer<typeof AuditEvent>;

export const AuditEventListQuery = PageQuery.extend({
  subjectType: z.string().max(100).optional(),
  subjectId: Uuid.optional(),
  actorId: Uuid.optional().describe('A user or API client id.'),
  actor: SingleLineText(200)
    .optional()
    .describe(
      'Part of the name or email of the person, or the name of the API client, who made the change (any case).',
    ),
  from: Timestamp.optional(),
  to: Timestamp.optional(),
});
export type AuditEventListQuery = z.infer<typeof AuditEventListQuery>;
export const AuditEventPage = pageOf(AuditEvent).meta({ id: 'AuditEventPage' });
export type AuditEventPage = z.infer<typeof AuditEventPage>;

/** An unfinished action of a person, listed so an administrator can hand it to someone else. */
export const OpenAction = z
  .object({
    id: Uuid,
    title: z.string(),
    recommendationId: Uuid,
    dueDate: z.iso.date().nullable(),
    status: z.string(),
  })
  .meta({ id: 'OpenAction' });
export type OpenAction = z.infer<typeof OpenAction>;
export const OpenActionList = z
  .object({ items: z.array(OpenAction) })
  .meta({ id: 'OpenActionList' });
export type OpenActionList = z.infer<typeof OpenActionList>;

export const ReassignActionsRequest = z
  .strictObject({ toUserId: Uuid })
  .meta({ id: 'ReassignActionsRequest' });
export type ReassignActionsRequest = z.infer<typeof ReassignActionsRequest>;
export const ReassignActionsResult = z
  .object({ reassigned: z.number().int() })
  .meta({ id: 'ReassignActionsResult' });
export type ReassignActionsResult = z.infer<typeof ReassignActionsResult>;

/** A person others can name as an action's owner: active users only, within the caller's sight. */
export const Person = z
  .object({ id: Uuid, name: z.string(), role: Role, unit: UnitRef })
  .meta({ id: 'Person' });
export type Person = z.infer<typeof Person>;
export const PersonPage = pageOf(Person).meta({ id: 'PersonPage' });
export type PersonPage = z.infer<typeof PersonPage>;
export const PersonListQuery = PageQuery.extend({
  unitId: Uuid.optional().describe('Only the people of this unit.'),
  mayOwnActionsOf: Uuid.optional().describe(
    "Only the people who may own an action of this unit: for HMPPS work, HMPPS staff; for a region's or a PDU's, the region's staff. Administrators and inspectors own no actions.",
  ),
  mayReviewFor: Uuid.optional().describe(
    "Only the people who may be named to review an HMPPS plan (SFO review, internal audit, policy review) of this region: national leads and the region's leads.",
  ),
});
export type PersonListQuery = z.infer<typeof PersonListQuery>;

/** How people sign in to this installation: passwords, and which organisations' accounts. */
export const SignInOptions = z
  .object({
    passwordSignIn: z.boolean(),
    /** One "Sign in with <name>" button each, a link to `signInPath`. */
    singleSignOn: z.array(z.object({ name: z.string(), signInPath: z.string() })),
  })
  .meta({ id: 'SignInOptions' });
export type SignInOptions = z.infer<typeof SignInOptions>;

/** After single sign-on, where the browser goes to end the issuer's session too. */
export const SignedOut = z.object({ endSessionUrl: z.string() }).meta({ id: 'SignedOut' });
export type SignedOut = z.infer<typeof SignedOut>;
