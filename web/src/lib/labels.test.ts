import { describe, expect, it } from 'vitest';

import { recommendation, unit } from '../testing/builders';
import { ownerLevelHeading, recommendationTitle } from './labels';

describe('ownerLevelHeading', () => {
  it("uses the letter's own sub-headings", () => {
    expect(ownerLevelHeading('pdu', 'Greater Manchester')).toBe('The PDU should');
    expect(ownerLevelHeading('hmpps', 'Greater Manchester')).toBe(
      'HM Prison and Probation Service should',
    );
  });

  it("names the region once, whether or not its name already ends in 'region'", () => {
    expect(ownerLevelHeading('region', 'Greater Manchester')).toBe(
      'Greater Manchester region should',
    );
    expect(ownerLevelHeading('region', 'North West Region')).toBe('North West Region should');
    expect(ownerLevelHeading('region', 'Subregion')).toBe('Subregion region should');
  });
});

describe('recommendationTitle', () => {
  it('names a recommendation by its source PDU and number', () => {
    const wigan = { ...unit('wigan'), name: 'Wigan' };
    expect(recommendationTitle(recommendation({ id: 'r', sourcePdu: wigan, number: 7 }))).toBe(
      'Wigan recommendation 7',
    );
  });
});
