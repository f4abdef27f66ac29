import type { ActionDiff, RecommendationDiff } from '@tracker/shared';
import { describe, expect, it } from 'vitest';

import { diffCountLines, diffCounts } from './diff-counts';

const action = (change: ActionDiff['change']): ActionDiff => ({
  id: crypto.randomUUID(),
  title: 'An action',
  change,
  fields: [],
  dueDateMoves: [],
  evidenceAdded: [],
  evidenceRemoved: [],
});

const recommendation = (diff: Partial<RecommendationDiff>): RecommendationDiff => ({
  id: crypto.randomUUID(),
  label: 'Wigan 1',
  change: 'changed',
  fields: [],
  actions: [],
  outcomeMeasures: [],
  ...diff,
});

describe('what changed between two versions, counted', () => {
  it('tells a response given, changed and withdrawn apart', () => {
    const counts = diffCounts([
      recommendation({
        fields: [{ field: 'response.decision', from: null, to: 'agreed' }],
      }),
      recommendation({
        fields: [{ field: 'response.decision', from: 'agreed', to: 'partly_agreed' }],
      }),
      // Only the rationale reworded: the response changed, it was not added.
      recommendation({
        fields: [{ field: 'response.rationale', from: 'Because.', to: 'Because of the audit.' }],
      }),
      recommendation({
        fields: [{ field: 'response.decision', from: 'agreed', to: null }],
      }),
      // A change to the status alone is no change to the response.
      recommendation({ fields: [{ field: 'status', from: 'open', to: 'closed' }] }),
    ]);
    expect(counts.recommendations).toBe(5);
    expect(counts.responses).toEqual({ added: 1, changed: 2, removed: 1 });
  });

  it('counts actions by change across recommendations, and measures', () => {
    const counts = diffCounts([
      recommendation({ actions: [action('added'), action('changed'), action('changed')] }),
      recommendation({
        actions: [action('removed'), action('added')],
        outcomeMeasures: [
          { id: crypto.randomUUID(), name: 'Audits', change: 'changed', fields: [] },
        ],
      }),
    ]);
    expect(counts.actions).toEqual({ added: 2, changed: 2, removed: 1 });
    expect(counts.outcomeMeasures).toBe(1);
    expect(counts.responses).toEqual({ added: 0, changed: 0, removed: 0 });
  });

  it('says the counts in short lines, leaving out what did not happen', () => {
    const lines = diffCountLines(
      diffCounts([
        recommendation({
          fields: [{ field: 'response.decision', from: 'agreed', to: 'not_agreed' }],
          actions: [action('added')],
        }),
        recommendation({ actions: [action('changed'), action('changed')] }),
      ]),
    );
    expect(lines).toEqual(['1 response changed', '1 action added', '2 actions changed']);
    expect(diffCountLines(diffCounts([]))).toEqual([]);
  });

  it('counts a whole recommendation added with its response', () => {
    const counts = diffCounts([recommendation({ change: 'added', actions: [action('added')] })]);
    expect(counts.responses.added).toBe(1);
    expect(counts.actions.added).toBe(1);
  });
});
