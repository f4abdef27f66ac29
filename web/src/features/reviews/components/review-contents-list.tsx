import { Tag } from '../../../components/tag';
import { plural } from '../../../lib/format';
import type { ContentsGroup } from '../review-contents';
import { subjectAnchor } from './version-document';

export const contentsId = 'review-contents';

/**
 * The review's contents, by PDU then recommendation, each a jump link to its section and
 * marked reviewed or not; `changed` marks the recommendations changed since the last version.
 */
export function ReviewContentsList({
  contents,
  count,
  changed,
}: {
  contents: ContentsGroup[];
  count: string;
  changed?: ReadonlySet<string>;
}) {
  return (
    <nav className="app-contents-list" aria-labelledby={`${contentsId}-heading`} id={contentsId}>
      <h2 className="govuk-heading-m" id={`${contentsId}-heading`}>
        Contents
      </h2>
      {/* A status region: each verdict chosen anywhere on the page is announced as the count. */}
      <p className="govuk-body govuk-!-font-weight-bold" role="status" data-testid="left-to-review">
        {count}
      </p>
      {contents.map((group) => (
        <section key={group.pdu.id} aria-labelledby={`${contentsId}-${group.pdu.id}`}>
          <h3
            className="govuk-heading-s govuk-!-margin-bottom-2"
            id={`${contentsId}-${group.pdu.id}`}
          >
            {group.pdu.name}
          </h3>
          <ol className="govuk-list app-contents-list__list">
            {group.entries.map((entry) => (
              <li className="app-contents-list__item" key={entry.id} data-testid="contents-entry">
                <a className="govuk-link" href={`#${subjectAnchor('recommendation', entry.id)}`}>
                  <span className="govuk-visually-hidden">{group.pdu.name} </span>
                  {entry.label}
                </a>{' '}
                <Tag
                  label={
                    entry.reviewed
                      ? { text: 'Reviewed', colour: 'green' }
                      : { text: 'Not reviewed', colour: 'grey' }
                  }
                  className="govuk-!-margin-left-1"
                />
                {changed?.has(entry.id) ? (
                  <>
                    {' '}
                    <Tag
                      label={{ text: 'Changed', colour: 'blue' }}
                      className="govuk-!-margin-left-1"
                    />
                  </>
                ) : null}
                {entry.actions > 0 ? (
                  <span className="govuk-body-s app-contents-list__meta">
                    {entry.actionsJudged} of {plural(entry.actions, 'action')} given a verdict
                  </span>
                ) : null}
              </li>
            ))}
          </ol>
        </section>
      ))}
    </nav>
  );
}
