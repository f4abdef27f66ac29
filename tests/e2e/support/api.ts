import type { Recommendation } from '@tracker/shared';
import { expect } from 'vitest';

import { demoPassword } from './auth';

/** A signed-in session on the API from the test itself (as another person, or "meanwhile"). */
export interface ApiSession {
  request: <T = unknown>(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ) => Promise<{ status: number; body: T; etag: string | null }>;
}

export async function apiSignIn(
  baseUrl: string,
  email: string,
  password: string = demoPassword,
): Promise<ApiSession> {
  const signIn = await fetch(`${baseUrl}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!signIn.ok) throw new Error(`Signing in ${email} answered ${signIn.status}`);
  const cookie = signIn.headers
    .getSetCookie()
    .map((header) => header.split(';')[0])
    .join('; ');
  return {
    request: async <T>(
      method: string,
      path: string,
      body?: unknown,
      headers: Record<string, string> = {},
    ) => {
      const response = await fetch(`${baseUrl}/api/v1${path}`, {
        method,
        headers: {
          cookie,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await response.text();
      return {
        status: response.status,
        body: (text ? JSON.parse(text) : undefined) as T,
        etag: response.headers.get('etag'),
      };
    },
  };
}

/** Awaits an API answer, expects its status (printing the body when it differs), gives the body. */
export async function expectOk<T>(answer: Promise<{ status: number; body: T }>, status: number) {
  const { status: actual, body } = await answer;
  expect(actual, JSON.stringify(body)).toBe(status);
  return body;
}

/** The region lead's submission over the API: `If-Match` and a fresh Idempotency-Key. */
export async function submitPlan(rpd: ApiSession, planId: string) {
  const plan = await rpd.request('GET', `/action-plans/${planId}`);
  await expectOk(
    rpd.request(
      'POST',
      `/action-plans/${planId}/submissions`,
      { declaration: true },
      { 'if-match': plan.etag ?? '', 'idempotency-key': crypto.randomUUID() },
    ),
    201,
  );
}

/** A calendar date `days` from today in the UK (YYYY-MM-DD). */
export function dayFromToday(days: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(
    new Date(Date.now() + days * 86_400_000),
  );
}

/** Answers every recommendation but `keep` "not agreed" over the API, each by `leadFor` it. */
export async function declineAllBut(
  recommendations: Recommendation[],
  keep: Recommendation[],
  leadFor: (recommendation: Recommendation) => ApiSession,
) {
  for (const recommendation of recommendations) {
    if (keep.includes(recommendation)) continue;
    await expectOk(
      leadFor(recommendation).request('PUT', `/recommendations/${recommendation.id}/response`, {
        decision: 'not_agreed',
        rationale: 'Covered by the national programme.',
      }),
      200,
    );
  }
}

/** The id of the person of this name, as `GET /people` lists them. */
export async function personIdByName(session: ApiSession, name: string): Promise<string> {
  const people = (
    await session.request<{ items: { id: string; name: string }[] }>('GET', '/people')
  ).body.items;
  return people.find((person) => person.name === name)!.id;
}
