import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';

import { access } from '../auth/access';
import { publicContextOf } from '../auth/context';
import type { Config } from '../config';
import { Problem, SignInOptions } from '@tracker/shared';
import { notFound } from '../http/errors';
import type { OidcIssuers } from './client';
import { SsoRefused, completeSignIn, safeReturnPath, startSignIn } from './service';

const problems = {
  400: Problem,
  401: Problem,
  403: Problem,
  404: Problem,
  429: Problem,
  500: Problem,
};

/** What an issuer sends back (RFC 6749 4.1.2, RFC 9207's iss); the library reads the URL itself. */
const CallbackQuery = z.looseObject({
  code: z.string().max(2000).optional(),
  state: z.string().max(500).optional(),
  iss: z.string().max(500).optional(),
  error: z.string().max(200).optional(),
  error_description: z.string().max(2000).optional(),
});

const IssuerParams = z.strictObject({ number: z.coerce.number().int().min(1).max(9) });

/** Single sign-on with the organisations' OpenID Connect issuers (issue 16, decision 014). */
const oidcRoutes: FastifyPluginAsyncZod<{ config: Config; issuers: OidcIssuers }> = async (
  app,
  { config, issuers },
) => {
  const cookieOptions = {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: config.secureCookies,
  };
  const issuerOf = (number: number) => {
    const issuer = issuers.find(number);
    if (!issuer) throw notFound('Single sign-on issuer', String(number));
    return issuer;
  };
  const refusedPath = (reason: string) => `/sign-in?sso-error=${encodeURIComponent(reason)}`;

  app.get(
    '/sign-in-options',
    {
      config: { access: access.public },
      schema: {
        tags: ['Sign-in'],
        summary: 'How people sign in here: passwords, and which organisations’ accounts',
        response: { 200: SignInOptions, ...problems },
      },
    },
    async () => ({
      passwordSignIn: config.passwordSignIn,
      singleSignOn: issuers.issuers.map((issuer) => ({
        name: issuer.name,
        signInPath: `/api/v1/oidc/${issuer.number}/sign-in`,
      })),
    }),
  );

  app.get(
    '/oidc/:number/sign-in',
    {
      config: { access: access.public },
      schema: {
        tags: ['Sign-in'],
        summary: "Single sign-on: sends the browser to the organisation's sign-in",
        params: IssuerParams,
        querystring: z.object({ returnTo: z.string().max(500).optional() }),
        response: { 302: z.null(), ...problems },
      },
    },
    async (request, reply) => {
      const issuer = issuerOf(request.params.number);
      try {
        const url = await startSignIn(
          app.db,
          issuers,
          issuer,
          { publicUrl: config.publicUrl, returnTo: safeReturnPath(request.query.returnTo) },
          app.clock(),
        );
        return reply.redirect(url.toString(), 302);
      } catch (error) {
        if (!(error instanceof SsoRefused)) throw error;
        request.log.warn({ err: error }, 'single sign-on could not start');
        return reply.redirect(refusedPath(error.reason), 302);
      }
    },
  );

  app.get(
    '/oidc/:number/callback',
    {
      config: { access: access.public },
      schema: {
        tags: ['Sign-in'],
        summary: "Single sign-on: the organisation's answer; sets the session cookie",
        params: IssuerParams,
        querystring: CallbackQuery,
        response: { 302: z.null(), ...problems },
      },
    },
    async (request, reply) => {
      const issuer = issuerOf(request.params.number);
      try {
        const { token, returnTo } = await completeSignIn(
          app.db,
          issuers,
          issuer,
          {
            publicUrl: config.publicUrl,
            callbackUrl: new URL(request.url, config.publicUrl),
          },
          publicContextOf(request),
        );
        reply.setCookie(app.sessionCookieName, token, cookieOptions);
        return reply.redirect(returnTo, 302);
      } catch (error) {
        if (!(error instanceof SsoRefused)) throw error;
        request.log.warn({ err: error }, 'single sign-on refused');
        return reply.redirect(refusedPath(error.reason), 302);
      }
    },
  );
};

export default oidcRoutes;
