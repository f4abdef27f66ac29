import type { OutcomeMeasure } from '@tracker/shared';

import { Loading } from '../../../components/loading';
import { Quote } from '../../../components/quote';
import { SummaryList } from '../../../components/summary-list';
import { isApiError } from '../../../lib/api-client';
import { formatDate } from '../../../lib/dates';
import { useOutcomeMeasures } from '../api';

/** "24" and "per cent" -> "24 per cent"; "%" sticks to its number. */
export function formatValue(value: number, unit: string): string {
  const number = value.toLocaleString('en-GB');
  if (!unit) return number;
  return unit === '%' ? `${number}%` : `${number} ${unit}`;
}

function describeBaseline(measure: OutcomeMeasure): string {
  return `${formatValue(measure.baseline.value, measure.unit)} (${measure.baseline.period})`;
}

function describeTarget(measure: OutcomeMeasure): string {
  if (!measure.target) return 'Not set';
  const value = formatValue(measure.target.value, measure.unit);
  return measure.target.date ? `${value} by ${formatDate(measure.target.date)}` : value;
}

function describeLatestReading(measure: OutcomeMeasure): string {
  const latest = [...measure.readings]
    .sort((a, b) => a.readingDate.localeCompare(b.readingDate))
    .at(-1);
  if (!latest) return 'None recorded yet';
  return `${formatValue(latest.value, measure.unit)} on ${formatDate(latest.readingDate)}`;
}

function OutcomeMeasureDetails({ measure }: { measure: OutcomeMeasure }) {
  return (
    <section aria-labelledby={`measure-${measure.id}`}>
      <h3 className="govuk-heading-m" id={`measure-${measure.id}`}>
        {measure.name}
      </h3>
      <SummaryList
        rows={[
          { key: 'Baseline', value: describeBaseline(measure) },
          { key: 'Target', value: describeTarget(measure) },
          { key: 'Latest reading', value: describeLatestReading(measure) },
        ]}
      />
      <p className="govuk-body govuk-!-margin-bottom-2">The letter says:</p>
      <Quote>{measure.baseline.source}</Quote>
    </section>
  );
}

/**
 * The figures from the letter that show whether the recommendation has had an effect. Some
 * people may not read live plan data (an inspector sees submitted versions only): the API
 * then answers 404 or an empty list, and the section is left out rather than shown empty.
 */
export function OutcomeMeasures({ recommendationId }: { recommendationId: string }) {
  const measures = useOutcomeMeasures(recommendationId);
  if (
    measures.isError &&
    isApiError(measures.error) &&
    [403, 404].includes(measures.error.status)
  ) {
    return null;
  }
  if (measures.isSuccess && measures.data.items.length === 0) return null;
  return (
    <section aria-labelledby="outcome-measures-heading">
      <h2 className="govuk-heading-l" id="outcome-measures-heading">
        Outcome measures
      </h2>
      {measures.isPending ? <Loading what="outcome measures" /> : null}
      {measures.isError ? (
        <p className="govuk-body">The outcome measures could not be loaded. Try again later.</p>
      ) : null}
      {measures.data?.items.map((measure) => (
        <OutcomeMeasureDetails key={measure.id} measure={measure} />
      ))}
    </section>
  );
}
