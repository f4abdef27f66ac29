import type { PlanVersionSummary } from '@tracker/shared';
import { Link } from 'react-router';

import { Table } from '../../../components/table';
import { Tag } from '../../../components/tag';
import { paths } from '../../../lib/paths';
import { formatDayOf } from './field-words';
import { awaitingReviewTag, reviewDecisionTags, versionKindNames } from '../rules';

function Review({ version }: { version: PlanVersionSummary }) {
  const { review } = version;
  if (!review) return <Tag label={awaitingReviewTag} />;
  return (
    <>
      <Tag label={reviewDecisionTags[review.decision]} />
      <br />
      <span className="govuk-body-s">
        {formatDayOf(review.reviewedAt)}
        {review.reviewedBy ? ` by ${review.reviewedBy.name}` : ''}
      </span>
    </>
  );
}

function ChangesFromPrevious({ version }: { version: PlanVersionSummary }) {
  if (version.number === 1) return <>The first version</>;
  const previous = version.number - 1;
  return (
    <Link className="govuk-link" to={paths.planDiff(version.planId, previous, version.number)}>
      Changes since version {previous}
      <span className="govuk-visually-hidden"> in version {version.number}</span>
    </Link>
  );
}

/** The plan's versions, newest first, each with its review and a link to what it changed. */
export function VersionsTable({ versions }: { versions: PlanVersionSummary[] }) {
  return (
    <Table<PlanVersionSummary>
      caption="Versions sent to the inspectorate"
      rows={versions}
      rowKey={(version) => String(version.number)}
      columns={[
        {
          header: 'Version',
          isRowHeader: true,
          cell: (version) => (
            <Link
              className="govuk-link app-nowrap"
              to={paths.planVersion(version.planId, version.number)}
            >
              Version {version.number}
            </Link>
          ),
        },
        { header: 'Kind', cell: (version) => versionKindNames[version.kind] },
        {
          header: 'Sent',
          cell: (version) => (
            <>
              {formatDayOf(version.submittedAt)}
              <br />
              <span className="govuk-body-s">by {version.header.submittedBy}</span>
            </>
          ),
        },
        { header: 'Review', cell: (version) => <Review version={version} /> },
        { header: 'Changes', cell: (version) => <ChangesFromPrevious version={version} /> },
      ]}
    />
  );
}
