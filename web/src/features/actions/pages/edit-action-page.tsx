import { useQueryClient } from '@tanstack/react-query';
import type { Action, OrgUnit, Person, Recommendation } from '@tracker/shared';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';

import { ContentPage } from '../../../components/content-page';
import { FormButtons, FormPage } from '../../../components/form-page';
import { QueryState } from '../../../components/query-state';
import { isApiError } from '../../../lib/api-client';
import { focusMainSoon } from '../../../lib/focus-main';
import { useFormErrors } from '../../../lib/form-errors';
import { paths } from '../../../lib/paths';
import { usePageTitle } from '../../../lib/use-page-title';
import { fetchAction, useAction, useUpdateAction, type VersionedAction } from '../api';
import {
  ActionFields,
  actionApiErrors,
  actionFieldOrder,
  allowedUnits,
  checkActionFields,
  updateRequest,
  valuesFrom,
  type ActionFieldValues,
  type DependencyChoice,
} from '../components/action-fields';
import { ConflictPanel, rebase } from '../components/conflict';
import { useActionFormData } from '../components/use-action-form-data';
import { type NoticeState } from '../../../lib/notice';
import { actionKeys } from '../../../lib/query-keys';

const pageTitle = 'Change the action';

export function EditActionPage() {
  const { actionId = '' } = useParams();
  const action = useAction(actionId);
  usePageTitle(action.isError ? undefined : pageTitle);
  if (!action.isSuccess) {
    return <QueryState queries={[action]} what="action" />;
  }
  return <EditActionLoaded versioned={action.data} />;
}

function EditActionLoaded({ versioned }: { versioned: VersionedAction }) {
  const { action } = versioned;
  // The action says what this person may do with it: no need to read further to decide.
  if (!action.allowed.change) return <CannotChange action={action} />;
  return <EditActionWithData versioned={versioned} />;
}

function EditActionWithData({ versioned }: { versioned: VersionedAction }) {
  const { action } = versioned;
  const { ready, queries } = useActionFormData(action.recommendationId, action);
  if (!ready) return <QueryState queries={queries} what="form" />;
  const { recommendation, regionId } = ready;
  const only = action.allowed.moveUnit ? null : action.owningUnit.id;
  const units = allowedUnits(recommendation, regionId, ready.units, only);
  // The action's own unit is always shown, even where the list would not offer it.
  const withCurrent = units.some((unit) => unit.id === action.owningUnit.id)
    ? units
    : [...ready.units.filter((unit) => unit.id === action.owningUnit.id), ...units];
  return (
    <EditActionForm
      // Opened afresh for each action; a save or a conflict does not remount it.
      key={action.id}
      initial={versioned}
      recommendation={recommendation}
      units={withCurrent}
      people={ready.people}
      dependencies={ready.dependencies}
    />
  );
}

function CannotChange({ action }: { action: Action }) {
  return (
    <ContentPage title="You cannot change this action">
      <p className="govuk-body">
        {action.owningUnit.name} owns this action. You can read it, but only its unit and its lead
        can change it.
      </p>
      <p className="govuk-body">
        <Link className="govuk-link" to={paths.action(action.id)}>
          Back to the action
        </Link>
      </p>
    </ContentPage>
  );
}

function EditActionForm({
  initial,
  recommendation,
  units,
  people,
  dependencies,
}: {
  initial: VersionedAction;
  recommendation: Recommendation;
  units: OrgUnit[];
  people: Person[];
  dependencies: DependencyChoice[];
}) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const update = useUpdateAction(initial.action.id);
  // The version the form's changes are made against, and its ETag for If-Match.
  const [base, setBase] = useState<VersionedAction>(initial);
  const [values, setValues] = useState<ActionFieldValues>(() => valuesFrom(initial.action));
  const [conflict, setConflict] = useState<VersionedAction | null>(null);
  const form = useFormErrors(actionFieldOrder);
  usePageTitle(pageTitle, form.items.length > 0);
  const { allowed } = initial.action;
  const unitLocked = !allowed.moveUnit;

  const save = async (against: VersionedAction, formValues: ActionFieldValues) => {
    if (update.isPending) return;
    const invalid = checkActionFields(formValues, against.action, unitLocked);
    if (Object.keys(invalid).length > 0) {
      form.fail(invalid);
      return;
    }
    const changes = updateRequest(formValues, against.action);
    const done = (notice: string) => {
      const state: NoticeState = { notice };
      navigate(paths.action(against.action.id), { state });
    };
    if (Object.keys(changes).length === 0) {
      done('Nothing was changed');
      return;
    }
    try {
      await update.mutateAsync({ changes, etag: against.etag });
      done('Action saved');
    } catch (error) {
      if (isApiError(error) && error.status === 412) {
        // Someone saved first: read their version and let the person choose.
        try {
          const latest = await fetchAction(against.action.id);
          queryClient.setQueryData(actionKeys.detail(latest.action.id), latest);
          setConflict(latest);
          form.clear();
          focusMainSoon();
        } catch (readError) {
          form.fail({}, actionApiErrors(readError).other);
        }
        return;
      }
      const { fields, other } = actionApiErrors(error);
      form.fail(fields, other);
    }
  };

  const keepMine = () => {
    if (!conflict) return;
    const rebased = rebase(values, base.action, conflict.action);
    setBase(conflict);
    setValues(rebased);
    setConflict(null);
    void save(conflict, rebased);
  };

  const discardMine = () => {
    if (!conflict) return;
    setBase(conflict);
    setValues(valuesFrom(conflict.action));
    setConflict(null);
    form.clear();
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    // While a conflict is shown, saving from the form is the same as "Use my changes".
    if (conflict) keepMine();
    else void save(base, values);
  };

  const action = base.action;
  return (
    <FormPage back={{ to: paths.action(action.id), text: 'Back to the action' }} errors={form}>
      {conflict ? (
        <ConflictPanel
          theirs={conflict.action}
          yours={values}
          base={base.action}
          units={units}
          people={people}
          dependencies={dependencies}
          onUseMine={keepMine}
          onDiscardMine={discardMine}
          busy={update.isPending}
        />
      ) : null}
      <span className="govuk-caption-l">
        {`${recommendation.sourcePdu.name} recommendation ${recommendation.number}`}
      </span>
      <h1 className="govuk-heading-l">{pageTitle}</h1>
      <form noValidate onSubmit={submit}>
        <ActionFields
          values={values}
          onChange={setValues}
          errors={form.fields}
          units={units}
          people={people}
          dependencies={dependencies}
          editing={conflict?.action ?? action}
          lead={allowed.verify}
          unitLocked={unitLocked}
        />
        <FormButtons submit="Save changes" cancelTo={paths.action(action.id)} />
      </form>
    </FormPage>
  );
}
