import type { Action } from '@tracker/shared';
import { Link } from 'react-router';

import { QueryState } from '../../components/query-state';
import { Table } from '../../components/table';
import { paths } from '../../lib/paths';
import { usePageTitle } from '../../lib/use-page-title';
import { CalendarFeedsSection } from '../../features/calendar/components/calendar-feeds-section';
import { DueDate, RagTag, StatusTags, isOverdue } from '../../components/action-cards';
import { useMe } from '../../lib/queries/me';
import { useActions } from '../../lib/queries/actions';

const pageTitle = 'My actions';

export function MyActionsPage() {
  const me = useMe();
  const actions = useActions({ ownerId: me.data?.id ?? '' }, me.isSuccess);
  usePageTitle(pageTitle);

  if (!me.isSuccess || !actions.isSuccess) {
    return <QueryState queries={[me, actions]} what="your actions" />;
  }

  const all = actions.data;
  const overdue = all.filter((action) => isOverdue(action)).length;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-full">
        <h1 className="govuk-heading-l">{pageTitle}</h1>
        {all.length === 0 ? (
          <p className="govuk-body">No actions name you as their owner.</p>
        ) : (
          <>
            <p className="govuk-body">
              {all.length === 1
                ? '1 action names you as its owner'
                : `${all.length} actions name you as their owner`}
              {overdue > 0 ? `; ${overdue} ${overdue === 1 ? 'is' : 'are'} overdue` : ''}. Soonest
              due first.
            </p>
            <Table<Action>
              caption="Actions you own"
              rows={all}
              rowKey={(action) => action.id}
              columns={[
                {
                  header: 'Action',
                  isRowHeader: true,
                  cell: (action) => (
                    <>
                      <Link className="govuk-link" to={paths.action(action.id)}>
                        {action.title}
                      </Link>
                      <br />
                      <span className="govuk-body-s">{action.owningUnit.name}</span>
                    </>
                  ),
                },
                { header: 'Due date', cell: (action) => <DueDate action={action} /> },
                { header: 'RAG rating', cell: (action) => <RagTag action={action} /> },
                { header: 'Status', cell: (action) => <StatusTags action={action} /> },
                {
                  header: 'Progress',
                  numeric: true,
                  cell: (action) => `${action.percentComplete}%`,
                },
              ]}
            />
          </>
        )}
        <CalendarFeedsSection />
      </div>
    </div>
  );
}
