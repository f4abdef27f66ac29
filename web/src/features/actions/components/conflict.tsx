import type { Action, OrgUnit, Person } from '@tracker/shared';

import { Table } from '../../../components/table';
import { formatDate } from '../../../lib/dates';
import { actionStatusNames, ragTags } from '../../../lib/labels';
import { isoDateFrom } from '../../../components/form-fields';
import { valuesFrom, type ActionFieldValues, type DependencyChoice } from './action-fields';

interface Difference {
  field: string;
  theirs: string;
  yours: string;
  /** The person changed this field themselves (so "Use my changes" sends it). */
  changedByYou: boolean;
}

/** The form's fields, written as a person reads them, to compare two versions. */
function describe(
  values: ActionFieldValues,
  units: OrgUnit[],
  people: Person[],
  dependencies: DependencyChoice[],
  ownerFallback: string | null,
): Record<string, [string, string]> {
  const date = (parts: ActionFieldValues['dueDate']) => {
    const iso = isoDateFrom(parts);
    return iso ? formatDate(iso) : iso === '' ? 'Not set' : 'Not a real date';
  };
  const none = (text: string) => text.trim() || 'Not given';
  const owner = values.ownerId
    ? (people.find((person) => person.id === values.ownerId)?.name ?? ownerFallback ?? 'Someone')
    : 'No named owner';
  const titles = values.dependsOn
    .map((id) => dependencies.find((choice) => choice.id === id)?.title ?? 'Another action')
    .sort();
  return {
    title: ['Title', values.title.trim()],
    description: ['Description', none(values.description)],
    owningUnitId: [
      'Owning unit',
      units.find((unit) => unit.id === values.owningUnitId)?.name ?? 'Another unit',
    ],
    ownerId: ['Owner', owner],
    ownerRole: ['Owner’s role', none(values.ownerRole)],
    startDate: ['Start date', date(values.startDate)],
    dueDate: ['Due date', date(values.dueDate)],
    successMeasure: ['Success measure', none(values.successMeasure)],
    dependsOn: ['Depends on', titles.length > 0 ? titles.join('; ') : 'Nothing'],
    status: ['Status', actionStatusNames[values.status]],
    percentComplete: ['Percent complete', `${values.percentComplete.trim()}%`],
    ragOverride: [
      'RAG rating set by the lead',
      values.ragOverride
        ? `${ragTags[values.ragOverride].text}: ${values.ragOverrideReason.trim()}`
        : 'Not set',
    ],
  };
}

export function differences(
  theirs: Action,
  yours: ActionFieldValues,
  base: Action,
  units: OrgUnit[],
  people: Person[],
  dependencies: DependencyChoice[],
): Difference[] {
  const fallback = theirs.owner?.name ?? base.owner?.name ?? null;
  const a = describe(valuesFrom(theirs), units, people, dependencies, fallback);
  const b = describe(yours, units, people, dependencies, fallback);
  const started = describe(valuesFrom(base), units, people, dependencies, fallback);
  return Object.keys(a)
    .filter((key) => a[key]?.[1] !== b[key]?.[1])
    .map((key) => ({
      field: a[key]?.[0] ?? key,
      theirs: a[key]?.[1] ?? '',
      yours: b[key]?.[1] ?? '',
      changedByYou: b[key]?.[1] !== started[key]?.[1],
    }));
}

/**
 * Rebases the form on their version: fields the person did not change take their values, the
 * ones they changed keep what they typed. "Use my changes" then sends only the person's own
 * changes, with the new ETag, and never undoes someone else's change to another field.
 */
export function rebase(yours: ActionFieldValues, base: Action, theirs: Action): ActionFieldValues {
  const started = valuesFrom(base);
  const latest = valuesFrom(theirs);
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  const result = { ...yours };
  for (const key of Object.keys(yours) as (keyof ActionFieldValues)[]) {
    if (same(yours[key], started[key])) (result as Record<string, unknown>)[key] = latest[key];
  }
  return result;
}

/**
 * Shown when the action changed on the server after the form was opened (a 412): their
 * version beside the person's own, field by field, and the two ways on. What the person typed
 * stays in the form below until they choose.
 */
export function ConflictPanel({
  theirs,
  yours,
  base,
  units,
  people,
  dependencies,
  onUseMine,
  onDiscardMine,
  busy,
}: {
  theirs: Action;
  yours: ActionFieldValues;
  base: Action;
  units: OrgUnit[];
  people: Person[];
  dependencies: DependencyChoice[];
  onUseMine: () => void;
  onDiscardMine: () => void;
  busy: boolean;
}) {
  const rows = differences(theirs, yours, base, units, people, dependencies);
  return (
    <div
      className="govuk-notification-banner"
      role="alert"
      aria-labelledby="conflict-title"
      data-testid="conflict"
    >
      <div className="govuk-notification-banner__header">
        <h2 className="govuk-notification-banner__title" id="conflict-title">
          Important
        </h2>
      </div>
      <div className="govuk-notification-banner__content">
        <p className="govuk-notification-banner__heading">
          Someone else changed this action while you were editing
        </p>
        <p className="govuk-body">
          Your changes have not been saved. Nothing you typed has been lost: it is still in the form
          below. &ldquo;Use my changes&rdquo; saves the fields you changed over their version;
          &ldquo;Discard mine&rdquo; puts their version in the form.
        </p>
        {rows.length === 0 ? (
          <p className="govuk-body">Their version and yours now say the same thing.</p>
        ) : (
          <Table
            caption="Where their version and yours differ"
            captionSize="s"
            rows={rows}
            rowKey={(row) => row.field}
            columns={[
              { header: 'Field', isRowHeader: true, cell: (row) => row.field },
              { header: 'Their version (saved)', cell: (row) => row.theirs },
              { header: 'Your version', cell: (row) => row.yours },
              {
                header: 'If you use your changes',
                cell: (row) =>
                  row.changedByYou ? 'Yours is saved' : 'Theirs is kept: you did not change it',
              },
            ]}
          />
        )}
        <div className="govuk-button-group">
          <button
            type="button"
            className="govuk-button"
            data-module="govuk-button"
            onClick={onUseMine}
            disabled={busy}
          >
            Use my changes
          </button>
          <button
            type="button"
            className="govuk-button govuk-button--secondary"
            data-module="govuk-button"
            onClick={onDiscardMine}
            disabled={busy}
          >
            Discard mine
          </button>
        </div>
      </div>
    </div>
  );
}
