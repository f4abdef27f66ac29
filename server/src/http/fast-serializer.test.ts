import { type Action, ActionPage, Action as ActionSchema, Problem } from '@tracker/shared';
import { serializerCompiler } from 'fastify-type-provider-zod';
import { describe, expect, it } from 'vitest';

import { fastSerializerCompiler } from './fast-serializer';

/** What the zod serializer (every other route's) writes for this value. */
function zodBytes(schema: unknown, value: unknown): string {
  return serializerCompiler({ schema, method: 'GET', url: '/test' } as never)(value);
}

function fastBytes(schema: unknown, value: unknown): string {
  return fastSerializerCompiler({ schema })(value);
}

// Quotes, backslashes, control characters, line separators, astral and lone surrogates.
const awkward = 'He said "no" \\ tab\there\nnew line \u0001 \u2028 \u2029 café 𝄞 \ud800 </script>';

const full: Action = {
  id: '0b6f2a1e-3c4d-4e5f-8a9b-0c1d2e3f4a5b',
  recommendationId: '1b6f2a1e-3c4d-4e5f-8a9b-0c1d2e3f4a5b',
  inspectionId: '2b6f2a1e-3c4d-4e5f-8a9b-0c1d2e3f4a5b',
  title: awkward,
  description: 'A description',
  owningUnit: { id: '3b6f2a1e-3c4d-4e5f-8a9b-0c1d2e3f4a5b', name: 'Wigan', type: 'pdu' },
  owner: { id: '4b6f2a1e-3c4d-4e5f-8a9b-0c1d2e3f4a5b', name: 'Pat', disabled: true },
  ownerRole: 'Head of Quality',
  startDate: '2026-01-01',
  dueDate: '2026-06-30',
  originalDueDate: '2026-03-31',
  dueDateHistory: [
    {
      fromDate: '2026-03-31',
      toDate: '2026-06-30',
      reason: awkward,
      changedBy: { id: '5b6f2a1e-3c4d-4e5f-8a9b-0c1d2e3f4a5b', name: 'Sam' },
      changedAt: '2026-02-01T12:00:00.000Z',
    },
    {
      fromDate: null,
      toDate: null,
      reason: 'r',
      changedBy: null,
      changedAt: '2026-02-02T00:00:00.000Z',
    },
  ],
  successMeasure: 'Measured',
  status: 'in_progress',
  cancelReason: null,
  percentComplete: 40,
  rag: 'amber',
  ragOverride: { rating: 'red', reason: 'Because' },
  waiting: true,
  dependsOn: ['6b6f2a1e-3c4d-4e5f-8a9b-0c1d2e3f4a5b', '7b6f2a1e-3c4d-4e5f-8a9b-0c1d2e3f4a5b'],
  evidenceCount: 3,
  revision: 7,
  createdAt: '2026-01-01T09:00:00.000Z',
  updatedAt: '2026-02-01T12:00:00.000Z',
  allowed: { change: true, addProgress: true, addEvidence: true, verify: false, moveUnit: false },
};

const sparse: Action = {
  ...full,
  description: null,
  owner: null,
  ownerRole: null,
  startDate: null,
  dueDate: null,
  originalDueDate: null,
  dueDateHistory: [],
  successMeasure: null,
  status: 'cancelled',
  cancelReason: 'No longer needed',
  percentComplete: 0,
  rag: null,
  ragOverride: null,
  waiting: false,
  dependsOn: [],
  evidenceCount: 0,
};

describe('the fast serializer (decision 012)', () => {
  it('writes the same bytes as the zod serializer for an action, every field set or empty', () => {
    for (const action of [full, sparse]) {
      expect(fastBytes(ActionSchema, action)).toBe(zodBytes(ActionSchema, action));
    }
  });

  it('writes the same bytes for a page, and drops what the schema does not name as zod does', () => {
    for (const page of [
      { items: [full, sparse, { ...full, secret: 'x' }], nextCursor: 'abc' },
      { items: [], nextCursor: null },
    ]) {
      expect(fastBytes(ActionPage, page)).toBe(zodBytes(ActionPage, page));
    }
  });

  it('writes the same bytes for a problem, with and without its optional fields', () => {
    for (const problem of [
      { type: 'about:blank', title: 'Not found', status: 404, detail: awkward },
      {
        type: 'about:blank',
        title: 'Bad request',
        status: 400,
        detail: 'd',
        instance: '/x',
        errors: [{ path: 'limit', message: awkward }],
      },
    ]) {
      expect(fastBytes(Problem, problem)).toBe(zodBytes(Problem, problem));
    }
  });
});
