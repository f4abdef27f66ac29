import {
  changeInWords,
  type ChangeKind,
  type DiffSubject,
  type FieldChange,
} from '@tracker/shared';

import { formatDate, todayInLondon } from '../../../lib/dates';
import type { TagLabel } from '../../../lib/labels';

export interface DescribedChange {
  label: string;
  from: string;
  to: string;
}

/** A field's change for the compare page's table: an empty value in the field's own words. */
export function describeChange(subject: DiffSubject, change: FieldChange): DescribedChange {
  const words = changeInWords(subject, change);
  const empty = words.empty ?? 'Not given';
  return { label: words.label, from: words.from ?? empty, to: words.to ?? empty };
}

export const changeTags: Record<ChangeKind, TagLabel> = {
  added: { text: 'Added', colour: 'green' },
  removed: { text: 'Removed', colour: 'red' },
  changed: { text: 'Changed', colour: 'blue' },
};

/** The diff's "Wigan 1" as the service names recommendations: "Wigan recommendation 1". */
export function recommendationName(label: string): string {
  const match = /^(.*\S)\s+(\d+)$/.exec(label);
  return match ? `${match[1]} recommendation ${match[2]}` : label;
}

/** The UK calendar day of a moment, in words: "2 February 2026". */
export function formatDayOf(timestamp: string): string {
  return formatDate(todayInLondon(new Date(timestamp)));
}
