import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

import { badRequest } from './errors';

interface Visit {
  value: unknown;
  key: string;
  parent: Visit | null;
}

/** NUL, or half of a surrogate pair without the other half. */
const unpairedSurrogate = /\p{Cs}/u;
const unstorable = (text: string) => text.includes('\u0000') || unpairedSurrogate.test(text);

/**
 * The path of the first string PostgreSQL cannot store, or null when there is none. A loop,
 * not recursion, and paths built only when found: a body may nest thousands of levels deep.
 */
function pathOfUnstorable(root: unknown): string | null {
  const pending: Visit[] = [{ value: root, key: '', parent: null }];
  for (let visit = pending.pop(); visit; visit = pending.pop()) {
    const { value } = visit;
    if (typeof value === 'string' && unstorable(value)) return pathOf(visit);
    if (typeof value !== 'object' || value === null) continue;
    for (const [key, item] of Object.entries(value)) {
      pending.push({ value: item, key, parent: visit });
    }
  }
  return null;
}

function pathOf(visit: Visit): string {
  const keys: string[] = [];
  for (let at: Visit | null = visit; at?.parent; at = at.parent) keys.unshift(at.key);
  return keys.join('.');
}

/**
 * PostgreSQL text cannot hold the NUL character, and jsonb refuses an unpaired surrogate (text
 * would store it silently changed): a query carrying either fails as a server error, possibly
 * after earlier statements of the request ran. Refuse them up front as invalid input, from the
 * JSON body or the query string of an API request (the rest stores nothing).
 */
async function textGuard(app: FastifyInstance) {
  app.addHook('preValidation', async (request) => {
    if (!request.url.startsWith('/api/v1')) return;
    const path = pathOfUnstorable(request.query) ?? pathOfUnstorable(request.body);
    if (path === null) return;
    throw badRequest('Text may not contain NUL characters or unpaired surrogates.', [
      {
        path: path || 'body',
        message: 'must be text without NUL characters or unpaired surrogates',
      },
    ]);
  });
}

export default fp(textGuard, { name: 'text-guard' });
