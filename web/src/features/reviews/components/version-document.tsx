import type {
  PlanVersion,
  PlanVersionSummary,
  VersionAction,
  VersionEvidence,
  VersionMeasure,
  VersionRecommendation,
} from '@tracker/shared';
import type { ReactNode } from 'react';

import { Quote } from '../../../components/quote';
import { SummaryCard } from '../../../components/summary-card';
import { SummaryList, type SummaryListRow } from '../../../components/summary-list';
import { Tag } from '../../../components/tag';
import { formatDate, formatDateTime } from '../../../lib/dates';
import { formatBytes, formatValue } from '../../../lib/format';
import {
  nationalLinkText,
  ownerLevelTags,
  readingGroupLines,
  recommendationStatusTags,
  responseDecisionTags,
} from '../../../lib/labels';
import { RagTag, StatusTags } from '../../../components/action-cards';
import { groupBySourcePdu } from '../../../lib/grouping';
import type { ReviewSubject } from '../review-draft';
import { versionKindNames } from '../labels';

export const recommendationLabel = (
  recommendation: Pick<VersionRecommendation, 'sourcePdu' | 'number'>,
) => `${recommendation.sourcePdu.name} recommendation ${recommendation.number}`;

/** What an inspector may give a verdict on: each recommendation, then its actions. */
export function reviewSubjects(version: PlanVersion): ReviewSubject[] {
  return version.recommendations.flatMap((recommendation) => [
    {
      kind: 'recommendation' as const,
      id: recommendation.id,
      label: recommendationLabel(recommendation),
    },
    ...recommendation.actions.map((action) => ({
      kind: 'action' as const,
      id: action.id,
      label: action.title,
    })),
  ]);
}

/** The id of a subject's place in the version, for links within the page. */
export const subjectAnchor = (kind: ReviewSubject['kind'], id: string) => `${kind}-${id}`;

export const versionTitle = (version: PlanVersionSummary) =>
  `${version.header.title}, version ${version.number}`;

/** The header in the form of HMI Probation's published action plans. */
export function VersionHeader({ version }: { version: PlanVersionSummary }) {
  const { header } = version;
  return (
    <>
      <span className="govuk-caption-l">
        Version {version.number}: {versionKindNames[version.kind].toLowerCase()}
      </span>
      <h1 className="govuk-heading-l">{header.title}</h1>
      <p className="govuk-body-l">{header.subtitle}</p>
      <p className="govuk-body govuk-!-margin-bottom-1">
        Action plan submitted: {formatDate(header.submittedOn)}
      </p>
      <p className="govuk-body">Submitted by: {header.submittedBy}</p>
      {version.note ? (
        <>
          <h2 className="govuk-heading-m">Covering note</h2>
          <p className="govuk-body app-preserve-lines">{version.note}</p>
        </>
      ) : null}
    </>
  );
}

/**
 * The frozen plan, recommendation by recommendation. `verdict` draws what belongs beside each
 * subject: the inspector's verdict controls, or the verdict given and its thread.
 */
export function VersionDocument({
  version,
  verdict,
  after,
}: {
  version: PlanVersion;
  verdict: (subject: ReviewSubject) => ReactNode;
  /** What closes each recommendation's section, e.g. a way back to the contents. */
  after?: (recommendation: VersionRecommendation) => ReactNode;
}) {
  // The version keeps the letter's order, so the PDUs come in the order they are met.
  return groupBySourcePdu(version.recommendations).map((group) => (
    <section key={group.pdu.id} aria-labelledby={`pdu-${group.pdu.id}`}>
      <h2 className="govuk-heading-l" id={`pdu-${group.pdu.id}`}>
        {group.pdu.name}
      </h2>
      {group.recommendations.map((recommendation) => (
        <RecommendationSection
          key={recommendation.id}
          recommendation={recommendation}
          verdict={verdict}
          after={after}
        />
      ))}
    </section>
  ));
}

function RecommendationSection({
  recommendation,
  verdict,
  after,
}: {
  recommendation: VersionRecommendation;
  verdict: (subject: ReviewSubject) => ReactNode;
  after: ((recommendation: VersionRecommendation) => ReactNode) | undefined;
}) {
  const label = recommendationLabel(recommendation);
  const headingId = subjectAnchor('recommendation', recommendation.id);
  return (
    <section aria-labelledby={headingId} data-testid="version-recommendation">
      <h3 className="govuk-heading-m" id={headingId}>
        {label}
      </h3>
      <Quote>
        <p className="govuk-body">{recommendation.text}</p>
      </Quote>
      <SummaryList rows={recommendationRows(recommendation)} />
      {/* The recommendation is judged first: its actions serve it, and a verdict on them is optional. */}
      {verdict({ kind: 'recommendation', id: recommendation.id, label })}
      {recommendation.actions.length === 0 ? (
        <p className="govuk-body">No actions.</p>
      ) : (
        recommendation.actions.map((action) => (
          <ActionCard key={action.id} action={action}>
            {verdict({ kind: 'action', id: action.id, label: action.title })}
          </ActionCard>
        ))
      )}
      {recommendation.outcomeMeasures.map((measure) => (
        <MeasureCard key={measure.id} measure={measure} />
      ))}
      {after?.(recommendation)}
      <hr className="govuk-section-break govuk-section-break--l govuk-section-break--visible" />
    </section>
  );
}

function recommendationRows(recommendation: VersionRecommendation): SummaryListRow[] {
  const { response } = recommendation;
  const rows: SummaryListRow[] = [
    { key: 'Owner level', value: <Tag label={ownerLevelTags[recommendation.ownerLevel]} /> },
    { key: 'Owning unit', value: recommendation.owningUnit.name },
    { key: 'Status', value: <Tag label={recommendationStatusTags[recommendation.status]} /> },
    {
      key: 'Response',
      value: response ? <Tag label={responseDecisionTags[response.decision]} /> : 'No response',
    },
  ];
  if (response?.addressedBy) rows.push({ key: 'Addressed by', value: response.addressedBy.label });
  for (const link of recommendation.nationalLinks ?? [])
    rows.push({ key: 'Tracked nationally', value: nationalLinkText(link) });
  if (response?.acceptedPart) rows.push({ key: 'Part accepted', value: response.acceptedPart });
  if (response?.rationale) {
    rows.push({
      key: 'Rationale',
      value: <span className="app-preserve-lines">{response.rationale}</span>,
    });
  }
  if (recommendation.closingNote)
    rows.push({ key: 'Closing note', value: recommendation.closingNote });
  if (recommendation.unmetMeasuresReason)
    rows.push({
      key: 'Closed with outcome measures not met',
      value: recommendation.unmetMeasuresReason,
    });
  return rows;
}

function ActionCard({ action, children }: { action: VersionAction; children: ReactNode }) {
  const rows: SummaryListRow[] = [
    {
      key: 'Owner',
      value: action.owner
        ? `${action.owner.name}${action.ownerRole ? `, ${action.ownerRole}` : ''}`
        : (action.ownerRole ?? 'No named owner'),
    },
    { key: 'Owning unit', value: action.owningUnit.name },
    { key: 'Start date', value: action.startDate ? formatDate(action.startDate) : 'Not set' },
    { key: 'Due date', value: <DueDateWithHistory action={action} /> },
    { key: 'Success measure', value: action.successMeasure ?? 'Not given' },
    { key: 'Status', value: <StatusTags action={action} /> },
    { key: 'RAG rating', value: <RagTag action={action} /> },
    { key: 'Progress', value: `${action.percentComplete}% complete` },
    { key: 'Evidence', value: <EvidenceItems items={action.evidence} /> },
  ];
  if (action.description) rows.splice(0, 0, { key: 'Description', value: action.description });
  if (action.status === 'cancelled' && action.cancelReason) {
    rows.push({ key: 'Why cancelled', value: action.cancelReason });
  }
  return (
    <div id={subjectAnchor('action', action.id)}>
      <SummaryCard
        title={`Action: ${action.title}`}
        headingLevel={4}
        rows={rows}
        testId="version-action"
      >
        {children}
      </SummaryCard>
    </div>
  );
}

function DueDateWithHistory({ action }: { action: VersionAction }) {
  if (action.dueDateHistory.length === 0) {
    return <>{action.dueDate ? formatDate(action.dueDate) : 'Not set'}</>;
  }
  const describe = (date: string | null) => (date ? formatDate(date) : 'not set');
  return (
    <>
      {action.dueDate ? formatDate(action.dueDate) : 'Not set'}
      <ul className="govuk-list govuk-body-s govuk-!-margin-top-2 govuk-!-margin-bottom-0">
        {action.dueDateHistory.map((change) => (
          <li key={change.changedAt}>
            Moved from {describe(change.fromDate)} to {describe(change.toDate)} on{' '}
            {formatDateTime(change.changedAt)}
            {change.changedBy ? ` by ${change.changedBy.name}` : ''}: {change.reason}
          </li>
        ))}
      </ul>
    </>
  );
}

function EvidenceItems({ items }: { items: VersionEvidence[] }) {
  if (items.length === 0) return <>None</>;
  return (
    <ul className="govuk-list govuk-list--spaced">
      {items.map((item) => (
        <li key={item.id} data-testid="version-evidence">
          <EvidenceItem item={item} />
          <br />
          <span className="govuk-body-s">
            Added {formatDateTime(item.addedAt)} by {item.addedBy?.name ?? 'an API client'}
          </span>
        </li>
      ))}
    </ul>
  );
}

function EvidenceItem({ item }: { item: VersionEvidence }) {
  if (item.kind === 'file' && item.downloadUrl) {
    return (
      <>
        <a className="govuk-link" href={item.downloadUrl} download={item.fileName ?? true}>
          Download {item.fileName ?? 'the file'}
          <span className="govuk-visually-hidden"> ({item.title})</span>
        </a>
        <br />
        <span className="govuk-body-s">
          {item.title}
          {item.sizeBytes !== null ? `, ${formatBytes(item.sizeBytes)}` : ''}
          {item.sha256 ? (
            <>
              {'. SHA-256: '}
              <span className="app-break-anywhere">{item.sha256}</span>
            </>
          ) : null}
        </span>
      </>
    );
  }
  if (item.kind === 'link' && item.url) {
    return (
      <>
        {item.title}:{' '}
        <a className="govuk-link app-break-anywhere" href={item.url} rel="noopener noreferrer">
          {item.url}
        </a>
      </>
    );
  }
  return (
    <>
      {item.title}: <span className="app-preserve-lines">{item.note ?? ''}</span>
    </>
  );
}

function MeasureCard({ measure }: { measure: VersionMeasure }) {
  const latest = measure.latestReading;
  return (
    <SummaryCard
      title={`Outcome measure: ${measure.name}`}
      headingLevel={4}
      rows={[
        {
          key: 'Baseline',
          value: `${formatValue(measure.baseline.value, measure.unit)} (${measure.baseline.period})`,
        },
        {
          key: 'Target',
          value: measure.target
            ? `${formatValue(measure.target.value, measure.unit)}${measure.target.date ? ` by ${formatDate(measure.target.date)}` : ''}`
            : 'Not set',
        },
        {
          key: 'Latest reading',
          value: latest
            ? `${formatValue(latest.value, measure.unit)} on ${formatDate(latest.readingDate)}`
            : 'None recorded',
        },
        ...(measure.readings.length > 0
          ? [{ key: 'Readings', value: <ReadingList measure={measure} /> }]
          : []),
        {
          key: 'Target met',
          value: measure.target ? (measure.met ? 'Yes' : 'Not yet') : 'No target set',
        },
      ]}
    />
  );
}

/** Every reading as sent, newest first, each with its split by protected characteristic. */
function ReadingList({ measure }: { measure: VersionMeasure }) {
  return (
    <ul className="govuk-list">
      {[...measure.readings].reverse().map((reading) => (
        <li key={reading.id}>
          {`${formatDate(reading.readingDate)}: ${formatValue(reading.value, measure.unit)}`}
          {(reading.breakdown ?? []).length > 0 ? (
            <ul className="govuk-list govuk-body-s govuk-!-margin-left-4">
              {readingGroupLines(reading.breakdown ?? []).map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
