import type { Rag, RecommendationStatus } from './enums';
import type { FieldChange } from './versions';
import { actionStatusNames, responseDecisionNames, themeNames } from './words';

/**
 * A plan diff names fields as the API does ("dueDate", "response.rationale") and gives raw
 * values; this one table turns both into the words people read, on the web's compare page and
 * in the exported documents' "what changed" alike.
 */

export type DiffSubject = 'recommendation' | 'action' | 'measure';

type Format = (value: unknown) => string;

interface FieldWords {
  label: string;
  format?: Format;
  /** What an empty value (null, '' or []) is called in a table of changes. */
  empty?: string;
  /** Free text the person wrote: a sentence quotes it. */
  text?: true;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Any value the table does not name, in plain words. */
function plain(value: unknown): string {
  if (value === true) return 'Yes';
  if (value === false) return 'No';
  if (Array.isArray(value)) return value.map(plain).join(', ');
  if (isRecord(value)) return JSON.stringify(value);
  return String(value);
}

const isEmptyValue = (value: unknown) =>
  value === null ||
  value === undefined ||
  value === '' ||
  (Array.isArray(value) && value.length === 0);

const dayFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

/** "2026-09-30" -> "30 September 2026"; anything else as it is. */
function dayInWords(value: unknown): string {
  if (typeof value !== 'string') return plain(value);
  const date = new Date(`${value.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? value : dayFormat.format(date);
}

const named =
  (names: Record<string, string>): Format =>
  (value) =>
    typeof value === 'string' ? (names[value] ?? value) : plain(value);

const recommendationStatusNames: Record<RecommendationStatus, string> = {
  open: 'Open',
  in_progress: 'In progress',
  actions_complete: 'Actions complete',
  closed: 'Closed',
};

const ragNames: Record<Rag, string> = { red: 'Red', amber: 'Amber', green: 'Green' };

const otherActions = (count: number) => `${count} other action${count === 1 ? '' : 's'}`;

const changeWords: Record<DiffSubject, Record<string, FieldWords>> = {
  recommendation: {
    'response.decision': { label: 'Response', format: named(responseDecisionNames) },
    'response.rationale': { label: 'Rationale', text: true },
    'response.acceptedPart': { label: 'Part agreed', text: true },
    'response.addressedBy': { label: 'Addressed by', empty: 'None' },
    owningUnit: { label: 'Owning unit' },
    themes: {
      label: 'Themes',
      format: (value) =>
        Array.isArray(value) ? value.map(named(themeNames)).join(', ') : plain(value),
      empty: 'None',
    },
    status: { label: 'Status', format: named(recommendationStatusNames) },
    closingNote: { label: 'Closing note', text: true },
    unmetMeasuresReason: { label: 'Closed with outcome measures not met', text: true },
  },
  action: {
    title: { label: 'Title', text: true },
    description: { label: 'Description', text: true },
    owningUnit: { label: 'Owning unit' },
    owner: { label: 'Owner', empty: 'No named owner' },
    ownerRole: { label: 'Owner’s role' },
    startDate: { label: 'Start date', format: dayInWords, empty: 'Not set' },
    dueDate: { label: 'Due date', format: dayInWords, empty: 'Not set' },
    successMeasure: { label: 'Success measure', text: true },
    status: { label: 'Status', format: named(actionStatusNames) },
    cancelReason: { label: 'Reason for cancelling', text: true },
    percentComplete: { label: 'Percent complete', format: (value) => `${plain(value)}%` },
    rag: { label: 'RAG rating', format: named(ragNames), empty: 'No rating' },
    ragOverride: {
      label: 'RAG rating set by the lead',
      format: (value) =>
        isRecord(value) ? `${named(ragNames)(value.rating)}: ${plain(value.reason)}` : plain(value),
      empty: 'Not set',
    },
    dependsOn: {
      label: 'Depends on',
      format: (value) => (Array.isArray(value) ? otherActions(value.length) : plain(value)),
      empty: 'Nothing',
    },
  },
  measure: {
    name: { label: 'Name', text: true },
    unit: { label: 'Unit' },
    target: {
      label: 'Target',
      format: (value) =>
        isRecord(value)
          ? `${plain(value.value)}${typeof value.date === 'string' ? ` by ${dayInWords(value.date)}` : ''}`
          : plain(value),
      empty: 'Not set',
    },
    latestReading: {
      label: 'Latest reading',
      format: (value) =>
        isRecord(value)
          ? `${plain(value.value)} on ${dayInWords(value.readingDate)}`
          : plain(value),
      empty: 'None yet',
    },
    met: { label: 'Target met' },
  },
};

/** "dueDate" -> "Due date", for a field the table does not know yet. */
function labelFromName(field: string): string {
  const words = (field.split('.').pop() ?? field).replace(/([A-Z])/g, ' $1').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export interface ChangeInWords {
  label: string;
  /** The values in words; null where the value is empty. */
  from: string | null;
  to: string | null;
  /** The field's own word for an empty value, where it has one. */
  empty: string | null;
  /** The values are free text the person wrote. */
  text: boolean;
}

/** One field's change in words: its label and both values. */
export function changeInWords(subject: DiffSubject, change: FieldChange): ChangeInWords {
  const words = changeWords[subject][change.field];
  const format = words?.format ?? plain;
  const word = (value: unknown) => (isEmptyValue(value) ? null : format(value));
  return {
    label: words?.label ?? labelFromName(change.field),
    from: word(change.from),
    to: word(change.to),
    empty: words?.empty ?? null,
    text: words?.text ?? false,
  };
}
