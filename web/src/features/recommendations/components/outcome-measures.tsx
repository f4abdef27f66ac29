import type { OutcomeMeasure } from '@tracker/shared';

import { Loading } from '../../../components/loading';
import { Quote } from '../../../components/quote';
import { SummaryList } from '../../../components/summary-list';
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

/** The figures from the letter that show whether the recommendation has had an effect. */
export function OutcomeMeasures({ recommendationId }: { recommendationId: string }) {
  const measures = useOutcomeMeasures(recommendationId);
  return (
    <>
      <h2 className="govuk-heading-l">Outcome measures</h2>
      {measures.isPending ? <Loading what="outcome measures" /> : null}
      {measures.isError ? (
        <p className="govuk-body">The outcome measures could not be loaded. Try again later.</p>
      ) : null}
      {measures.isSuccess && measures.data.items.length === 0 ? (
        <p className="govuk-body">No outcome measures have been set for this recommendation.</p>
      ) : null}
      {measures.data?.items.map((measure) => (
        <OutcomeMeasureDetails key={measure.id} measure={measure} />
      ))}
    </>
  );
}
