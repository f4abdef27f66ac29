import type { Action } from '@tracker/shared';

import { SummaryCard, type CardAction } from './summary-card';
import { Tag } from './tag';
import { formatDate, todayInLondon } from '../lib/dates';
import {
  actionStatusTags,
  finishedStatuses,
  noRagTag,
  overdueTag,
  ragTags,
  waitingTag,
} from '../lib/labels';
import { paths } from '../lib/paths';

/** True when the action is past its due date (UK calendar) and not finished. */
export function isOverdue(action: Pick<Action, 'dueDate' | 'status'>, today = todayInLondon()) {
  return (
    action.dueDate !== null && action.dueDate < today && !finishedStatuses.includes(action.status)
  );
}

export function RagTag({ action }: { action: Pick<Action, 'rag' | 'ragOverride'> }) {
  if (!action.rag) return <Tag label={noRagTag} />;
  return (
    <>
      <span className="govuk-visually-hidden">RAG rating: </span>
      <Tag label={ragTags[action.rag]} />
      {action.ragOverride ? <span className="govuk-body-s"> (set by the lead)</span> : null}
    </>
  );
}

export function StatusTags({ action }: { action: Pick<Action, 'status' | 'waiting'> }) {
  return (
    <span className="app-tag-list">
      <Tag label={actionStatusTags[action.status]} />
      {action.waiting ? <Tag label={waitingTag} /> : null}
    </span>
  );
}

export function DueDate({ action }: { action: Pick<Action, 'dueDate' | 'status'> }) {
  if (!action.dueDate) return <>Not set</>;
  return (
    <span className="app-tag-list">
      {formatDate(action.dueDate)} {isOverdue(action) ? <Tag label={overdueTag} /> : null}
    </span>
  );
}

/** A recommendation's actions, one summary card each. */
export function ActionCards({
  actions,
  canChange,
}: {
  actions: Action[];
  canChange: (action: Action) => boolean;
}) {
  return actions.map((action) => {
    const links: CardAction[] = [
      { to: paths.action(action.id), text: 'View', visuallyHiddenText: action.title },
    ];
    if (canChange(action)) {
      links.push({
        to: paths.editAction(action.id),
        text: 'Change',
        visuallyHiddenText: action.title,
      });
    }
    return (
      <SummaryCard
        key={action.id}
        testId="action-card"
        title={action.title}
        actions={links}
        rows={[
          {
            key: 'Owner',
            value: action.owner
              ? `${action.owner.name}${action.owner.disabled ? ' (account disabled: no owner)' : ''}`
              : 'No named owner',
          },
          { key: 'Owning unit', value: action.owningUnit.name },
          { key: 'Due date', value: <DueDate action={action} /> },
          { key: 'Status', value: <StatusTags action={action} /> },
          { key: 'RAG rating', value: <RagTag action={action} /> },
          { key: 'Progress', value: `${action.percentComplete}% complete` },
        ]}
      />
    );
  });
}
