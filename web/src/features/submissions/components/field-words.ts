import type { ChangeKind, FieldChange } from '@tracker/shared';

import { formatDate, todayInLondon } from '../../../lib/dates';
import { plural } from '../../../lib/format';
import {
  actionStatusNames,
  ragTags,
  recommendationStatusTags,
  responseDecisionNames,
  themeNames,
  type TagLabel,
} from '../../../lib/labels';

/**
 * A diff names fields as the API does ("dueDate", "response.rationale") and gives raw values;
 * this turns both into the words the rest of the service uses.
 */

export type DiffSubject = 'recommendation' | 'action' | 'measure';

type Format = (value: unknown) => string;

interface FieldWords {
  label: string;
  format?: Format;
  /** What an empty value (null, '' or []) is called. */
  empty?: string;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const asDate: Format = (value) => (typeof value === 'string' ? formatDate(value) : plain(value));

const named =
  (names: Record<string, string>): Format =>
  (value) =>
    typeof value === 'string' ? (names[value] ?? value) : plain(value);

const statusWords = Object.fromEntries(
  Object.entries(recommendationStatusTags).map(([status, tag]) => [status, tag.text]),
);
const ragWords = Object.fromEntries(
  Object.entries(ragTags).map(([rating, tag]) => [rating, tag.text]),
);

const fields: Record<DiffSubject, Record<string, FieldWords>> = {
  recommendation: {
    'response.decision': { label: 'Response', format: named(responseDecisionNames) },
    'response.rationale': { label: 'Rationale' },
    'response.acceptedPart': { label: 'Part accepted' },
    owningUnit: { label: 'Owning unit' },
    themes: {
      label: 'Themes',
      format: (value) =>
        Array.isArray(value) ? value.map(named(themeNames)).join(', ') : plain(value),
      empty: 'None',
    },
    status: { label: 'Status', format: named(statusWords) },
    closingNote: { label: 'Closing note' },
  },
  action: {
    title: { label: 'Title' },
    description: { label: 'Description' },
    owningUnit: { label: 'Owning unit' },
    owner: { label: 'Owner', empty: 'No named owner' },
    ownerRole: { label: 'Owner’s role' },
    startDate: { label: 'Start date', format: asDate, empty: 'Not set' },
    dueDate: { label: 'Due date', format: asDate, empty: 'Not set' },
    successMeasure: { label: 'Success measure' },
    status: { label: 'Status', format: named(actionStatusNames) },
    cancelReason: { label: 'Reason for cancelling' },
    percentComplete: { label: 'Percent complete', format: (value) => `${plain(value)}%` },
    rag: { label: 'RAG rating', format: named(ragWords), empty: 'No rating' },
    ragOverride: {
      label: 'RAG rating set by the lead',
      format: (value) =>
        isRecord(value) ? `${named(ragWords)(value.rating)}: ${plain(value.reason)}` : plain(value),
      empty: 'Not set',
    },
    dependsOn: {
      label: 'Depends on',
      format: (value) =>
        Array.isArray(value) ? plural(value.length, 'other action') : plain(value),
      empty: 'Nothing',
    },
  },
  measure: {
    name: { label: 'Name' },
    unit: { label: 'Unit' },
    target: {
      label: 'Target',
      format: (value) =>
        isRecord(value)
          ? `${plain(value.value)}${typeof value.date === 'string' ? ` by ${formatDate(value.date)}` : ''}`
          : plain(value),
      empty: 'Not set',
    },
    latestReading: {
      label: 'Latest reading',
      format: (value) =>
        isRecord(value) ? `${plain(value.value)} on ${asDate(value.readingDate)}` : plain(value),
      empty: 'None yet',
    },
    met: { label: 'Target met' },
  },
};

/** Any value the table above does not name, in plain words. */
function plain(value: unknown): string {
  if (value === true) return 'Yes';
  if (value === false) return 'No';
  if (Array.isArray(value)) return value.map(plain).join(', ');
  if (isRecord(value)) return JSON.stringify(value);
  return String(value);
}

const isEmpty = (value: unknown) =>
  value === null ||
  value === undefined ||
  value === '' ||
  (Array.isArray(value) && value.length === 0);

/** "dueDate" -> "Due date", for a field the table does not know yet. */
function labelFromName(field: string): string {
  const words = field
    .split('.')
    .pop()!
    .replace(/([A-Z])/g, ' $1')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export interface DescribedChange {
  label: string;
  from: string;
  to: string;
}

export function describeChange(subject: DiffSubject, change: FieldChange): DescribedChange {
  const words = fields[subject][change.field];
  const format = words?.format ?? plain;
  const word = (value: unknown) => (isEmpty(value) ? (words?.empty ?? 'Not given') : format(value));
  return {
    label: words?.label ?? labelFromName(change.field),
    from: word(change.from),
    to: word(change.to),
  };
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
