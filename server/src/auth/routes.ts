import {
  ChangePasswordRequest,
  Me,
  Problem,
  SetPasswordRequest,
  SignInRequest,
  SignedOut,
} from '@tracker/shared';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';

import type { Config } from '../config';
import { hasPassword } from '../users/queries';
import type { OidcIssuers } from '../oidc/client';
import { endSessionUrlOf } from '../oidc/service';
import { HttpProblem } from '../http/errors';
import { access } from './access';
import { actorOf, contextOf, personOf, publicContextOf } from './context';
import { changePassword, meOf, setPasswordWithToken, signIn, signOut } from './service';

const authProblems = {
  400: Problem,
  401: Problem,
  403: Problem,
  429: Problem,
  500: Problem,
  503: Problem,
};

/** Sign-in, sign-out, the signed-in person, and passwords. */
const authRoutes: FastifyPluginAsyncZod<{ config: Config; oidcIssuers: OidcIssuers }> = async (
  app,
  { config, oidcIssuers },
) => {
  const limits = {
    idleMinutes: config.sessionIdleMinutes,
    absoluteHours: config.sessionAbsoluteHours,
  };
  const cookieOptions = {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: config.secureCookies,
  };

  const clearCookie = (reply: FastifyReply) =>
    reply.clearCookie(app.sessionCookieName, cookieOptions);

  app.post(
    '/session',
    {
      config: { access: access.public },
      schema: {
        tags: ['Sign-in'],
        summary: 'Sign in with email and password; sets the session cookie',
        body: SignInRequest,
        response: { 200: Me, ...authProblems },
      },
    },
    async (request, reply) => {
      if (!config.passwordSignIn) {
        throw new HttpProblem(
          403,
          'Password sign-in is off',
          "Sign in with your organisation's account.",
        );
      }
      const { token, actor } = await signIn(
        app.db,
        { ...request.body, ip: request.ip, maxFailures: config.signinMaxFailures },
        publicContextOf(request),
      );
      reply.setCookie(app.sessionCookieName, token, cookieOptions);
      return meOf(actor, limits, true);
    },
  );

  app.delete(
    '/session',
    {
      config: { access: access.signedIn },
      schema: {
        tags: ['Sign-in'],
        summary:
          "Sign out: ends the session at once; after single sign-on, answers with the issuer's end-session address",
        response: {
          200: SignedOut,
          204: z.null(),
          ...authProblems,
        },
      },
    },
    async (request, reply) => {
      const ended = await signOut(app.db, contextOf(request));
      clearCookie(reply);
      // A shared computer keeps nothing of the person who signed out (cached API answers too).
      reply.header('clear-site-data', '"cache", "cookies", "storage"');
      const endSessionUrl = ended
        ? await endSessionUrlOf(oidcIssuers, ended, config.publicUrl)
        : null;
      if (endSessionUrl) return reply.code(200).send({ endSessionUrl });
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/me',
    {
      config: { access: access.signedIn },
      schema: {
        tags: ['Sign-in'],
        summary: 'The signed-in person (or API client) and their scope',
        response: { 200: Me, ...authProblems },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return meOf(actor, limits, actor.kind === 'user' && (await hasPassword(app.db, actor.id)));
    },
  );

  app.put(
    '/me/password',
    {
      config: { access: access.signedIn },
      schema: {
        tags: ['Sign-in'],
        summary: 'Change your own password; your other sessions end',
        body: ChangePasswordRequest,
        response: { 204: z.null(), ...authProblems },
      },
    },
    async (request, reply) => {
      personOf(request, 'API clients have no password.');
      await changePassword(app.db, request.body, contextOf(request));
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/password',
    {
      config: { access: access.public },
      schema: {
        tags: ['Sign-in'],
        summary: "Set a password with a one-time link's token",
        body: SetPasswordRequest,
        response: { 204: z.null(), ...authProblems },
      },
    },
    async (request, reply) => {
      await setPasswordWithToken(app.db, request.body, publicContextOf(request));
      return reply.code(204).send(null);
    },
  );
};

export default authRoutes;
