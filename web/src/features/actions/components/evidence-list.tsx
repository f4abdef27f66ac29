import { type Evidence, evidenceTypeNames } from '@tracker/shared';
import { Link } from 'react-router';

import { SummaryCard } from '../../../components/summary-card';
import type { SummaryListRow } from '../../../components/summary-list';
import { formatDate, formatDateTime } from '../../../lib/dates';
import { formatBytes } from '../../../lib/format';
import { evidenceKindNames } from '../../../lib/labels';
import { paths } from '../../../lib/paths';

/** Looked up by the resource's plain string, which may one day hold a type this client lacks. */
const typeNames: Partial<Record<string, string>> = evidenceTypeNames;

function contentRow(item: Evidence): SummaryListRow {
  if (item.kind === 'file' && item.downloadUrl) {
    const type = item.mediaType ? (typeNames[item.mediaType] ?? item.mediaType) : 'File';
    return {
      key: 'File',
      value: (
        <>
          <a className="govuk-link" href={item.downloadUrl} download={item.fileName ?? true}>
            Download {item.fileName ?? 'the file'}
            <span className="govuk-visually-hidden"> ({item.title})</span>
          </a>
          <br />
          <span className="govuk-body-s">
            {type}, {item.sizeBytes !== null ? formatBytes(item.sizeBytes) : 'size unknown'}
          </span>
        </>
      ),
    };
  }
  if (item.kind === 'link' && item.url) {
    return {
      key: 'Link',
      value: (
        <a className="govuk-link app-break-anywhere" href={item.url} rel="noopener noreferrer">
          {item.url}
        </a>
      ),
    };
  }
  return { key: 'Note', value: <span className="app-preserve-lines">{item.note ?? ''}</span> };
}

/** The action's evidence, one card each, with downloads and (for those who may) removal. */
export function EvidenceList({
  actionId,
  items,
  canRemove,
}: {
  actionId: string;
  items: Evidence[];
  canRemove: boolean;
}) {
  if (items.length === 0) {
    return <p className="govuk-body">No evidence has been added yet.</p>;
  }
  return items.map((item) => {
    const rows: SummaryListRow[] = [
      { key: 'Kind', value: evidenceKindNames[item.kind] },
      contentRow(item),
    ];
    if (item.periodStart || item.periodEnd) {
      rows.push({
        key: 'Covers',
        value: [item.periodStart, item.periodEnd]
          .map((date) => (date ? formatDate(date) : '…'))
          .join(' to '),
      });
    }
    rows.push({
      key: 'Added',
      value: `${formatDateTime(item.addedAt)} by ${item.addedBy?.name ?? 'an API client'}`,
    });
    return (
      <SummaryCard
        key={item.id}
        testId="evidence"
        title={item.title}
        actions={
          canRemove
            ? [
                {
                  to: paths.removeEvidence(actionId, item.id),
                  text: 'Remove',
                  visuallyHiddenText: item.title,
                },
              ]
            : []
        }
        rows={rows}
      />
    );
  });
}

export function AddEvidenceLink({ actionId }: { actionId: string }) {
  return (
    <Link
      className="govuk-button govuk-button--secondary"
      data-module="govuk-button"
      to={paths.addEvidence(actionId)}
    >
      Add evidence
    </Link>
  );
}
