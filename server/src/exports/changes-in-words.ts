import {
  type ActionDiff,
  type FieldChange,
  type MeasureDiff,
  type RecommendationDiff,
  actionStatusNames,
  responseDecisionNames,
  themeNames,
} from '@tracker/shared';

import { inWords } from './dates';

/**
 * A plan diff (server/src/plan-versions/diff.ts) as sentences for a printed document: the diff
 * names fields as the API does and gives raw values, a reader wants "Owner changed from A to B".
 */

type Subject = 'recommendation' | 'action' | 'measure';
type Format = (value: unknown) => string;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function plain(value: unknown): string {
  if (value === null || value === undefined || value === '') return 'nothing';
  if (value === true) return 'yes';
  if (value === false) return 'no';
  if (Array.isArray(value)) return value.length === 0 ? 'nothing' : value.map(plain).join(', ');
  if (isRecord(value)) return JSON.stringify(value);
  return String(value);
}

const date: Format = (value) => (typeof value === 'string' ? inWords(value) : 'no date');
const named =
  (names: Record<string, string>): Format =>
  (value) =>
    typeof value === 'string' ? (names[value] ?? value) : plain(value);
const quoted: Format = (value) =>
  typeof value === 'string' && value ? `“${value}”` : plain(value);

const recommendationStatus: Record<string, string> = {
  open: 'Open',
  in_progress: 'In progress',
  actions_complete: 'Actions complete',
  closed: 'Closed',
};

const fields: Record<Subject, Record<string, { label: string; format?: Format }>> = {
  recommendation: {
    'response.decision': { label: 'Response', format: named(responseDecisionNames) },
    'response.rationale': { label: 'Rationale', format: quoted },
    'response.acceptedPart': { label: 'Part agreed', format: quoted },
    owningUnit: { label: 'Owning unit' },
    themes: {
      label: 'Themes',
      format: (value) =>
        Array.isArray(value) ? value.map(named(themeNames)).join(', ') : plain(value),
    },
    status: { label: 'Status', format: named(recommendationStatus) },
    closingNote: { label: 'Closing note', format: quoted },
  },
  action: {
    title: { label: 'Title', format: quoted },
    description: { label: 'Description', format: quoted },
    owningUnit: { label: 'Owning unit' },
    owner: { label: 'Owner' },
    ownerRole: { label: 'Owner’s role' },
    startDate: { label: 'Start date', format: date },
    dueDate: { label: 'Target date', format: date },
    successMeasure: { label: 'Success measure', format: quoted },
    status: { label: 'Status', format: named(actionStatusNames) },
    cancelReason: { label: 'Reason for cancelling', format: quoted },
    percentComplete: { label: 'Percent complete', format: (value) => `${plain(value)}%` },
    rag: { label: 'RAG rating' },
    ragOverride: {
      label: 'RAG rating set by the lead',
      format: (value) =>
        isRecord(value) ? `${plain(value.rating)} (${plain(value.reason)})` : plain(value),
    },
    dependsOn: {
      label: 'Depends on',
      format: (value) => (Array.isArray(value) ? `${value.length} other action(s)` : plain(value)),
    },
  },
  measure: {
    name: { label: 'Name', format: quoted },
    unit: { label: 'Unit' },
    target: {
      label: 'Target',
      format: (value) =>
        isRecord(value)
          ? `${plain(value.value)}${typeof value.date === 'string' ? ` by ${inWords(value.date)}` : ''}`
          : plain(value),
    },
    latestReading: {
      label: 'Latest reading',
      format: (value) =>
        isRecord(value) ? `${plain(value.value)} on ${date(value.readingDate)}` : plain(value),
    },
    met: { label: 'Target met' },
  },
};

function fieldSentence(subject: Subject, change: FieldChange): string {
  const words = fields[subject][change.field];
  const format = words?.format ?? plain;
  const show = (value: unknown) =>
    value === null || value === '' || (Array.isArray(value) && value.length === 0)
      ? 'nothing'
      : format(value);
  return `${words?.label ?? change.field} changed from ${show(change.from)} to ${show(change.to)}`;
}

function actionSentences(action: ActionDiff): string[] {
  const name = `Action “${action.title}”`;
  if (action.change === 'added') return [`${name} added`];
  if (action.change === 'removed') return [`${name} removed`];
  // A moved date is told once, by its move, which carries the reason.
  const fieldChanges =
    action.dueDateMoves.length > 0
      ? action.fields.filter((change) => change.field !== 'dueDate')
      : action.fields;
  return [
    ...fieldChanges.map((change) => `${name}: ${fieldSentence('action', change)}`),
    ...action.dueDateMoves.map(
      (move) =>
        `${name}: target date moved from ${date(move.from)} to ${date(move.to)}. Reason: ${move.reason}`,
    ),
    ...action.evidenceAdded.map((item) => `${name}: evidence added, “${item.title}”`),
    ...action.evidenceRemoved.map((item) => `${name}: evidence removed, “${item.title}”`),
  ];
}

function measureSentences(measure: MeasureDiff): string[] {
  const name = `Outcome measure “${measure.name}”`;
  if (measure.change !== 'changed') return [`${name} ${measure.change}`];
  return measure.fields.map((change) => `${name}: ${fieldSentence('measure', change)}`);
}

/** What changed in one recommendation, a sentence each. */
export function changeSentences(diff: RecommendationDiff): string[] {
  if (diff.change === 'added') return ['Recommendation added'];
  if (diff.change === 'removed') return ['Recommendation removed'];
  return [
    ...diff.fields.map((change) => fieldSentence('recommendation', change)),
    ...diff.actions.flatMap(actionSentences),
    ...diff.outcomeMeasures.flatMap(measureSentences),
  ];
}
