import type { ReactNode } from 'react';
import { Link } from 'react-router';

export interface TaskListItem {
  id: string;
  /** The link's words. */
  name: ReactNode;
  to: string;
  hint?: ReactNode;
  /** Usually a tag; for something done GOV.UK shows plain text. */
  status: ReactNode;
}

/**
 * The GOV.UK task list: each task a link, with a hint and its status at the end of the row.
 * The link is described by the hint and the status, so both are read with it.
 */
export function TaskList({ items, idPrefix }: { items: TaskListItem[]; idPrefix: string }) {
  return (
    <ul className="govuk-task-list">
      {items.map((item) => {
        const hintId = item.hint ? `${idPrefix}-${item.id}-hint` : null;
        const statusId = `${idPrefix}-${item.id}-status`;
        return (
          <li
            className="govuk-task-list__item govuk-task-list__item--with-link"
            key={item.id}
            data-testid="task"
          >
            <div className="govuk-task-list__name-and-hint">
              <Link
                className="govuk-link govuk-task-list__link"
                to={item.to}
                aria-describedby={[hintId, statusId].filter(Boolean).join(' ')}
              >
                {item.name}
              </Link>
              {hintId ? (
                <div id={hintId} className="govuk-task-list__hint">
                  {item.hint}
                </div>
              ) : null}
            </div>
            <div className="govuk-task-list__status" id={statusId}>
              {item.status}
            </div>
          </li>
        );
      })}
    </ul>
  );
}
