import {
  type ActionDiff,
  type DiffSubject,
  type FieldChange,
  type MeasureDiff,
  type RecommendationDiff,
  changeInWords,
} from '@tracker/shared';

import { inWords } from './dates';

/**
 * A plan diff (server/src/submissions/diff.ts) as sentences for a printed document: the diff
 * names fields as the API does and gives raw values, a reader wants "Owner changed from A to B".
 * The words for each field are the web's too (@tracker/shared change-words).
 */

/** A value in a sentence: free text quoted, an empty one "nothing". */
const inSentence = (value: string | null, text: boolean) =>
  value === null ? 'nothing' : text ? `“${value}”` : value;

function fieldSentence(subject: DiffSubject, change: FieldChange): string {
  const words = changeInWords(subject, change);
  return `${words.label} changed from ${inSentence(words.from, words.text)} to ${inSentence(words.to, words.text)}`;
}

const date = (value: string | null) => (value ? inWords(value) : 'no date');

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
