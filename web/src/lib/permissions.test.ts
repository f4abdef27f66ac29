import { describe, expect, it } from 'vitest';

import { action, me, recommendation, unit } from '../testing/builders';
import {
  canAddActionTo,
  canChangeAction,
  isLeadForAction,
  isLeadForRecommendation,
  navigationFor,
} from './permissions';

const region = 'greater-manchester';
const regionLead = me('region_lead', unit(region, 'region'));
const otherRegionLead = me('region_lead', unit('north-east', 'region'));
const wiganHead = me('head_of_operations', unit('wigan'));
const tamesideHead = me('head_of_operations', unit('tameside'));
const nationalLead = me('national_lead', unit('hmpps', 'hmpps'));
const inspector = me('inspector', unit('hmi', 'inspectorate'));

describe('who leads and who changes', () => {
  const pduRecommendation = recommendation({ id: 'r1', owningUnit: unit('wigan') });
  const hmppsRecommendation = recommendation({
    id: 'r2',
    ownerLevel: 'hmpps',
    owningUnit: unit('hmpps', 'hmpps'),
  });

  it('makes the region lead lead their region’s recommendations, the national lead HMPPS’s', () => {
    expect(isLeadForRecommendation(regionLead, pduRecommendation, region)).toBe(true);
    expect(isLeadForRecommendation(otherRegionLead, pduRecommendation, region)).toBe(false);
    expect(isLeadForRecommendation(regionLead, hmppsRecommendation, region)).toBe(false);
    expect(isLeadForRecommendation(nationalLead, hmppsRecommendation, region)).toBe(true);
  });

  it('lets a head of operations add actions only to what their PDU owns', () => {
    expect(canAddActionTo(wiganHead, pduRecommendation, region)).toBe(true);
    expect(canAddActionTo(tamesideHead, pduRecommendation, region)).toBe(false);
    expect(canAddActionTo(regionLead, pduRecommendation, region)).toBe(true);
    expect(canAddActionTo(inspector, pduRecommendation, region)).toBe(false);
  });

  it('keeps HMPPS-owned actions to the national lead', () => {
    const hmppsAction = action({ owningUnit: unit('hmpps', 'hmpps') });
    expect(isLeadForAction(nationalLead, hmppsAction, 'pdu', region)).toBe(true);
    expect(canChangeAction(regionLead, hmppsAction, 'pdu', region)).toBe(false);
    expect(canChangeAction(nationalLead, hmppsAction, 'pdu', region)).toBe(true);
  });

  it('lets a PDU’s own head and its region’s lead change its actions, nobody else', () => {
    const wiganAction = action({ owningUnit: unit('wigan') });
    expect(canChangeAction(wiganHead, wiganAction, 'pdu', region)).toBe(true);
    expect(canChangeAction(tamesideHead, wiganAction, 'pdu', region)).toBe(false);
    expect(canChangeAction(regionLead, wiganAction, 'pdu', region)).toBe(true);
    expect(canChangeAction(otherRegionLead, wiganAction, 'pdu', region)).toBe(false);
    expect(canChangeAction(inspector, wiganAction, 'pdu', region)).toBe(false);
  });
});

describe('navigationFor', () => {
  const texts = (role: Parameters<typeof navigationFor>[0]) =>
    navigationFor(role).map((item) => item.text);

  it('gives each role its own sections, in order', () => {
    expect(texts('admin')).toEqual([
      'Inspections',
      'Users',
      'API clients',
      'Audit trail',
      'Emails',
    ]);
    expect(texts('inspector')).toEqual(['Inspections', 'Action plan', 'Plans to review']);
    expect(texts('region_lead')).toEqual([
      'Inspections',
      'Action plan',
      'My actions',
      'Dashboard',
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
  });
});
