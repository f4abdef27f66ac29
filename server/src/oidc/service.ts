import { and, eq, gt, isNull, lt } from 'drizzle-orm';
import * as oidc from 'openid-client';

import { recordAudit } from '../audit/record';
import type { Actor } from '../auth/actor';
import type { RequestContext } from '../auth/context';
import { openSession } from '../auth/service';
import { findUserForSignIn, forgetRecentSessionsOf, regionIdOf } from '../auth/sessions';
import { hashToken } from '../auth/tokens';
import type { OidcIssuerConfig } from '../config';
import type { Db } from '../db/client';
import { oidcSignInAttempts } from '../db/schema/sessions';
import { pendingAccounts, users } from '../db/schema/users';
import { activePeople, notify } from '../notifications/notify';
import type { OidcIssuers } from './client';

/** Long enough to type a password and approve at the issuer; short enough to be worthless later. */
const attemptLifetimeMs = 10 * 60_000;

/** Why a single sign-on was refused: the web names each to the person (`?sso-error=`). */
export type SsoRefusal =
  | 'unknown_person'
  | 'disabled'
  | 'wrong_issuer'
  | 'already_linked'
  | 'unverified_email'
  | 'pending_approval'
  | 'failed'
  | 'unavailable';

export class SsoRefused extends Error {
  constructor(
    readonly reason: SsoRefusal,
    readonly detail: string,
  ) {
    super(`single sign-on refused: ${reason} (${detail})`);
  }
}

/** Only a path inside this service, so the callback cannot be made to send anyone elsewhere. */
export function safeReturnPath(value: unknown): string {
  if (typeof value !== 'string') return '/';
  return /^\/(?![/\\])[^\s]*$/.test(value) && value.length <= 500 ? value : '/';
}

export function redirectUriOf(publicUrl: string, issuer: OidcIssuerConfig): string {
  return `${publicUrl}/api/v1/oidc/${issuer.number}/callback`;
}

/** Records the attempt (state, nonce, PKCE verifier) and answers with the issuer's address. */
export async function startSignIn(
  db: Db,
  issuers: OidcIssuers,
  issuer: OidcIssuerConfig,
  input: { publicUrl: string; returnTo: string },
  now: Date,
): Promise<URL> {
  let configuration: oidc.Configuration;
  try {
    configuration = await issuers.configurationOf(issuer);
  } catch (error) {
    throw new SsoRefused('unavailable', `discovery failed: ${String(error)}`);
  }
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const codeVerifier = oidc.randomPKCECodeVerifier();
  await db.delete(oidcSignInAttempts).where(lt(oidcSignInAttempts.expiresAt, now));
  await db.insert(oidcSignInAttempts).values({
    stateHash: hashToken(state),
    nonce,
    codeVerifier,
    issuer: issuer.issuer,
    returnTo: input.returnTo,
    expiresAt: new Date(now.getTime() + attemptLifetimeMs),
  });
  return oidc.buildAuthorizationUrl(configuration, {
    redirect_uri: redirectUriOf(input.publicUrl, issuer),
    scope: 'openid email profile',
    response_type: 'code',
    state,
    nonce,
    code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
  });
}

/**
 * Checks the issuer's answer (state, then the code exchanged with PKCE, then the ID token's
 * issuer, audience, expiry, nonce and signature), finds the person, and opens a session as
 * password sign-in does. Every refusal is audited.
 */
export async function completeSignIn(
  db: Db,
  issuers: OidcIssuers,
  issuer: OidcIssuerConfig,
  input: { publicUrl: string; callbackUrl: URL },
  context: RequestContext,
): Promise<{ token: string; actor: Actor; returnTo: string }> {
  const refuse = async (
    reason: SsoRefusal,
    detail: string,
    who?: { label?: string; userId?: string; regionId?: string | null },
  ): Promise<never> => {
    await recordAudit(db, {
      actorLabel: who?.label ?? `single sign-on (${issuer.name})`,
      action: 'auth.sso_refused',
      subjectType: 'user',
      subjectId: who?.userId ?? null,
      regionId: who?.regionId ?? null,
      requestId: context.requestId,
      after: { issuer: issuer.issuer, reason, detail },
    });
    throw new SsoRefused(reason, detail);
  };

  const state = input.callbackUrl.searchParams.get('state');
  // Spent at once, before anything else is checked: a state (and so its code) works once.
  const [attempt] = state
    ? await db
        .update(oidcSignInAttempts)
        .set({ usedAt: context.now, updatedAt: context.now })
        .where(
          and(
            eq(oidcSignInAttempts.stateHash, hashToken(state)),
            isNull(oidcSignInAttempts.usedAt),
            gt(oidcSignInAttempts.expiresAt, context.now),
          ),
        )
        .returning()
    : [];
  if (!attempt) return refuse('failed', 'unknown, used or expired state');
  if (attempt.issuer !== issuer.issuer) {
    return refuse('wrong_issuer', 'the attempt was started with another issuer');
  }
  const providerError = input.callbackUrl.searchParams.get('error');
  if (providerError) return refuse('failed', `the issuer answered ${providerError}`);

  let configuration: oidc.Configuration;
  try {
    configuration = await issuers.configurationOf(issuer);
  } catch (error) {
    return refuse('unavailable', `discovery failed: ${String(error)}`);
  }
  let claims: oidc.IDToken;
  let idToken: string;
  try {
    const tokens = await oidc.authorizationCodeGrant(
      configuration,
      input.callbackUrl,
      {
        pkceCodeVerifier: attempt.codeVerifier,
        expectedState: state!,
        expectedNonce: attempt.nonce,
        idTokenExpected: true,
      },
      { redirect_uri: redirectUriOf(input.publicUrl, issuer) },
    );
    claims = tokens.claims()!;
    idToken = tokens.id_token!;
  } catch (error) {
    return refuse('failed', failureOf(error));
  }

  const subjectLabel = `${String(claims.email ?? 'no email')} (${issuer.name} ${claims.sub})`;
  const [linked] = await db
    .select({ email: users.email })
    .from(users)
    .where(and(eq(users.oidcIssuer, claims.iss), eq(users.oidcSubject, claims.sub)));
  let row = linked ? await findUserForSignIn(db, linked.email) : undefined;
  if (!row) {
    if (typeof claims.email !== 'string') {
      return refuse('unknown_person', 'the issuer gave no email', { label: subjectLabel });
    }
    if (claims.email_verified !== true) {
      return refuse('unverified_email', 'the issuer has not verified the email', {
        label: subjectLabel,
      });
    }
    row = await findUserForSignIn(db, claims.email);
    if (!row) {
      const email = claims.email.toLowerCase();
      if (!issuer.allowedDomains.includes(email.slice(email.lastIndexOf('@') + 1))) {
        return refuse('unknown_person', 'no account has this email', { label: subjectLabel });
      }
      const requested = await requestAccount(db, issuer, claims, email, context.now, context);
      return refuse(
        'pending_approval',
        requested ? 'a pending account was made' : 'the account waits for approval',
        { label: subjectLabel },
      );
    }
  }
  const who = {
    label: subjectLabel,
    userId: row.user.id,
    regionId: regionIdOf(row.unit),
  };
  if (row.user.disabledAt) return refuse('disabled', 'the account is disabled', who);
  if (row.user.oidcIssuer && row.user.oidcIssuer !== claims.iss) {
    return refuse('wrong_issuer', `the account is linked to ${row.user.oidcIssuer}`, who);
  }
  if (row.user.oidcSubject && row.user.oidcSubject !== claims.sub) {
    return refuse('already_linked', 'the account is linked to another subject', who);
  }

  const found = row;
  const opened = await db.transaction(async (tx) => {
    if (!found.user.oidcSubject) {
      await tx
        .update(users)
        .set({ oidcIssuer: claims.iss, oidcSubject: claims.sub, updatedAt: context.now })
        .where(eq(users.id, found.user.id));
      forgetRecentSessionsOf(found.user.id);
    }
    return openSession(tx, found, context, { oidcIssuer: claims.iss, idToken });
  });
  return { ...opened, returnTo: attempt.returnTo };
}

/**
 * Makes the pending account of someone at an allowed domain, audited, and tells every
 * administrator. False when it already waits (a second try changes nothing).
 */
async function requestAccount(
  db: Db,
  issuer: OidcIssuerConfig,
  claims: oidc.IDToken,
  email: string,
  now: Date,
  context: RequestContext,
): Promise<boolean> {
  const name = typeof claims.name === 'string' && claims.name.trim() ? claims.name.trim() : email;
  return db.transaction(async (tx) => {
    const [created] = await tx
      .insert(pendingAccounts)
      .values({
        email,
        name: name.slice(0, 200),
        oidcIssuer: claims.iss,
        oidcSubject: claims.sub,
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoNothing()
      .returning({ id: pendingAccounts.id });
    if (!created) return false;
    await recordAudit(tx, {
      actorLabel: `${email} (${issuer.name} ${claims.sub})`,
      action: 'user.account_requested',
      subjectType: 'pending_account',
      subjectId: created.id,
      regionId: null,
      requestId: context.requestId,
      after: { email, name, issuer: claims.iss },
    });
    await notify(
      tx,
      await activePeople(tx, { roles: ['admin'] }),
      {
        kind: 'account_requested',
        message: `${name} (${email}) signed in with ${issuer.name} and asks for an account.`,
        link: '/admin/users',
      },
      { now },
    );
    return true;
  });
}

/** The issuer's end-session address for RP-initiated logout, when it has one. */
export async function endSessionUrlOf(
  issuers: OidcIssuers,
  ended: { oidcIssuer: string; idToken: string },
  publicUrl: string,
): Promise<string | null> {
  const issuer = issuers.byIssuer(ended.oidcIssuer);
  if (!issuer) return null;
  try {
    const configuration = await issuers.configurationOf(issuer);
    if (!configuration.serverMetadata().end_session_endpoint) return null;
    return oidc
      .buildEndSessionUrl(configuration, {
        id_token_hint: ended.idToken,
        post_logout_redirect_uri: `${publicUrl}/sign-in`,
      })
      .toString();
  } catch {
    // The local session has ended; an unreachable issuer only means its own session stays.
    return null;
  }
}

/** The library's reason, with its underlying check's words (which claim: nonce, exp, iss, aud). */
function failureOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return error.cause instanceof Error ? `${error.message}: ${error.cause.message}` : error.message;
}
