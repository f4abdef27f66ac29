import type { AuditEvent } from '@tracker/shared';
import { useState, type FormEvent } from 'react';
import { Link, useLocation, useSearchParams } from 'react-router';

import { ErrorSummary } from '../../../components/error-summary';
import {
  DateInput,
  TextInput,
  datePartsFrom,
  isoDateFrom,
  type DateParts,
} from '../../../components/form-fields';
import { QueryState } from '../../../components/query-state';
import { CursorPagination } from '../../../components/pagination';
import { Table } from '../../../components/table';
import { isApiError } from '../../../lib/api-client';
import { formatDateTime } from '../../../lib/dates';
import { apiErrors, summaryItems, type FieldErrors } from '../../../lib/form-errors';
import { paths } from '../../../lib/paths';
import { usePageTitle } from '../../../lib/use-page-title';
import { useAuditEvents, type AuditFilters } from '../api';

const pageTitle = 'Audit trail';
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const fieldOrder = [
  { name: 'subjectType' },
  { name: 'subjectId' },
  { name: 'actor' },
  { name: 'actorId' },
  { name: 'from', href: '#from-day' },
  { name: 'to', href: '#to-day' },
];
const fieldLabels = {
  subjectType: 'Subject type',
  subjectId: 'Subject ID',
  actor: 'Who made the change',
  actorId: 'Who (user or API client ID)',
  from: 'From',
  to: 'To',
};

function filtersFrom(params: URLSearchParams): AuditFilters {
  const value = (key: string) => params.get(key)?.trim() || undefined;
  return {
    subjectType: value('subjectType'),
    subjectId: value('subjectId'),
    actorId: value('actorId'),
    actor: value('actor'),
    from: value('from'),
    to: value('to'),
    cursor: value('cursor'),
  };
}

/** "action_plan.submitted" -> "Action plan submitted"; "api" is written "API". */
export function humanise(name: string): string {
  const words = name
    .replace(/[._-]+/g, ' ')
    .trim()
    .replace(/\bapi\b/gi, 'API');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The server's names for what happened, in words; others are read from the name itself. */
const actionNames: Partial<Record<string, string>> = {
  'access.refused': 'Refused access',
  'action.reassigned': 'Action given to someone else',
  'api_client.created': 'API client created',
  'api_client.revoked': 'API client revoked',
  'auth.signed_in': 'Signed in',
  'auth.signed_out': 'Signed out',
  'auth.signin_failed': 'Sign-in failed',
  'auth.signin_throttled': 'Sign-in refused: too many failed attempts',
  'auth.sso_refused': 'Sign-in with an organisation account refused',
  'inspection.loaded': 'Inspection loaded',
  'org_unit.created': 'Organisation unit added',
  'org_unit.updated': 'Organisation unit changed',
  'user.account_requested': 'Account asked for through single sign-on',
  'user.approved': 'Account request approved',
  'user.refused': 'Account request refused',
  'user.created': 'User created',
  'user.disabled': 'User disabled',
  'user.enabled': 'User enabled',
  'user.password_changed': 'Password changed',
  'user.password_reset': 'Password reset',
  'user.password_set': 'Password set',
  'user.updated': 'User details changed',
};

const actionName = (action: string) => actionNames[action] ?? humanise(action);

export function AuditPage() {
  const [searchParams] = useSearchParams();
  const filters = filtersFrom(searchParams);
  const events = useAuditEvents(filters);
  const location = useLocation();

  // The server may refuse a filter (a malformed id, say): show it against its field.
  const serverErrors =
    events.isError && isApiError(events.error) && events.error.status === 400
      ? apiErrors(events.error, fieldLabels)
      : null;

  const withoutCursor: AuditFilters = { ...filters, cursor: undefined };
  return (
    <>
      {/* A fresh form whenever the address changes, so it always shows the filters in use. */}
      <FilterForm key={location.search} filters={filters} serverErrors={serverErrors} />
      {!events.isSuccess && !serverErrors ? (
        <QueryState queries={[events]} what="audit events" section />
      ) : null}
      {events.isSuccess ? (
        <>
          {events.data.items.length === 0 ? (
            <p className="govuk-body">No changes match these filters.</p>
          ) : (
            <Table<AuditEvent>
              className="app-audit-table"
              caption={filters.cursor ? 'Changes (continued)' : 'Changes, newest first'}
              rows={events.data.items}
              rowKey={(event) => event.id}
              columns={[
                {
                  header: 'When',
                  isRowHeader: true,
                  cell: (event) => formatDateTime(event.occurredAt),
                },
                { header: 'Who', cell: (event) => <Actor event={event} /> },
                { header: 'What', cell: (event) => <What event={event} /> },
                { header: 'Subject', cell: (event) => <Subject event={event} /> },
              ]}
            />
          )}
          <CursorPagination
            nextTo={
              events.data.nextCursor
                ? paths.audit({ ...withoutCursor, cursor: events.data.nextCursor })
                : null
            }
            firstTo={filters.cursor ? paths.audit(withoutCursor) : null}
          />
        </>
      ) : null}
    </>
  );
}

function Actor({ event }: { event: AuditEvent }) {
  const { actor } = event;
  const kind = actor.type === 'api_client' ? ' (API client)' : '';
  const label = actor.label.charAt(0).toUpperCase() + actor.label.slice(1);
  if (!actor.id) return <>{label}</>;
  return (
    <>
      {label}
      {kind}
      <br />
      <Link className="govuk-link govuk-body-s" to={paths.audit({ actorId: actor.id })}>
        Their changes<span className="govuk-visually-hidden"> ({actor.label})</span>
      </Link>
    </>
  );
}

function What({ event }: { event: AuditEvent }) {
  const hasChanges =
    (event.before !== null && event.before !== undefined) ||
    (event.after !== null && event.after !== undefined);
  return (
    <>
      {actionName(event.action)}
      {hasChanges ? (
        <details className="govuk-details govuk-!-margin-top-2 govuk-!-margin-bottom-0">
          <summary className="govuk-details__summary">
            <span className="govuk-details__summary-text">Before and after</span>
          </summary>
          <div className="govuk-details__text">
            {event.before !== null && event.before !== undefined ? (
              <>
                <h3 className="govuk-heading-s govuk-!-margin-bottom-1">Before</h3>
                <pre className="app-json">{JSON.stringify(event.before, null, 2)}</pre>
              </>
            ) : null}
            {event.after !== null && event.after !== undefined ? (
              <>
                <h3 className="govuk-heading-s govuk-!-margin-bottom-1 govuk-!-margin-top-2">
                  After
                </h3>
                <pre className="app-json">{JSON.stringify(event.after, null, 2)}</pre>
              </>
            ) : null}
          </div>
        </details>
      ) : null}
    </>
  );
}

function Subject({ event }: { event: AuditEvent }) {
  const { subject } = event;
  const type = humanise(subject.type);
  if (!subject.id) return <>{type}</>;
  return (
    <>
      {type}
      <br />
      <Link
        className="govuk-link govuk-body-s"
        to={paths.audit({ subjectType: subject.type, subjectId: subject.id })}
      >
        Its history<span className="govuk-visually-hidden"> ({type.toLowerCase()})</span>
      </Link>
    </>
  );
}

function FilterForm({
  filters,
  serverErrors,
}: {
  filters: AuditFilters;
  serverErrors: { fields: FieldErrors; other: string[] } | null;
}) {
  const [, setSearchParams] = useSearchParams();
  const [subjectType, setSubjectType] = useState(filters.subjectType ?? '');
  const [subjectId, setSubjectId] = useState(filters.subjectId ?? '');
  const [actor, setActor] = useState(filters.actor ?? '');
  const [from, setFrom] = useState<DateParts>(datePartsFrom(filters.from));
  const [to, setTo] = useState<DateParts>(datePartsFrom(filters.to));
  const [localErrors, setLocalErrors] = useState<FieldErrors | null>(null);
  const [attempt, setAttempt] = useState(0);

  const fieldErrors = localErrors ?? serverErrors?.fields ?? {};
  const items = summaryItems(fieldErrors, fieldOrder, localErrors ? [] : serverErrors?.other);
  usePageTitle(pageTitle, items.length > 0);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const errors: FieldErrors = {};
    if (subjectId.trim() && !uuidPattern.test(subjectId.trim())) {
      errors.subjectId =
        'Enter a subject ID in the correct format, like 6f1c2d3e-0000-4000-8000-000000000000';
    }
    const fromDate = isoDateFrom(from);
    const toDate = isoDateFrom(to);
    if (fromDate === null) errors.from = 'From must be a real date, like 27 3 2026';
    if (toDate === null) errors.to = 'To must be a real date, like 27 3 2026';
    if (fromDate && toDate && fromDate > toDate) errors.to = 'To must be the same as or after from';
    if (Object.keys(errors).length > 0) {
      setLocalErrors(errors);
      setAttempt((count) => count + 1);
      return;
    }
    setLocalErrors(null);
    const next: Record<string, string> = {};
    if (subjectType.trim()) next.subjectType = subjectType.trim();
    if (subjectId.trim()) next.subjectId = subjectId.trim();
    if (actor.trim()) next.actor = actor.trim();
    // One person's changes, chosen from a link, stay chosen until cleared below the form.
    if (filters.actorId) next.actorId = filters.actorId;
    if (fromDate) next.from = fromDate;
    if (toDate) next.to = toDate;
    setSearchParams(next);
  };

  return (
    <>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          {items.length > 0 ? <ErrorSummary key={attempt} items={items} /> : null}
          <h1 className="govuk-heading-l">{pageTitle}</h1>
          <p className="govuk-body">
            Every change made in the service: who made it, when, and what it changed. Newest first.
            You see the changes in the part of the organisation you can see.
          </p>
        </div>
      </div>
      <form noValidate onSubmit={submit} aria-label="Filter the audit trail">
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-one-third">
            <TextInput
              id="subjectType"
              label={fieldLabels.subjectType}
              hint="For example, user or api_client"
              spellCheck={false}
              value={subjectType}
              onChange={setSubjectType}
              error={fieldErrors.subjectType}
            />
          </div>
          <div className="govuk-grid-column-two-thirds">
            <TextInput
              id="subjectId"
              label={fieldLabels.subjectId}
              hint="The ID of what was changed"
              spellCheck={false}
              value={subjectId}
              onChange={setSubjectId}
              error={fieldErrors.subjectId}
            />
          </div>
        </div>
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-two-thirds">
            <TextInput
              id="actor"
              label={fieldLabels.actor}
              hint="Part of a name or email address, or an API client's name"
              spellCheck={false}
              value={actor}
              onChange={setActor}
              error={fieldErrors.actor}
            />
            {filters.actorId ? (
              <p className="govuk-body">
                Showing the changes of one person or API client.{' '}
                <Link
                  className="govuk-link"
                  to={paths.audit({ ...filters, actorId: undefined, cursor: undefined })}
                >
                  Show everyone&rsquo;s changes
                </Link>
              </p>
            ) : null}
          </div>
        </div>
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-one-third">
            <DateInput
              id="from"
              legend="From"
              hint="For example, 27 3 2026"
              value={from}
              onChange={setFrom}
              error={fieldErrors.from}
            />
          </div>
          <div className="govuk-grid-column-one-third">
            <DateInput
              id="to"
              legend="To"
              hint="For example, 27 3 2026"
              value={to}
              onChange={setTo}
              error={fieldErrors.to}
            />
          </div>
        </div>
        <div className="govuk-button-group">
          <button
            type="submit"
            className="govuk-button govuk-button--secondary"
            data-module="govuk-button"
          >
            Apply filters
          </button>
          <Link className="govuk-link" to={paths.audit()}>
            Clear filters
          </Link>
        </div>
      </form>
    </>
  );
}
