import { describe, expect, it } from 'vitest';

import { changeInWords } from './change-words';

describe('changeInWords', () => {
  it('names a known field and its values as people read them', () => {
    expect(
      changeInWords('action', { field: 'dueDate', from: '2026-09-30', to: '2026-12-31' }),
    ).toEqual({
      label: 'Due date',
      from: '30 September 2026',
      to: '31 December 2026',
      empty: 'Not set',
      text: false,
    });
    expect(
      changeInWords('recommendation', {
        field: 'response.decision',
        from: 'agreed',
        to: 'partly_agreed',
      }),
    ).toMatchObject({ label: 'Response', from: 'Agreed', to: 'Partly agreed' });
    expect(
      changeInWords('recommendation', { field: 'themes', from: [], to: ['staffing', 'victims'] }),
    ).toMatchObject({ from: null, to: 'Staffing, Victims', empty: 'None' });
  });

  it('says which values are free text, for a sentence to quote', () => {
    expect(changeInWords('action', { field: 'title', from: 'Old', to: 'New' })).toMatchObject({
      text: true,
      empty: null,
    });
  });

  it('writes ratings, overrides, dependencies and readings in words', () => {
    expect(
      changeInWords('action', {
        field: 'ragOverride',
        from: null,
        to: { rating: 'red', reason: 'Staff left' },
      }),
    ).toMatchObject({ label: 'RAG rating set by the lead', from: null, to: 'Red: Staff left' });
    expect(
      changeInWords('action', { field: 'dependsOn', from: ['a'], to: ['a', 'b'] }),
    ).toMatchObject({
      from: '1 other action',
      to: '2 other actions',
    });
    expect(
      changeInWords('measure', {
        field: 'latestReading',
        from: { value: 40, readingDate: '2026-01-31' },
        to: true,
      }),
    ).toMatchObject({ from: '40 on 31 January 2026', to: 'Yes' });
  });

  it('makes a label from the name of a field it does not know', () => {
    expect(changeInWords('action', { field: 'plan.nextReviewDate', from: 1, to: 2 })).toMatchObject(
      {
        label: 'Next review date',
        from: '1',
        to: '2',
      },
    );
  });
});
