import type { RecommendationReadiness } from '@tracker/shared';
import { describe, expect, it } from 'vitest';

import { needingReader, nextToAnswer, readerOf, readinessTag } from './recommendation-states';

const item = (
  recommendationId: string,
  state: RecommendationReadiness['state'],
  mustAct: RecommendationReadiness['mustAct'] = state === 'ready' ? null : 'region_lead',
): RecommendationReadiness => ({ recommendationId, state, mustAct });

describe('readinessTag', () => {
  it('words each state for the lead who must act', () => {
    expect(readinessTag(item('a', 'needs_response'), 'region_lead').text).toBe('Needs a response');
    expect(readinessTag(item('a', 'needs_rationale'), 'region_lead').text).toBe(
      'Needs a rationale',
    );
    expect(readinessTag(item('a', 'needs_action'), 'region_lead').text).toBe('Needs an action');
    expect(readinessTag(item('a', 'action_details_needed'), 'region_lead').text).toBe(
      'Action details needed',
    );
    expect(readinessTag(item('a', 'ready'), 'region_lead')).toEqual({
      text: 'Ready',
      colour: 'green',
    });
  });

  it('tells anyone but the national lead that HMPPS work waits on them', () => {
    const hmpps = item('a', 'needs_response', 'national_lead');
    expect(readinessTag(hmpps, 'region_lead').text).toBe('Waiting on HMPPS national lead');
    expect(readinessTag(hmpps, null).text).toBe('Waiting on HMPPS national lead');
    expect(readinessTag(hmpps, 'national_lead').text).toBe('Needs a response');
  });

  it("tells the national lead when the region lead's part is outstanding", () => {
    expect(readinessTag(item('a', 'needs_action'), 'national_lead').text).toBe(
      'Waiting on the region lead',
    );
    expect(readinessTag(item('a', 'needs_action'), null).text).toBe('Needs an action');
  });
});

describe('readerOf', () => {
  const allowed = (respondForRegion: boolean, respondForHmpps: boolean) => ({
    allowed: {
      readLivePlan: true,
      submit: false,
      askNationalLead: false,
      respondForRegion,
      respondForHmpps,
      importActions: false,
    },
  });
  it("is the lead whose recommendations the plan's allowed lets the reader answer", () => {
    expect(readerOf(allowed(true, false))).toBe('region_lead');
    expect(readerOf(allowed(false, true))).toBe('national_lead');
    expect(readerOf(allowed(false, false))).toBeNull();
  });
});

describe('nextToAnswer', () => {
  // The task list's order differs from the states' order: the task list's wins.
  const order = ['a', 'b', 'c', 'd', 'e'];
  const states = [
    item('e', 'needs_response'),
    item('d', 'needs_response', 'national_lead'),
    item('c', 'needs_action'),
    item('b', 'needs_response'),
    item('a', 'ready'),
  ];

  it('takes the next one after the current that needs a response from the reader', () => {
    expect(nextToAnswer(order, states, 'a', 'region_lead')).toBe('b');
    // c needs an action, not a response; d is the national lead's.
    expect(nextToAnswer(order, states, 'b', 'region_lead')).toBe('e');
  });

  it('comes round to the top, never offers the current one, and ends with null', () => {
    expect(nextToAnswer(order, states, 'e', 'region_lead')).toBe('b');
    expect(nextToAnswer(['b'], [item('b', 'needs_response')], 'b', 'region_lead')).toBeNull();
    expect(nextToAnswer(order, [item('a', 'ready')], 'a', 'region_lead')).toBeNull();
  });

  it('gives the national lead only the HMPPS ones, and nobody else any', () => {
    expect(nextToAnswer(order, states, 'a', 'national_lead')).toBe('d');
    expect(nextToAnswer(order, states, 'd', 'national_lead')).toBeNull();
    expect(nextToAnswer(order, states, 'a', null)).toBeNull();
  });
});

describe('needingReader', () => {
  it("lists, in the task list's order, what the reader must do next", () => {
    const states = [item('b', 'needs_action'), item('a', 'needs_response'), item('c', 'ready')];
    expect(needingReader(['a', 'b', 'c'], states, 'region_lead')).toEqual(['a', 'b']);
    expect(needingReader(['a', 'b', 'c'], states, 'national_lead')).toEqual([]);
  });
});
