import { type Recommendation, type RecommendationLink, linkRelationWords } from '@tracker/shared';
import { useState } from 'react';
import { Link } from 'react-router';

import { QueryState } from '../../../components/query-state';
import { Tag } from '../../../components/tag';
import { ApiError } from '../../../lib/api-client';
import { recommendationStatusTags } from '../../../lib/labels';
import { paths } from '../../../lib/paths';
import { useDeleteLink, useRecommendationLinks } from '../api';

/** "Repeats Wigan 8", "Addressed by Tameside 9", read from the recommendation on the page. */
export function linkWords(link: RecommendationLink): string {
  const words = linkRelationWords[link.relation][link.direction];
  return link.other.hidden
    ? `${words} a recommendation in another region`
    : `${words} ${link.other.label}`;
}

/**
 * How this recommendation relates to others, in this letter or another, and each one's live
 * status: an HMPPS recommendation repeated in letter after letter is tracked once, by the
 * national lead, and followed here.
 */
export function LinkedRecommendations({ recommendation }: { recommendation: Recommendation }) {
  const links = useRecommendationLinks(recommendation.id);
  const remove = useDeleteLink();
  const [failure, setFailure] = useState<string | null>(null);

  const removeLink = async (link: RecommendationLink) => {
    setFailure(null);
    try {
      await remove.mutateAsync(link.id);
    } catch (error) {
      setFailure(error instanceof ApiError ? error.detail : 'The link could not be removed.');
    }
  };

  return (
    <section aria-labelledby="links-heading">
      <h2 className="govuk-heading-l" id="links-heading">
        Linked recommendations
      </h2>
      {failure ? (
        <div className="govuk-error-message" role="alert">
          <span className="govuk-visually-hidden">Error:</span> {failure}
        </div>
      ) : null}
      {!links.isSuccess ? (
        <QueryState queries={[links]} what="linked recommendations" section />
      ) : null}
      {links.isSuccess && links.data.items.length === 0 ? (
        <p className="govuk-body">This recommendation is not linked to any other.</p>
      ) : null}
      {links.isSuccess && links.data.items.length > 0 ? (
        <table className="govuk-table" data-testid="linked-recommendations">
          <caption className="govuk-table__caption govuk-visually-hidden">
            Recommendations linked to this one
          </caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">
                Link
              </th>
              <th scope="col" className="govuk-table__header">
                Where
              </th>
              <th scope="col" className="govuk-table__header">
                Status
              </th>
              <th scope="col" className="govuk-table__header">
                <span className="govuk-visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {links.data.items.map((link) => (
              <LinkRow
                key={link.id}
                link={link}
                busy={remove.isPending}
                onRemove={() => void removeLink(link)}
              />
            ))}
          </tbody>
        </table>
      ) : null}
      {recommendation.allowed.link ? (
        <p className="govuk-body">
          <Link
            className="govuk-button govuk-button--secondary"
            data-module="govuk-button"
            to={paths.linkRecommendation(recommendation.id)}
          >
            Link to another recommendation
          </Link>
        </p>
      ) : null}
    </section>
  );
}

function LinkRow({
  link,
  busy,
  onRemove,
}: {
  link: RecommendationLink;
  busy: boolean;
  onRemove: () => void;
}) {
  const words = linkWords(link);
  const { other } = link;
  return (
    <tr className="govuk-table__row">
      <td className="govuk-table__cell">
        {other.hidden || !other.canOpen ? (
          words
        ) : (
          <>
            {linkRelationWords[link.relation][link.direction]}{' '}
            <Link className="govuk-link" to={paths.recommendation(other.id)}>
              {other.label}
            </Link>
          </>
        )}
        {link.note ? <p className="govuk-body-s govuk-!-margin-bottom-0">{link.note}</p> : null}
      </td>
      <td className="govuk-table__cell">
        {other.hidden ? '' : `${other.inspection.title} (${other.region.name})`}
      </td>
      <td className="govuk-table__cell">
        {other.hidden ? 'Not shown' : <Tag label={recommendationStatusTags[other.status]} />}
      </td>
      <td className="govuk-table__cell">
        {link.allowed.delete ? (
          <button
            type="button"
            className="govuk-button govuk-button--warning govuk-!-margin-bottom-0"
            data-module="govuk-button"
            disabled={busy}
            onClick={onRemove}
          >
            Remove<span className="govuk-visually-hidden"> the link: {words}</span>
          </button>
        ) : null}
      </td>
    </tr>
  );
}
