import type { InspectedPdu } from '@tracker/shared';

import { SummaryList } from '../../../components/summary-list';
import { Table } from '../../../components/table';
import { Tag } from '../../../components/tag';
import { formatMonth } from '../../../lib/dates';
import { notGiven, ratingTags } from '../../../lib/labels';

type StandardRating = InspectedPdu['standards'][number];

function Rating({ value }: { value: InspectedPdu['overallRating'] }) {
  return value ? <Tag label={ratingTags[value]} /> : <>{notGiven}</>;
}

/** One inspected PDU's ratings from the letter's Annexe two. */
export function PduRatings({ inspected }: { inspected: InspectedPdu }) {
  const { pdu, score, standards } = inspected;
  return (
    <section aria-labelledby={`ratings-${pdu.id}`}>
      <h3 className="govuk-heading-m" id={`ratings-${pdu.id}`}>
        {pdu.name}
      </h3>
      <SummaryList
        rows={[
          {
            key: 'Fieldwork started',
            value: inspected.fieldworkStartMonth
              ? formatMonth(inspected.fieldworkStartMonth)
              : notGiven,
          },
          { key: 'Overall rating', value: <Rating value={inspected.overallRating} /> },
          { key: 'Score', value: score ? `${score.achieved} out of ${score.max}` : notGiven },
        ]}
      />
      {standards.length === 0 ? (
        <p className="govuk-body">The letter gives no ratings by standard for {pdu.name}.</p>
      ) : (
        <Table<StandardRating>
          caption={`${pdu.name}: ratings by standard`}
          captionSize="s"
          rows={standards}
          rowKey={(standard) => standard.code}
          // Two columns, not three: code and name share the row header so the table fits a
          // phone screen without clipping the rating (WCAG 1.4.10 reflow).
          columns={[
            {
              header: 'Standard',
              cell: (standard) => `${standard.code} ${standard.name}`,
              isRowHeader: true,
            },
            { header: 'Rating', cell: (standard) => <Rating value={standard.rating} /> },
          ]}
        />
      )}
    </section>
  );
}
