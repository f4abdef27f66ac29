import { describe, expect, it } from 'vitest';

import { navigationFor } from './navigation';

describe('navigationFor', () => {
  const texts = (role: Parameters<typeof navigationFor>[0]) =>
    navigationFor(role).map((item) => item.text);

  it('gives each role its own sections, in order', () => {
    expect(texts('admin')).toEqual([
      'Inspections',
      'Roll-up',
      'Users',
      'Units',
      'API clients',
      'Audit trail',
      'Emails',
    ]);
    expect(texts('inspector')).toEqual([
      'Inspections',
      'Action plan',
      'Plans to review',
      'Roll-up',
    ]);
    expect(texts('national_lead')).toEqual([
      'Inspections',
      'Action plan',
      'My actions',
      'Dashboard',
      'Roll-up',
    ]);
    expect(texts('region_lead')).toEqual([
      'Inspections',
      'Action plan',
      'My actions',
      'Dashboard',
      'Roll-up',
      'Audit trail',
    ]);
    expect(texts('head_of_operations')).toEqual([
      'Inspections',
      'Action plan',
      'My actions',
      'Dashboard',
    ]);
  });

  it('highlights a version page as reviewing for an inspector, as the plan for others', () => {
    const current = (role: Parameters<typeof navigationFor>[0], pathname: string) =>
      navigationFor(role)
        .filter((item) => item.matches(pathname))
        .map((item) => item.text);
    expect(current('inspector', '/plans/p1/versions/2')).toEqual(['Plans to review']);
    expect(current('region_lead', '/plans/p1/versions/2')).toEqual(['Action plan']);
    expect(current('region_lead', '/plans/p1/dashboard')).toEqual(['Dashboard']);
    expect(current('region_lead', '/recommendations/r1')).toEqual(['Inspections']);
    expect(current('national_lead', '/roll-up')).toEqual(['Roll-up']);
  });
});
