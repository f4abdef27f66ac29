import { describe, expect, it } from 'vitest';

import { ApiError } from './api-client';
import { apiErrors, fieldMessage, summaryItems } from './form-errors';

const serviceProblem = 'Sorry, there is a problem with the service. Try again later.';

const problem = (status: number, fields: { path: string; message: string }[] = [], detail = '') =>
  new ApiError({ type: 'about:blank', title: 'Bad Request', status, detail, errors: fields });

describe('summaryItems', () => {
  it("lists the fields' messages in page order, each linking to its field, then the rest", () => {
    const items = summaryItems(
      { dueDate: 'Enter a due date', title: 'Enter a title', unlisted: 'Not on this page' },
      [{ name: 'title' }, { name: 'owner' }, { name: 'dueDate', href: '#dueDate-day' }],
      ['The action changed while you were editing it'],
    );
    expect(items).toEqual([
      { text: 'Enter a title', href: '#title' },
      { text: 'Enter a due date', href: '#dueDate-day' },
      { text: 'The action changed while you were editing it' },
    ]);
  });
});

describe('fieldMessage', () => {
  it("puts the field's name before a bare predicate from the server", () => {
    expect(fieldMessage('Password', 'must be at least 12 characters.')).toBe(
      'Password must be at least 12 characters',
    );
  });

  it('keeps a whole sentence, and asks to check the field when there is none', () => {
    expect(fieldMessage('Title', 'Enter a title.')).toBe('Enter a title');
    expect(fieldMessage('Count', '12 is too many')).toBe('12 is too many');
    expect(fieldMessage('Due date', '  ')).toBe('Check due date');
  });
});

describe('apiErrors', () => {
  const labels = { title: 'Title', dueDate: 'Due date' };

  it("gives the form's own fields their first message and the summary everything else", () => {
    const error = problem(400, [
      { path: 'title', message: 'must be 200 characters or fewer' },
      { path: 'title', message: 'a second message for the same field' },
      { path: 'ownerId', message: 'is not a person who may own this action' },
      { path: '', message: 'must be an object' },
    ]);
    expect(apiErrors(error, labels)).toEqual({
      fields: { title: 'Title must be 200 characters or fewer' },
      other: ['ownerId is not a person who may own this action', 'This must be an object'],
    });
  });

  it("says the problem's detail, or its title, when no field is named", () => {
    expect(apiErrors(problem(409, [], 'Someone else changed it'), labels)).toEqual({
      fields: {},
      other: ['Someone else changed it'],
    });
    expect(apiErrors(problem(403), labels).other).toEqual(['Bad Request']);
  });

  it('hides the detail of a server failure, and of anything that is not an API answer', () => {
    expect(apiErrors(problem(500, [], 'stack trace'), labels).other).toEqual([serviceProblem]);
    expect(apiErrors(new TypeError('Failed to fetch'), labels)).toEqual({
      fields: {},
      other: [serviceProblem],
    });
  });
});
