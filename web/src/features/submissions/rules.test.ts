import { describe, expect, it } from 'vitest';

import { describeChange, recommendationName } from './components/field-words';
import { canBeSent, eventTitle, sendsProgressReport } from './rules';

describe('submission rules', () => {
  it('sends a draft or a returned plan, and reports on an accepted one', () => {
    expect(canBeSent({ status: 'draft' })).toBe(true);
    expect(canBeSent({ status: 'submitted' })).toBe(false);
    expect(canBeSent({ status: 'closed' })).toBe(false);
    expect(sendsProgressReport({ status: 'accepted' })).toBe(true);
    expect(sendsProgressReport({ status: 'returned' })).toBe(false);
  });

  it('titles the plan’s events', () => {
    expect(eventTitle({ kind: 'returned', versionNumber: 2 })).toBe('Version 2 returned');
    expect(eventTitle({ kind: 'progress_reported', versionNumber: 3 })).toBe(
      'Progress report sent as version 3',
    );
    expect(eventTitle({ kind: 'closed', versionNumber: null })).toBe('Action plan closed');
  });
});

describe('the compare page’s words', () => {
  it('calls an empty value by the field’s own word', () => {
    expect(describeChange('action', { field: 'owner', from: null, to: 'Sam' })).toEqual({
      label: 'Owner',
      from: 'No named owner',
      to: 'Sam',
    });
    expect(describeChange('action', { field: 'title', from: '', to: 'New' })).toEqual({
      label: 'Title',
      from: 'Not given',
      to: 'New',
    });
  });

  it('names a diff’s recommendation label as the service does', () => {
    expect(recommendationName('Wigan 1')).toBe('Wigan recommendation 1');
    expect(recommendationName('Greater Manchester')).toBe('Greater Manchester');
  });
});
