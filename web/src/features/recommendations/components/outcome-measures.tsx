import type { OutcomeMeasure } from '@tracker/shared';
import { useState, type FormEvent } from 'react';

import { ErrorSummary } from '../../../components/error-summary';
import {
  DateInput,
  TextInput,
  Textarea,
  emptyDate,
  isoDateFrom,
  type DateParts,
} from '../../../components/form-fields';
import { QueryState } from '../../../components/query-state';
import { Quote } from '../../../components/quote';
import { SummaryList } from '../../../components/summary-list';
import { Table } from '../../../components/table';
import { Tag } from '../../../components/tag';
import { isApiError } from '../../../lib/api-client';
import { formatDate, todayInLondon } from '../../../lib/dates';
import { formatValue } from '../../../lib/format';
import { apiErrors, type FieldErrors, useFormErrors } from '../../../lib/form-errors';
import { useAddReading, useOutcomeMeasures } from '../api';
import { MeasureChart } from './measure-chart';
import { readingGroupLines } from '../../../lib/labels';

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

type Reading = OutcomeMeasure['readings'][number];

function OutcomeMeasureDetails({
  measure,
  canRecord,
}: {
  measure: OutcomeMeasure;
  canRecord: boolean;
}) {
  return (
    <section aria-labelledby={`measure-${measure.id}`} data-testid="outcome-measure">
      <h3 className="govuk-heading-m" id={`measure-${measure.id}`}>
        {measure.name}
      </h3>
      <SummaryList
        rows={[
          { key: 'Baseline', value: describeBaseline(measure) },
          { key: 'Target', value: describeTarget(measure) },
          { key: 'Latest reading', value: describeLatestReading(measure) },
          {
            key: 'Target met',
            value: measure.target ? (
              <>
                <Tag
                  label={
                    measure.met
                      ? { text: 'Met', colour: 'green' }
                      : { text: 'Not met', colour: 'grey' }
                  }
                />
                {measure.targetHeldSince && !measure.met ? (
                  <span className="govuk-body-s">
                    {` Reached since ${formatDate(measure.targetHeldSince)}: it counts as met once it has held for ${measure.monthsToHoldTarget} months.`}
                  </span>
                ) : null}
              </>
            ) : (
              'No target set'
            ),
          },
          {
            key: 'Direction',
            value: measure.direction === 'lower_is_better' ? 'Lower is better' : 'Higher is better',
          },
        ]}
      />
      <p className="govuk-body govuk-!-margin-bottom-2">The letter says:</p>
      <Quote>{measure.baseline.source}</Quote>
      <MeasureChart measure={measure} />
      {measure.readings.length > 0 ? (
        <Table<Reading>
          caption={`Readings: ${measure.name}`}
          captionSize="s"
          rows={[...measure.readings].reverse()}
          rowKey={(reading) => reading.id}
          columns={[
            { header: 'Date', isRowHeader: true, cell: (r) => formatDate(r.readingDate) },
            {
              header: 'Value',
              numeric: true,
              cell: (r) =>
                formatValue(r.value, measure.unit) +
                (r.numerator !== null && r.denominator !== null
                  ? ` (${r.numerator} of ${r.denominator})`
                  : ''),
            },
            { header: 'Note', cell: (r) => r.note ?? '' },
            { header: 'By group', cell: (r) => <GroupLines breakdown={r.breakdown} /> },
          ]}
        />
      ) : (
        <p className="govuk-body">No readings have been recorded yet.</p>
      )}
      {canRecord ? <AddReading measure={measure} /> : null}
    </section>
  );
}

function AddReading({ measure }: { measure: OutcomeMeasure }) {
  const add = useAddReading(measure.recommendationId, measure.id);
  const prefix = `reading-${measure.id}`;
  const [value, setValue] = useState('');
  const [numerator, setNumerator] = useState('');
  const [denominator, setDenominator] = useState('');
  const [date, setDate] = useState<DateParts>(emptyDate);
  const [note, setNote] = useState('');
  const [saved, setSaved] = useState('');
  const order = [
    { name: 'value', href: `#${prefix}-value` },
    { name: 'numerator', href: `#${prefix}-numerator` },
    { name: 'denominator', href: `#${prefix}-denominator` },
    { name: 'readingDate', href: `#${prefix}-date-day` },
    { name: 'note', href: `#${prefix}-note` },
  ];
  const form = useFormErrors(order);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (add.isPending) return;
    const fail = (fields: FieldErrors, other: string[] = []) => {
      form.fail(fields, other);
      setSaved('');
    };
    const errors: FieldErrors = {};
    const number = Number(value.trim().replace(/%$/, ''));
    // "5 out of 15": the server works out the per cent, so the value may be left blank.
    const fraction = proportionFrom(numerator, denominator, errors);
    if (!value.trim() && !fraction) errors.value = 'Enter the reading, or how many out of how many';
    else if (value.trim() && !Number.isFinite(number))
      errors.value = 'The reading must be a number, like 22.5';
    const readingDate = isoDateFrom(date);
    if (readingDate === '') errors.readingDate = 'Enter the date the reading is for';
    else if (readingDate === null)
      errors.readingDate = 'The date must be a real date, like 31 3 2026';
    else if (readingDate > todayInLondon())
      errors.readingDate = 'The date must be today or in the past';
    if (Object.keys(errors).length > 0 || !readingDate) {
      fail(errors);
      return;
    }
    try {
      const saved = await add.mutateAsync({
        ...(value.trim() ? { value: number } : {}),
        ...(fraction ?? {}),
        readingDate,
        ...(note.trim() ? { note: note.trim() } : {}),
      });
      setValue('');
      setNumerator('');
      setDenominator('');
      setDate(emptyDate);
      setNote('');
      form.clear();
      const reading = saved.latestReading;
      setSaved(`Reading of ${formatValue(reading?.value ?? number, measure.unit)} saved`);
    } catch (error) {
      const { fields, other } = apiErrors(error, {
        value: 'Reading',
        numerator: 'How many',
        denominator: 'Out of',
        readingDate: 'Date',
        note: 'Note',
      });
      fail(fields, other);
    }
  };

  return (
    <details className="govuk-details" open={form.items.length > 0 || undefined}>
      <summary className="govuk-details__summary">
        <span className="govuk-details__summary-text">Add a reading</span>
      </summary>
      <div className="govuk-details__text">
        <p className="govuk-body" role="status">
          {saved}
        </p>
        {form.items.length > 0 ? <ErrorSummary key={form.attempt} items={form.items} /> : null}
        <form
          noValidate
          onSubmit={(event) => void submit(event)}
          aria-label={`Add a reading: ${measure.name}`}
        >
          <TextInput
            id={`${prefix}-value`}
            label={`Reading (${measure.unit})`}
            inputMode="text"
            width="5"
            value={value}
            onChange={setValue}
            error={form.fields.value}
          />
          <fieldset className="govuk-fieldset">
            <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">
              Or as a count (optional)
            </legend>
            <div className="govuk-hint">
              Where the figure is a share of cases, for example 5 out of 15: the per cent is worked
              out for you.
            </div>
            <div className="app-inline-fields">
              <TextInput
                id={`${prefix}-numerator`}
                label="How many"
                inputMode="numeric"
                width="4"
                value={numerator}
                onChange={setNumerator}
                error={form.fields.numerator}
              />
              <TextInput
                id={`${prefix}-denominator`}
                label="Out of"
                inputMode="numeric"
                width="4"
                value={denominator}
                onChange={setDenominator}
                error={form.fields.denominator}
              />
            </div>
          </fieldset>
          <DateInput
            id={`${prefix}-date`}
            legend="Date the reading is for"
            hint="For example, 31 3 2026"
            value={date}
            onChange={setDate}
            error={form.fields.readingDate}
          />
          <Textarea
            id={`${prefix}-note`}
            label="Note (optional)"
            rows={2}
            value={note}
            onChange={setNote}
            error={form.fields.note}
          />
          <button
            type="submit"
            className="govuk-button govuk-button--secondary"
            data-module="govuk-button"
          >
            Save reading
          </button>
        </form>
      </div>
    </details>
  );
}

/**
 * The figures from the letter that show whether the recommendation has had an effect. Some
 * people may not read live plan data (an inspector sees submitted versions only): the API
 * then answers 404 or an empty list, and the section is left out rather than shown empty.
 */
export function OutcomeMeasures({
  recommendationId,
  canRecord = false,
}: {
  recommendationId: string;
  canRecord?: boolean;
}) {
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
      {!measures.isSuccess ? (
        <QueryState queries={[measures]} what="outcome measures" section />
      ) : null}
      {measures.data?.items.map((measure) => (
        <OutcomeMeasureDetails key={measure.id} measure={measure} canRecord={canRecord} />
      ))}
    </section>
  );
}

/** A reading's split by protected characteristic, one group a line (none: nothing shown). */
function GroupLines({ breakdown }: { breakdown: Reading['breakdown'] }) {
  const lines = readingGroupLines(breakdown);
  if (lines.length === 0) return null;
  return (
    <ul className="govuk-list govuk-body-s">
      {lines.map((line) => (
        <li key={line}>{line}</li>
      ))}
    </ul>
  );
}

/** The count and its whole when both are given as whole numbers; errors named otherwise. */
function proportionFrom(
  numerator: string,
  denominator: string,
  errors: FieldErrors,
): { numerator: number; denominator: number } | null {
  if (!numerator.trim() && !denominator.trim()) return null;
  const count = Number(numerator.trim());
  const whole = Number(denominator.trim());
  if (!numerator.trim() || !Number.isInteger(count) || count < 0)
    errors.numerator = 'Enter how many, as a whole number, like 5';
  if (!denominator.trim() || !Number.isInteger(whole) || whole < 1)
    errors.denominator = 'Enter out of how many, as a whole number, like 15';
  else if (Number.isInteger(count) && count > whole)
    errors.numerator = 'How many must not be more than out of how many';
  return errors.numerator || errors.denominator ? null : { numerator: count, denominator: whole };
}
