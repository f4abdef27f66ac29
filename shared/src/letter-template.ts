import type { MeasureDirection, RatingValue } from './enums';

/**
 * The layout of the workbook that loads "the rest of a letter" (issue 14): its overall rating
 * and publication date, each PDU's fieldwork month and ratings, and the outcome measures'
 * baselines. The server reads it and writes the empty template from it; the web names it.
 */

/** HM Inspectorate of Probation's framework standards, in order; the PDU ratings columns. */
export const frameworkStandards = [
  ['1.1', 'Leadership'],
  ['1.2', 'Staff'],
  ['1.3', 'Services'],
  ['1.4', 'Information and facilities'],
  ['2.1', 'Court work'],
  ['2.2', 'Assessment'],
  ['2.3', 'Planning'],
  ['2.4', 'Implementation and delivery'],
  ['2.5', 'Reviewing'],
] as const;
export type FrameworkStandardCode = (typeof frameworkStandards)[number][0];

export const ratingNames: Record<RatingValue, string> = {
  outstanding: 'Outstanding',
  good: 'Good',
  requires_improvement: 'Requires improvement',
  inadequate: 'Inadequate',
};

export const measureDirectionNames: Record<MeasureDirection, string> = {
  higher_is_better: 'Higher is better',
  lower_is_better: 'Lower is better',
};

export const letterSheets = {
  letter: 'Letter',
  pduRatings: 'PDU ratings',
  outcomeMeasures: 'Outcome measures',
} as const;

export const letterColumns = ['Overall rating', 'Publication date'] as const;

export const pduRatingColumns = [
  'PDU',
  'Fieldwork start month',
  'Overall rating',
  'Score achieved',
  'Score max',
  ...frameworkStandards.map(([code]) => code),
] as const;

export const outcomeMeasureColumns = [
  'Source PDU',
  'Recommendation number',
  'Name',
  'Unit',
  'Direction',
  'Baseline value',
  'Baseline numerator',
  'Baseline denominator',
  'Baseline period',
  'Baseline date',
  'Baseline source',
  'Target value',
  'Target date',
] as const;

/** How a recommendation numbered by its place is named on pages and in exports. */
export const numberedByPositionNote = 'numbered by position: the letter does not number it';
