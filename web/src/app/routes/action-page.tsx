import type { Action } from '@tracker/shared';
import { Link, useLocation, useNavigate, useParams } from 'react-router';

import { BackLink } from '../../components/back-link';
import { QueryState } from '../../components/query-state';
import { NotificationBanner } from '../../components/notification-banner';
import { SummaryList, type SummaryListRow } from '../../components/summary-list';
import { Table } from '../../components/table';
import { Tag } from '../../components/tag';
import { formatDate, formatDateTime } from '../../lib/dates';
import { overdueTag, recommendationTitle } from '../../lib/labels';
import { paths } from '../../lib/paths';
import { usePageTitle } from '../../lib/use-page-title';
import { DueDate, RagTag, StatusTags, isOverdue } from '../../components/action-cards';
import { ReviewThreads } from '../../features/reviews/components/review-threads';
import { useEvidence, useProgressUpdates } from '../../features/actions/api';
import { AddEvidenceLink, EvidenceList } from '../../features/actions/components/evidence-list';
import { PostUpdate } from '../../features/actions/components/post-update';
import { ProgressTimeline } from '../../features/actions/components/progress-timeline';
import { useActionContext } from '../../features/actions/components/use-action-context';
import { type NoticeState } from '../../lib/notice';
import { useActions } from '../../lib/queries/actions';

type DueDateChange = Action['dueDateHistory'][number];

export function ActionPage() {
  const { actionId = '' } = useParams();
  const { ready, queries } = useActionContext(actionId);
  const { state } = useLocation() as { state: NoticeState | null };
  const navigate = useNavigate();
  usePageTitle(ready?.action.title);
  // A notice from the page before (for example "Evidence added") is out of date once the
  // person does something else here.
  const clearNotice = () => {
    if (state?.notice) navigate('.', { replace: true, state: null });
  };

  if (!ready) return <QueryState queries={queries} what="action" />;
  const { action, recommendation, allowed } = ready;

  return (
    <>
      <BackLink to={paths.recommendation(recommendation.id)}>Back to the recommendation</BackLink>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          {state?.notice ? (
            <NotificationBanner type="success" heading={state.notice}>
              {state.detail ? <p className="govuk-body">{state.detail}</p> : null}
            </NotificationBanner>
          ) : null}
          <span className="govuk-caption-l">{recommendationTitle(recommendation)}</span>
          <h1 className="govuk-heading-l">{action.title}</h1>
          <p className="govuk-body app-tag-list" data-testid="action-tags">
            <span className="govuk-visually-hidden">Status: </span>
            <StatusTags action={action} /> <RagTag action={action} />
            {isOverdue(action) ? <Tag label={overdueTag} /> : null}
          </p>
          <ActionDetails
            action={action}
            canChange={allowed.change}
            unitLocked={!allowed.moveUnit}
          />
          {allowed.change ? (
            <p className="govuk-body">
              <Link className="govuk-link" to={paths.editAction(action.id)}>
                Change this action
              </Link>
            </p>
          ) : (
            <p className="govuk-body">
              You can read this action. {action.owningUnit.name} and the action&rsquo;s lead keep it
              up to date.
            </p>
          )}
          <ReviewThreads inspectionId={action.inspectionId} subjectId={action.id} />
          {action.dueDateHistory.length > 0 ? <DueDateHistory action={action} /> : null}
          <EvidenceSection action={action} canChange={allowed.addEvidence} />
          <ProgressSection
            action={action}
            canPost={allowed.addProgress}
            lead={allowed.verify}
            onPosted={clearNotice}
          />
        </div>
      </div>
    </>
  );
}

function ActionDetails({
  action,
  canChange,
  unitLocked,
}: {
  action: Action;
  canChange: boolean;
  unitLocked: boolean;
}) {
  const others = useActions({ inspectionId: action.inspectionId });
  const titles = new Map((others.data ?? []).map((other) => [other.id, other]));
  const change = (what: string) =>
    canChange ? { action: { to: paths.editAction(action.id), visuallyHiddenText: what } } : {};
  const rows: SummaryListRow[] = [
    { key: 'Description', value: action.description ?? 'Not given', ...change('description') },
    {
      key: 'Owning unit',
      value: action.owningUnit.name,
      ...(unitLocked ? {} : change('owning unit')),
    },
    {
      key: 'Owner',
      value: action.owner
        ? `${action.owner.name}${action.owner.disabled ? ' (account disabled: no owner)' : ''}${action.ownerRole ? `, ${action.ownerRole}` : ''}`
        : action.ownerRole
          ? `No named owner (${action.ownerRole})`
          : 'No named owner',
      ...change('owner'),
    },
    {
      key: 'Start date',
      value: action.startDate ? formatDate(action.startDate) : 'Not set',
      ...change('start date'),
    },
    { key: 'Due date', value: <DueDate action={action} />, ...change('due date') },
    {
      key: 'Success measure',
      value: action.successMeasure ?? 'Not given',
      ...change('success measure'),
    },
    { key: 'Progress', value: `${action.percentComplete}% complete` },
    {
      key: 'RAG rating',
      value: (
        <>
          <RagTag action={action} />
          {action.ragOverride ? (
            <>
              <br />
              <span className="govuk-body-s">Reason: {action.ragOverride.reason}</span>
            </>
          ) : null}
        </>
      ),
    },
    {
      key: 'Depends on',
      value:
        action.dependsOn.length === 0 ? (
          'Nothing'
        ) : (
          <ul className="govuk-list">
            {action.dependsOn.map((id) => {
              const other = titles.get(id);
              return (
                <li key={id}>
                  <Link className="govuk-link" to={paths.action(id)}>
                    {other?.title ?? 'Another action'}
                  </Link>
                  {other ? (
                    <>
                      {' '}
                      <StatusTags action={other} />
                    </>
                  ) : null}
                </li>
              );
            })}
          </ul>
        ),
      ...change('dependencies'),
    },
  ];
  if (action.status === 'cancelled' && action.cancelReason) {
    rows.push({ key: 'Why cancelled', value: action.cancelReason });
  }
  rows.push({ key: 'Status', value: <StatusTags action={action} /> });
  rows.push({ key: 'Last changed', value: formatDateTime(action.updatedAt) });
  return <SummaryList rows={rows} />;
}

function DueDateHistory({ action }: { action: Action }) {
  return (
    <Table<DueDateChange>
      caption="Due date history"
      rows={[...action.dueDateHistory].reverse()}
      rowKey={(change) => `${change.changedAt}${change.toDate ?? ''}`}
      columns={[
        { header: 'Changed', isRowHeader: true, cell: (c) => formatDateTime(c.changedAt) },
        { header: 'From', cell: (c) => (c.fromDate ? formatDate(c.fromDate) : 'Not set') },
        { header: 'To', cell: (c) => (c.toDate ? formatDate(c.toDate) : 'Not set') },
        { header: 'Reason', cell: (c) => c.reason },
        { header: 'By', cell: (c) => c.changedBy?.name ?? 'An API client' },
      ]}
    />
  );
}

function EvidenceSection({ action, canChange }: { action: Action; canChange: boolean }) {
  const evidence = useEvidence(action.id);
  return (
    <section aria-labelledby="evidence-heading">
      <h2 className="govuk-heading-l" id="evidence-heading">
        Evidence
      </h2>
      {!evidence.isSuccess ? <QueryState queries={[evidence]} what="evidence" section /> : null}
      {evidence.isSuccess ? (
        <EvidenceList actionId={action.id} items={evidence.data.items} canRemove={canChange} />
      ) : null}
      {canChange ? <AddEvidenceLink actionId={action.id} /> : null}
    </section>
  );
}

function ProgressSection({
  action,
  canPost,
  lead,
  onPosted,
}: {
  action: Action;
  canPost: boolean;
  lead: boolean;
  onPosted: () => void;
}) {
  const updates = useProgressUpdates(action.id);
  return (
    <section aria-labelledby="progress-heading">
      <h2 className="govuk-heading-l" id="progress-heading">
        Progress
      </h2>
      {canPost ? <PostUpdate action={action} lead={lead} onPosted={onPosted} /> : null}
      <h3 className="govuk-heading-m">Progress updates, newest first</h3>
      {!updates.isSuccess ? (
        <QueryState queries={[updates]} what="progress updates" section />
      ) : null}
      {updates.isSuccess ? <ProgressTimeline updates={updates.data.items} /> : null}
    </section>
  );
}
