import type { RecommendationLink } from '@tracker/shared';
import { describe, expect, it } from 'vitest';

import { nationalLinkText } from '../../../lib/labels';
import { linkWords } from './linked-recommendations';

const other = {
  hidden: false as const,
  id: '00000000-0000-4000-8000-000000000008',
  label: 'Wigan 8',
  inspection: {
    id: '00000000-0000-4000-8000-000000000001',
    title: 'Regional review',
    kind: 'regional_review' as const,
  },
  region: { id: '00000000-0000-4000-8000-000000000002', name: 'Greater Manchester' },
  ownerLevel: 'hmpps' as const,
  status: 'in_progress' as const,
  decision: null,
  canOpen: true,
};

const link = (fields: Partial<RecommendationLink>): RecommendationLink => ({
  id: '00000000-0000-4000-8000-000000000010',
  fromRecommendationId: '00000000-0000-4000-8000-000000000009',
  toRecommendationId: other.id,
  relation: 'repeats',
  note: null,
  direction: 'outgoing',
  other,
  createdAt: '2026-04-01T09:00:00.000Z',
  allowed: { delete: false },
  ...fields,
});

describe('linkWords', () => {
  it('reads the link from the recommendation on the page', () => {
    expect(linkWords(link({}))).toBe('Repeats Wigan 8');
    expect(linkWords(link({ direction: 'incoming' }))).toBe('Repeated by Wigan 8');
    expect(linkWords(link({ relation: 'addressed_by' }))).toBe('Addressed by Wigan 8');
    expect(linkWords(link({ relation: 'addressed_by', direction: 'incoming' }))).toBe(
      'Addresses Wigan 8',
    );
    expect(linkWords(link({ relation: 'overlaps', direction: 'incoming' }))).toBe(
      'Overlaps with Wigan 8',
    );
  });

  it('names no recommendation the reader may not see', () => {
    const hidden = {
      hidden: true as const,
      description: 'A recommendation in another region' as const,
    };
    expect(linkWords(link({ direction: 'incoming', other: hidden }))).toBe(
      'Repeated by a recommendation in another region',
    );
  });
});

describe('nationalLinkText', () => {
  it('says which HMPPS recommendation is followed, and its live status', () => {
    expect(
      nationalLinkText({
        relation: 'repeats',
        id: other.id,
        label: 'Wigan 8',
        status: 'in_progress',
      }),
    ).toBe('Repeats Wigan 8 (HMPPS): in progress');
  });
});
