import type { OrgUnit, Person, Recommendation } from '@tracker/shared';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';

import { ContentPage } from '../../../components/content-page';
import { FormButtons, FormPage } from '../../../components/form-page';
import { QueryState } from '../../../components/query-state';
import { useFormErrors } from '../../../lib/form-errors';
import { paths } from '../../../lib/paths';
import { usePageTitle } from '../../../lib/use-page-title';
import { useCreateAction } from '../api';
import {
  ActionFields,
  actionApiErrors,
  actionFieldOrder,
  allowedUnits,
  checkActionFields,
  createRequest,
  emptyActionValues,
  type DependencyChoice,
} from '../components/action-fields';
import { useActionFormData } from '../components/use-action-form-data';
import { recommendationTitle } from '../../../lib/labels';
import { type NoticeState } from '../../../lib/notice';

const pageTitle = 'Add an action';

export function NewActionPage() {
  const { recommendationId = '' } = useParams();
  const { ready, queries } = useActionFormData(recommendationId, null);
  usePageTitle(ready ? pageTitle : undefined);
  if (!ready) return <QueryState queries={queries} what="form" />;
  const { recommendation } = ready;
  if (!recommendation.allowed.addAction) return <CannotAdd recommendation={recommendation} />;
  const only = recommendation.allowed.chooseActionUnit ? null : recommendation.owningUnit.id;
  return (
    <NewActionForm
      recommendation={recommendation}
      units={allowedUnits(recommendation, ready.regionId, ready.units, only)}
      people={ready.people}
      dependencies={ready.dependencies}
    />
  );
}

function CannotAdd({ recommendation }: { recommendation: Recommendation }) {
  return (
    <ContentPage title="You cannot add actions to this recommendation">
      <p className="govuk-body">
        Heads of operations add actions to their own PDU&rsquo;s recommendations. The regional lead
        adds actions anywhere in the region.
      </p>
      <p className="govuk-body">
        <Link className="govuk-link" to={paths.recommendation(recommendation.id)}>
          Back to the recommendation
        </Link>
      </p>
    </ContentPage>
  );
}

function NewActionForm({
  recommendation,
  units,
  people,
  dependencies,
}: {
  recommendation: Recommendation;
  units: OrgUnit[];
  people: Person[];
  dependencies: DependencyChoice[];
}) {
  const create = useCreateAction(recommendation.id);
  const navigate = useNavigate();
  const [values, setValues] = useState({
    ...emptyActionValues,
    owningUnitId: units.length === 1 && units[0] ? units[0].id : '',
  });
  const form = useFormErrors(actionFieldOrder);
  usePageTitle(pageTitle, form.items.length > 0);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (create.isPending) return;
    const invalid = checkActionFields(values, null, false);
    if (Object.keys(invalid).length > 0) {
      form.fail(invalid);
      return;
    }
    try {
      await create.mutateAsync(createRequest(values));
      const state: NoticeState = { notice: `Action added: ${values.title.trim()}` };
      navigate(paths.recommendation(recommendation.id), { state });
    } catch (error) {
      const { fields, other } = actionApiErrors(error);
      form.fail(fields, other);
    }
  };

  return (
    <FormPage
      back={{ to: paths.recommendation(recommendation.id), text: 'Back to the recommendation' }}
      errors={form}
    >
      <span className="govuk-caption-l">{recommendationTitle(recommendation)}</span>
      <h1 className="govuk-heading-l">{pageTitle}</h1>
      <details className="govuk-details">
        <summary className="govuk-details__summary">
          <span className="govuk-details__summary-text">What the recommendation says</span>
        </summary>
        <div className="govuk-details__text">{recommendation.text}</div>
      </details>
      <form noValidate onSubmit={(event) => void submit(event)}>
        <ActionFields
          values={values}
          onChange={setValues}
          errors={form.fields}
          units={units}
          people={people}
          dependencies={dependencies}
          editing={null}
          lead={false}
          unitLocked={false}
        />
        <FormButtons submit="Add action" cancelTo={paths.recommendation(recommendation.id)} />
      </form>
    </FormPage>
  );
}
