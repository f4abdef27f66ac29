import type {
  ActionDiff,
  ChangeKind,
  DiffSubject,
  FieldChange,
  MeasureDiff,
  RecommendationDiff,
} from '@tracker/shared';

import { Table } from '../../../components/table';
import { Tag } from '../../../components/tag';
import { formatDate } from '../../../lib/dates';
import {
  changeTags,
  describeChange,
  formatDayOf,
  recommendationName,
  type DescribedChange,
} from './field-words';

/** What one side of a diff is called: in a table's heading, and in a sentence. */
export interface DiffSide {
  /** "Version 1", "Live plan" */
  column: string;
  /** "version 1", "the live plan" */
  phrase: string;
}

export interface DiffSides {
  from: DiffSide;
  to: DiffSide;
}

function FieldTable({
  subject,
  fields,
  sides,
  caption,
}: {
  subject: DiffSubject;
  fields: FieldChange[];
  sides: DiffSides;
  caption: string;
}) {
  if (fields.length === 0) return null;
  return (
    <Table<DescribedChange>
      caption={caption}
      captionSize="s"
      rows={fields.map((field) => describeChange(subject, field))}
      rowKey={(row) => row.label}
      columns={[
        { header: 'What changed', isRowHeader: true, cell: (row) => row.label },
        {
          header: sides.from.column,
          cell: (row) => <span className="app-preserve-lines">{row.from}</span>,
        },
        {
          header: sides.to.column,
          cell: (row) => <span className="app-preserve-lines">{row.to}</span>,
        },
      ]}
    />
  );
}

/** Whether the subject is new or gone, in words, for one that was not just changed. */
function WholeChange({
  change,
  what,
  sides,
}: {
  change: ChangeKind;
  what: string;
  sides: DiffSides;
}) {
  if (change === 'changed') return null;
  return (
    <p className="govuk-body">
      {change === 'added'
        ? `A new ${what}: in ${sides.to.phrase}, not in ${sides.from.phrase}.`
        : `This ${what} was in ${sides.from.phrase} but is not in ${sides.to.phrase}.`}
    </p>
  );
}

function TitleWithTag({ title, change }: { title: string; change: ChangeKind }) {
  return (
    <>
      {title} <Tag label={changeTags[change]} className="govuk-!-margin-left-1" />
    </>
  );
}

function DueDateMoves({ action }: { action: ActionDiff }) {
  return action.dueDateMoves.map((move) => (
    <div className="govuk-inset-text" key={move.changedAt} data-testid="due-date-move">
      <p className="govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-1">
        Due date moved from {move.from ? formatDate(move.from) : 'no date'} to{' '}
        {move.to ? formatDate(move.to) : 'no date'}
      </p>
      <p className="govuk-body govuk-!-margin-bottom-1 app-preserve-lines">Reason: {move.reason}</p>
      <p className="govuk-body-s govuk-!-margin-bottom-0">
        Changed on {formatDayOf(move.changedAt)}
      </p>
    </div>
  ));
}

function EvidenceChanges({ action }: { action: ActionDiff }) {
  const lists = [
    { heading: 'Evidence added', items: action.evidenceAdded },
    { heading: 'Evidence removed', items: action.evidenceRemoved },
  ].filter((list) => list.items.length > 0);
  return lists.map((list) => (
    <div key={list.heading}>
      <p className="govuk-body govuk-!-margin-bottom-1">{list.heading}:</p>
      <ul className="govuk-list govuk-list--bullet">
        {list.items.map((item) => (
          <li key={item.id}>{item.title}</li>
        ))}
      </ul>
    </div>
  ));
}

function ActionChanges({ action, sides }: { action: ActionDiff; sides: DiffSides }) {
  return (
    <div data-testid="action-diff">
      <h3 className="govuk-heading-s">
        <TitleWithTag title={`Action: ${action.title}`} change={action.change} />
      </h3>
      <WholeChange change={action.change} what="action" sides={sides} />
      <FieldTable
        subject="action"
        fields={action.fields}
        sides={sides}
        caption={`Changes to the action “${action.title}”`}
      />
      <DueDateMoves action={action} />
      <EvidenceChanges action={action} />
    </div>
  );
}

function MeasureChanges({ measure, sides }: { measure: MeasureDiff; sides: DiffSides }) {
  return (
    <div data-testid="measure-diff">
      <h3 className="govuk-heading-s">
        <TitleWithTag title={`Outcome measure: ${measure.name}`} change={measure.change} />
      </h3>
      <WholeChange change={measure.change} what="outcome measure" sides={sides} />
      <FieldTable
        subject="measure"
        fields={measure.fields}
        sides={sides}
        caption={`Changes to the outcome measure “${measure.name}”`}
      />
    </div>
  );
}

/** One recommendation's changes: its own fields, then each action and outcome measure. */
export function RecommendationChanges({
  diff,
  sides,
}: {
  diff: RecommendationDiff;
  sides: DiffSides;
}) {
  const name = recommendationName(diff.label);
  const headingId = `diff-${diff.id}`;
  return (
    <section aria-labelledby={headingId} data-testid="recommendation-diff">
      <h2 className="govuk-heading-m" id={headingId}>
        <TitleWithTag title={name} change={diff.change} />
      </h2>
      <WholeChange change={diff.change} what="recommendation" sides={sides} />
      <FieldTable
        subject="recommendation"
        fields={diff.fields}
        sides={sides}
        caption={`Changes to ${name}`}
      />
      {diff.actions.map((action) => (
        <ActionChanges key={action.id} action={action} sides={sides} />
      ))}
      {diff.outcomeMeasures.map((measure) => (
        <MeasureChanges key={measure.id} measure={measure} sides={sides} />
      ))}
      <hr className="govuk-section-break govuk-section-break--l govuk-section-break--visible" />
    </section>
  );
}
