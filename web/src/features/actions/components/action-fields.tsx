import type {
  Action,
  ActionStatus,
  OrgUnit,
  Person,
  Rag,
  Recommendation,
  UpdateActionRequest,
} from '@tracker/shared';
import { CreateActionRequest, actionStatuses } from '@tracker/shared';

import {
  Checkboxes,
  DateInput,
  Radios,
  Select,
  TextInput,
  Textarea,
  datePartsFrom,
  emptyDate,
  isoDateFrom,
  type DateParts,
} from '../../../components/form-fields';
import { ApiError, isApiError } from '../../../lib/api-client';
import { useOwnerChoices } from '../api';
import { formatDate } from '../../../lib/dates';
import { apiErrors, type FieldErrors } from '../../../lib/form-errors';
import { actionStatusNames, ragTags, roleNames } from '../../../lib/labels';

export interface ActionFieldValues {
  title: string;
  description: string;
  owningUnitId: string;
  ownerId: string;
  ownerRole: string;
  startDate: DateParts;
  dueDate: DateParts;
  dueDateChangeReason: string;
  successMeasure: string;
  dependsOn: string[];
  status: ActionStatus;
  statusReason: string;
  percentComplete: string;
  /** '' keeps the derived rating; a colour overrides it. */
  ragOverride: Rag | '';
  ragOverrideReason: string;
}

export const emptyActionValues: ActionFieldValues = {
  title: '',
  description: '',
  owningUnitId: '',
  ownerId: '',
  ownerRole: '',
  startDate: emptyDate,
  dueDate: emptyDate,
  dueDateChangeReason: '',
  successMeasure: '',
  dependsOn: [],
  status: 'not_started',
  statusReason: '',
  percentComplete: '0',
  ragOverride: '',
  ragOverrideReason: '',
};

export function valuesFrom(action: Action): ActionFieldValues {
  return {
    title: action.title,
    description: action.description ?? '',
    owningUnitId: action.owningUnit.id,
    ownerId: action.owner && !action.owner.disabled ? action.owner.id : '',
    ownerRole: action.ownerRole ?? '',
    startDate: datePartsFrom(action.startDate),
    dueDate: datePartsFrom(action.dueDate),
    dueDateChangeReason: '',
    successMeasure: action.successMeasure ?? '',
    dependsOn: [...action.dependsOn],
    status: action.status,
    statusReason: '',
    percentComplete: String(action.percentComplete),
    ragOverride: action.ragOverride?.rating ?? '',
    ragOverrideReason: action.ragOverride?.reason ?? '',
  };
}

/** The fields in page order, for the error summary, with where each one's link goes. */
export const actionFieldOrder = [
  { name: 'title' },
  { name: 'description' },
  { name: 'owningUnitId' },
  { name: 'ownerId' },
  { name: 'ownerRole' },
  { name: 'startDate', href: '#startDate-day' },
  { name: 'dueDate', href: '#dueDate-day' },
  { name: 'dueDateChangeReason' },
  { name: 'successMeasure' },
  { name: 'dependsOn' },
  { name: 'status' },
  { name: 'statusReason' },
  { name: 'percentComplete' },
  { name: 'ragOverride' },
  { name: 'ragOverrideReason' },
];

export const actionFieldLabels: Record<string, string> = {
  title: 'Title',
  description: 'Description',
  owningUnitId: 'Owning unit',
  ownerId: 'Owner',
  ownerRole: 'Owner’s role',
  startDate: 'Start date',
  dueDate: 'Due date',
  dueDateChangeReason: 'Reason for the new due date',
  successMeasure: 'Success measure',
  dependsOn: 'Depends on',
  status: 'Status',
  statusReason: 'Reason',
  percentComplete: 'Percent complete',
  ragOverride: 'RAG rating',
  ragOverrideReason: 'Reason for the RAG rating',
};

/** The API names nested fields with dots ("ragOverride.reason", "dependsOn.0"). */
function formPath(path: string): string {
  if (path === 'ragOverride.reason') return 'ragOverrideReason';
  return path.split('.')[0] ?? path;
}

/** An API error's messages, against the form's fields. */
export function actionApiErrors(error: unknown): { fields: FieldErrors; other: string[] } {
  if (!isApiError(error)) return apiErrors(error, actionFieldLabels);
  const remapped = new ApiError({
    type: error.type,
    title: error.title,
    status: error.status,
    detail: error.detail,
    errors: error.errors.map((fieldError) => ({ ...fieldError, path: formPath(fieldError.path) })),
  });
  const result = apiErrors(remapped, actionFieldLabels);
  if (error.status === 403) {
    return { fields: {}, other: [`You cannot make this change: ${error.detail}`] };
  }
  return result;
}

/**
 * The units that may own a recommendation's actions (the server's rule): a PDU
 * recommendation's PDU or the region; a region's, the region or one of its PDUs; an HMPPS one,
 * HMPPS or the region. `only` narrows it to one unit, for those who may not choose (the action's
 * or recommendation's `allowed` says who: a head of operations keeps to their own PDU).
 */
export function allowedUnits(
  recommendation: Recommendation,
  regionId: string,
  units: OrgUnit[],
  only: string | null,
): OrgUnit[] {
  const byId = new Map(units.map((unit) => [unit.id, unit]));
  const region = byId.get(regionId);
  const pdus = units
    .filter((unit) => unit.parentId === regionId && unit.type === 'pdu' && !unit.retiredAt)
    .sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));
  const own = byId.get(recommendation.owningUnit.id);
  const list = (recommendation.ownerLevel === 'region' ? [region, ...pdus] : [own, region]).filter(
    (unit): unit is OrgUnit => unit !== undefined,
  );
  if (only !== null) return list.filter((unit) => unit.id === only);
  return list;
}

/**
 * The owner list: who the server says may own an action of the chosen unit, plus the action's
 * saved owner (who may predate the rule, and must still show as chosen).
 */
export function ownerChoices(mayOwn: Person[], everyone: Person[], savedOwnerId: string): Person[] {
  if (!savedOwnerId || mayOwn.some((person) => person.id === savedOwnerId)) return mayOwn;
  const saved = everyone.find((person) => person.id === savedOwnerId);
  return saved ? [...mayOwn, saved] : mayOwn;
}

export interface DependencyChoice {
  id: string;
  title: string;
  hint: string;
}

export function ActionFields({
  values,
  onChange,
  errors,
  units,
  people,
  dependencies,
  editing,
  lead,
  unitLocked,
}: {
  values: ActionFieldValues;
  onChange: (values: ActionFieldValues) => void;
  errors: FieldErrors;
  units: OrgUnit[];
  people: Person[];
  dependencies: DependencyChoice[];
  /** The action as it was when the form opened; null when adding one. */
  editing: Action | null;
  /** The action's lead: may verify and close, and override the RAG rating. */
  lead: boolean;
  /** The owning unit cannot be changed by this person (a head of operations editing). */
  unitLocked: boolean;
}) {
  const set = <K extends keyof ActionFieldValues>(key: K, value: ActionFieldValues[K]) =>
    onChange({ ...values, [key]: value });

  const dueIso = isoDateFrom(values.dueDate);
  const dueMoves = editing?.dueDate != null && dueIso !== editing.dueDate;
  const reopening =
    editing !== null &&
    (editing.status === 'verified_closed' || editing.status === 'cancelled') &&
    values.status !== editing.status;
  const needsStatusReason = values.status === 'cancelled' || reopening;

  const owners = useOwnerChoices(values.owningUnitId);
  const unitName = units.find((unit) => unit.id === values.owningUnitId)?.name;
  const statusOptions = actionStatuses.filter(
    (status) =>
      status !== 'verified_closed' ||
      editing?.status === 'verified_closed' ||
      (lead && (editing?.status === 'complete' || values.status === 'verified_closed')),
  );

  return (
    <>
      <TextInput
        id="title"
        label={actionFieldLabels.title ?? 'Title'}
        hint="What will be done, in a few words."
        value={values.title}
        onChange={(value) => set('title', value)}
        error={errors.title}
      />
      <Textarea
        id="description"
        label="Description (optional)"
        hint="How it will be done, and anything the owner needs to know."
        value={values.description}
        onChange={(value) => set('description', value)}
        error={errors.description}
      />
      {unitLocked ? (
        <div className="govuk-form-group">
          <h2 className="govuk-label govuk-label--s">Owning unit</h2>
          <p className="govuk-body">{unitName ?? editing?.owningUnit.name}</p>
          <div className="govuk-hint">
            Only the lead for this action can move it to another unit.
          </div>
        </div>
      ) : (
        <Radios
          name="owningUnitId"
          legend="Which unit owns this action?"
          legendSize="s"
          hint={
            units.length === 1 ? 'This is the only unit you can add actions for here.' : undefined
          }
          options={units.map((unit) => ({ value: unit.id, text: unit.name }))}
          value={values.owningUnitId}
          onChange={(value) => set('owningUnitId', value)}
          error={errors.owningUnitId}
        />
      )}
      <Select
        id="ownerId"
        label="Owner"
        hint="The named person who answers for this action. You can save without one, but the plan cannot be submitted until every action has an owner."
        placeholder="No named owner yet"
        options={ownerChoices(owners.data ?? [], people, editing?.owner?.id ?? '').map(
          (person) => ({
            value: person.id,
            text: `${person.name} (${roleNames[person.role]}, ${person.unit.name})`,
          }),
        )}
        value={values.ownerId}
        onChange={(value) => set('ownerId', value)}
        error={errors.ownerId}
      />
      <TextInput
        id="ownerRole"
        label="Owner’s role (optional)"
        hint="For example, Senior Probation Officer, or Head of Public Protection."
        value={values.ownerRole}
        onChange={(value) => set('ownerRole', value)}
        error={errors.ownerRole}
      />
      <DateInput
        id="startDate"
        legend="Start date (optional)"
        hint="For example, 1 4 2026"
        value={values.startDate}
        onChange={(value) => set('startDate', value)}
        error={errors.startDate}
      />
      <DateInput
        id="dueDate"
        legend="Due date"
        hint={
          editing?.originalDueDate
            ? `For example, 30 9 2026. First agreed: ${formatDate(editing.originalDueDate)}.`
            : 'For example, 30 9 2026. You can save without one, but the plan cannot be submitted until every action has a due date.'
        }
        value={values.dueDate}
        onChange={(value) => set('dueDate', value)}
        error={errors.dueDate}
      />
      {dueMoves ? (
        <Textarea
          id="dueDateChangeReason"
          label="Why is the due date changing?"
          hint="The agreed due date is kept with this reason in the action’s history."
          rows={3}
          value={values.dueDateChangeReason}
          onChange={(value) => set('dueDateChangeReason', value)}
          error={errors.dueDateChangeReason}
        />
      ) : null}
      <Textarea
        id="successMeasure"
        label="Success measure"
        hint="How we will know it worked. You can save without one, but the plan cannot be submitted until every action has a success measure."
        rows={3}
        value={values.successMeasure}
        onChange={(value) => set('successMeasure', value)}
        error={errors.successMeasure}
      />
      {dependencies.length > 0 ? (
        <Checkboxes
          name="dependsOn"
          legend="Does this action depend on others? (optional)"
          hint="It is marked as waiting until they are finished. Select all that apply."
          small
          options={dependencies.map((choice) => ({
            value: choice.id,
            text: choice.title,
            hint: choice.hint,
          }))}
          values={values.dependsOn}
          onChange={(value) => set('dependsOn', value)}
          error={errors.dependsOn}
        />
      ) : (
        <p className="govuk-body">There are no other actions in this plan for it to depend on.</p>
      )}
      {editing ? (
        <>
          <Radios
            name="status"
            legend="Status"
            legendSize="s"
            hint="Complete needs at least one piece of evidence. Only the lead can verify and close."
            options={statusOptions.map((status) => ({
              value: status,
              text: actionStatusNames[status],
            }))}
            value={values.status}
            onChange={(value) => set('status', value as ActionStatus)}
            error={errors.status}
          />
          {needsStatusReason ? (
            <Textarea
              id="statusReason"
              label={values.status === 'cancelled' ? 'Why is it cancelled?' : 'Why is it reopened?'}
              rows={3}
              value={values.statusReason}
              onChange={(value) => set('statusReason', value)}
              error={errors.statusReason}
            />
          ) : null}
          <TextInput
            id="percentComplete"
            label="Percent complete"
            hint="A whole number from 0 to 100."
            inputMode="numeric"
            width="3"
            suffix="%"
            value={values.percentComplete}
            onChange={(value) => set('percentComplete', value)}
            error={errors.percentComplete}
          />
          {lead ? (
            <Radios
              name="ragOverride"
              legend="RAG rating"
              legendSize="s"
              hint="The service works out red, amber or green from the dates and progress. As the lead you can set it yourself, with a reason."
              options={[
                { value: '', text: 'Work it out from dates and progress' },
                ...(['red', 'amber', 'green'] as const).map((rating) => ({
                  value: rating,
                  text: `Set it to ${ragTags[rating].text.toLowerCase()}`,
                  conditional: (
                    <Textarea
                      id="ragOverrideReason"
                      label="Why?"
                      rows={2}
                      value={values.ragOverrideReason}
                      onChange={(value) => set('ragOverrideReason', value)}
                      error={errors.ragOverrideReason}
                    />
                  ),
                })),
              ]}
              value={values.ragOverride}
              onChange={(value) => set('ragOverride', value as Rag | '')}
              error={errors.ragOverride}
            />
          ) : null}
        </>
      ) : null}
    </>
  );
}

/** The longest title the API takes, from its schema. */
export const actionTitleMax = CreateActionRequest.shape.title.maxLength ?? Infinity;

/** Checks the fields before they are sent; the server checks them again. */
export function checkActionFields(
  values: ActionFieldValues,
  editing: Action | null,
  unitLocked: boolean,
): FieldErrors {
  const errors: FieldErrors = {};
  if (!values.title.trim()) errors.title = 'Enter a title for the action';
  else if (values.title.trim().length > actionTitleMax)
    errors.title = `Title must be ${actionTitleMax} characters or fewer`;
  if (!values.owningUnitId && !unitLocked)
    errors.owningUnitId = 'Select the unit that owns the action';
  const start = isoDateFrom(values.startDate);
  const due = isoDateFrom(values.dueDate);
  if (start === null) errors.startDate = 'Start date must be a real date, like 1 4 2026';
  if (due === null) errors.dueDate = 'Due date must be a real date, like 30 9 2026';
  else if (due === '' && editing?.dueDate) {
    errors.dueDate = 'Enter a due date: an agreed due date can be moved but not removed';
  }
  if (start && due && due < start)
    errors.dueDate = 'Due date must be the same as or after the start date';
  if (editing?.dueDate && due && due !== editing.dueDate && !values.dueDateChangeReason.trim()) {
    errors.dueDateChangeReason = 'Enter why the due date is changing';
  }
  if (editing) {
    const reopening =
      (editing.status === 'verified_closed' || editing.status === 'cancelled') &&
      values.status !== editing.status;
    if ((values.status === 'cancelled' && editing.status !== 'cancelled') || reopening) {
      if (!values.statusReason.trim()) {
        errors.statusReason =
          values.status === 'cancelled'
            ? 'Enter why the action is cancelled'
            : 'Enter why the action is reopened';
      }
    }
    const percent = values.percentComplete.trim().replace(/%$/, '');
    if (!/^\d{1,3}$/.test(percent) || Number(percent) > 100) {
      errors.percentComplete = 'Percent complete must be a whole number from 0 to 100';
    }
    if (values.ragOverride && !values.ragOverrideReason.trim()) {
      errors.ragOverrideReason = 'Enter why you are setting the RAG rating';
    }
  }
  return errors;
}

const trimmedOrUndefined = (value: string) => value.trim() || undefined;

export function createRequest(values: ActionFieldValues): CreateActionRequest {
  const request: CreateActionRequest = {
    title: values.title.trim(),
    owningUnitId: values.owningUnitId,
  };
  const description = trimmedOrUndefined(values.description);
  if (description) request.description = description;
  if (values.ownerId) request.ownerId = values.ownerId;
  const ownerRole = trimmedOrUndefined(values.ownerRole);
  if (ownerRole) request.ownerRole = ownerRole;
  const start = isoDateFrom(values.startDate);
  if (start) request.startDate = start;
  const due = isoDateFrom(values.dueDate);
  if (due) request.dueDate = due;
  const successMeasure = trimmedOrUndefined(values.successMeasure);
  if (successMeasure) request.successMeasure = successMeasure;
  if (values.dependsOn.length > 0) request.dependsOn = values.dependsOn;
  return request;
}

const sameSet = (a: string[], b: string[]) =>
  a.length === b.length && a.every((value) => b.includes(value));

/** What the form changes on `base`: only the fields that differ are sent. */
export function updateRequest(values: ActionFieldValues, base: Action): UpdateActionRequest {
  const from = valuesFrom(base);
  const changes: UpdateActionRequest = {};
  const text = (key: 'description' | 'ownerRole' | 'successMeasure') => {
    if (values[key].trim() !== from[key].trim()) changes[key] = values[key].trim() || null;
  };
  if (values.title.trim() !== from.title) changes.title = values.title.trim();
  text('description');
  if (values.owningUnitId !== from.owningUnitId) changes.owningUnitId = values.owningUnitId;
  if (values.ownerId !== from.ownerId) changes.ownerId = values.ownerId || null;
  text('ownerRole');
  const start = isoDateFrom(values.startDate);
  if ((start || null) !== base.startDate) changes.startDate = start || null;
  const due = isoDateFrom(values.dueDate);
  if (due && due !== base.dueDate) {
    changes.dueDate = due;
    if (base.dueDate && values.dueDateChangeReason.trim()) {
      changes.dueDateChangeReason = values.dueDateChangeReason.trim();
    }
  }
  text('successMeasure');
  if (!sameSet(values.dependsOn, from.dependsOn)) changes.dependsOn = values.dependsOn;
  if (values.status !== from.status) {
    changes.status = values.status;
    if (values.statusReason.trim()) changes.statusReason = values.statusReason.trim();
  }
  const percent = Number(values.percentComplete.trim().replace(/%$/, ''));
  if (
    percent !== base.percentComplete &&
    !['complete', 'verified_closed'].includes(values.status)
  ) {
    changes.percentComplete = percent;
  }
  if (
    values.ragOverride !== from.ragOverride ||
    (values.ragOverride && values.ragOverrideReason.trim() !== from.ragOverrideReason)
  ) {
    changes.ragOverride = values.ragOverride
      ? { rating: values.ragOverride, reason: values.ragOverrideReason.trim() }
      : null;
  }
  return changes;
}
