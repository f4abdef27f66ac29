import {
  inspectionKinds,
  isInspectorateKind,
  type InspectionKind,
  type OrgUnit,
} from '@tracker/shared';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';

import { BackLink } from '../../../components/back-link';
import { ErrorSummary } from '../../../components/error-summary';
import {
  DateInput,
  Radios,
  Select,
  TextInput,
  emptyDate,
  isoDateFrom,
  type DateParts,
} from '../../../components/form-fields';
import { QueryState } from '../../../components/query-state';
import { apiErrors, summaryItems, type FieldErrors } from '../../../lib/form-errors';
import { inspectionKindNames } from '../../../lib/labels';
import { useOrgUnits } from '../../../lib/org-units';
import { paths } from '../../../lib/paths';
import { usePageTitle } from '../../../lib/use-page-title';
import { useCreateInspection, useReviewerCandidates } from '../api';
import type { ImportNoticeState } from './import-recommendations-page';

const pageTitle = 'Add an inspection';

interface Values {
  title: string;
  kind: InspectionKind | '';
  regionId: string;
  reviewerId: string;
  letterDate: DateParts;
  author: string;
  addressee: string;
}
const emptyValues: Values = {
  title: '',
  kind: '',
  regionId: '',
  reviewerId: '',
  letterDate: emptyDate,
  author: '',
  addressee: '',
};

/** Field names as the API names them, so its errors land on the right field. */
const fieldLabels = {
  title: 'Title',
  kind: 'What the recommendations come from',
  regionId: 'Region',
  reviewerId: 'Who reviews the plan',
  letterDate: 'Date of the letter',
  author: 'Who wrote the letter',
  addressee: 'Who the letter is addressed to',
};
const fieldOrder = [
  { name: 'title' },
  { name: 'kind' },
  { name: 'regionId' },
  { name: 'reviewerId' },
  { name: 'letterDate', href: '#letterDate-day' },
  { name: 'author' },
  { name: 'addressee' },
];

/** HMPPS's own kinds are reviewed by a person named here; the inspectorate reviews its own. */
const needsReviewer = (values: Values) => values.kind !== '' && !isInspectorateKind(values.kind);

/** The form's own checks, in GOV.UK's words; the server checks again. */
function check(values: Values): FieldErrors {
  const errors: FieldErrors = {};
  if (!values.title.trim()) errors.title = 'Enter the title of the inspection';
  if (!values.kind) errors.kind = 'Select what the recommendations come from';
  if (!values.regionId) errors.regionId = 'Select the region that was inspected';
  if (needsReviewer(values) && !values.reviewerId)
    errors.reviewerId = 'Select who reviews the plan';
  const date = isoDateFrom(values.letterDate);
  if (date === '') errors.letterDate = 'Enter the date of the letter';
  if (date === null) errors.letterDate = 'Date of the letter must be a real date';
  if (!values.author.trim()) errors.author = 'Enter who wrote the letter';
  if (!values.addressee.trim()) errors.addressee = 'Enter who the letter is addressed to';
  return errors;
}

export function NewInspectionPage() {
  const units = useOrgUnits();
  // The form sets the title once drawn (with "Error:" when it has errors).
  usePageTitle(units.isPending ? pageTitle : undefined);
  if (!units.isSuccess) {
    return <QueryState queries={[units]} what="regions" />;
  }
  const regions = units.data
    .filter((unit) => unit.type === 'region' && !unit.retiredAt)
    .sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));
  return <NewInspectionForm regions={regions} />;
}

function NewInspectionForm({ regions }: { regions: OrgUnit[] }) {
  const navigate = useNavigate();
  const createInspection = useCreateInspection();
  const [values, setValues] = useState<Values>(emptyValues);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [otherErrors, setOtherErrors] = useState<string[]>([]);
  const [attempt, setAttempt] = useState(0);
  const items = summaryItems(fieldErrors, fieldOrder, otherErrors);
  usePageTitle(pageTitle, items.length > 0);

  const fail = (fields: FieldErrors, other: string[]) => {
    setFieldErrors(fields);
    setOtherErrors(other);
    setAttempt((count) => count + 1);
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (createInspection.isPending) return;
    const invalid = check(values);
    const letterDate = isoDateFrom(values.letterDate);
    if (Object.keys(invalid).length > 0 || !values.kind || !letterDate) return fail(invalid, []);
    try {
      const inspection = await createInspection.mutateAsync({
        title: values.title.trim(),
        kind: values.kind,
        regionId: values.regionId,
        reviewerId: needsReviewer(values) ? values.reviewerId : undefined,
        letterDate,
        author: values.author.trim(),
        addressee: values.addressee.trim(),
      });
      const state: ImportNoticeState = { notice: `Inspection added: ${inspection.title}` };
      navigate(paths.importRecommendations(inspection.id), { state });
    } catch (error) {
      const { fields, other } = apiErrors(error, fieldLabels);
      fail(fields, other);
    }
  };

  return (
    <>
      <BackLink to={paths.home}>Back to inspections</BackLink>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          {items.length > 0 ? <ErrorSummary key={attempt} items={items} /> : null}
          <h1 className="govuk-heading-l">{pageTitle}</h1>
          <p className="govuk-body">
            Enter the details from the letter or report: HM Inspectorate of Probation&rsquo;s, or an
            SFO review, internal audit or policy review of HMPPS&rsquo;s own. A draft action plan is
            created for the region, and you can then import the recommendations from a spreadsheet.
          </p>
          <form noValidate onSubmit={(event) => void submit(event)}>
            <InspectionFields
              values={values}
              onChange={setValues}
              errors={fieldErrors}
              regions={regions}
            />
            <button type="submit" className="govuk-button" data-module="govuk-button">
              Add inspection
            </button>
          </form>
        </div>
      </div>
    </>
  );
}

function InspectionFields({
  values,
  onChange,
  errors,
  regions,
}: {
  values: Values;
  onChange: (values: Values) => void;
  errors: FieldErrors;
  regions: OrgUnit[];
}) {
  const set =
    <Key extends keyof Values>(key: Key) =>
    (value: Values[Key]) =>
      onChange({ ...values, [key]: value });
  return (
    <>
      <TextInput
        id="title"
        label={fieldLabels.title}
        hint="As the letter names it, for example, Regional review: Greater Manchester."
        value={values.title}
        onChange={set('title')}
        error={errors.title}
      />
      <Radios
        name="kind"
        legend={fieldLabels.kind}
        legendSize="s"
        hint="HM Inspectorate of Probation reviews the plans of its inspections. HMPPS reviews the others: you name the reviewer."
        options={inspectionKinds.map((kind) => ({ value: kind, text: inspectionKindNames[kind] }))}
        value={values.kind}
        onChange={(value) => set('kind')(value as InspectionKind)}
        error={errors.kind}
      />
      <Select
        id="regionId"
        label={fieldLabels.regionId}
        hint="The region inspected. Its action plan answers the recommendations."
        placeholder="Select a region"
        options={regions.map((region) => ({ value: region.id, text: region.name }))}
        value={values.regionId}
        onChange={set('regionId')}
        error={errors.regionId}
      />
      {needsReviewer(values) ? (
        <ReviewerSelect
          regionId={values.regionId}
          value={values.reviewerId}
          onChange={set('reviewerId')}
          error={errors.reviewerId}
        />
      ) : null}
      <DateInput
        id="letterDate"
        legend={fieldLabels.letterDate}
        hint="For example, 25 5 2023."
        value={values.letterDate}
        onChange={set('letterDate')}
        error={errors.letterDate}
      />
      <TextInput
        id="author"
        label={fieldLabels.author}
        hint="For example, Justin Russell, HM Chief Inspector of Probation."
        value={values.author}
        onChange={set('author')}
        error={errors.author}
      />
      <TextInput
        id="addressee"
        label={fieldLabels.addressee}
        hint="For example, Chris Edwards, Regional Probation Director, Greater Manchester."
        value={values.addressee}
        onChange={set('addressee')}
        error={errors.addressee}
      />
    </>
  );
}

/** The reviewer of an HMPPS plan: the server's list of who may be named for the region. */
function ReviewerSelect({
  regionId,
  value,
  onChange,
  error,
}: {
  regionId: string;
  value: string;
  onChange: (value: string) => void;
  error: string | undefined;
}) {
  const candidates = useReviewerCandidates(regionId);
  const people = candidates.data ?? [];
  return (
    <Select
      id="reviewerId"
      label={fieldLabels.reviewerId}
      hint={
        regionId
          ? "A national lead, or the region's lead for quality. They review each version the region sends, as the inspectorate would; not someone who sends it."
          : 'Select the region first.'
      }
      placeholder={candidates.isPending && regionId ? 'Loading…' : 'Select a reviewer'}
      options={people.map((person) => ({
        value: person.id,
        text: `${person.name} (${person.unit.name})`,
      }))}
      value={value}
      onChange={onChange}
      error={error}
    />
  );
}
