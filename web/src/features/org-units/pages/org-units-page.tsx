import type { OrgUnit } from '@tracker/shared';
import { Link, useLocation } from 'react-router';

import { NotificationBanner } from '../../../components/notification-banner';
import { QueryState } from '../../../components/query-state';
import { Table, type TableColumn } from '../../../components/table';
import { Tag } from '../../../components/tag';
import { useOrgUnits } from '../../../lib/org-units';
import { paths } from '../../../lib/paths';
import { usePageTitle } from '../../../lib/use-page-title';

const pageTitle = 'Organisation units';

export interface OrgUnitsPageState {
  notice?: string;
}

const byName = (a: OrgUnit, b: OrgUnit) => a.name.localeCompare(b.name, 'en-GB');

function StatusTag({ unit }: { unit: OrgUnit }) {
  return unit.retiredAt ? (
    <Tag label={{ text: 'Retired', colour: 'grey' }} />
  ) : (
    <Tag label={{ text: 'In use', colour: 'green' }} />
  );
}

const pduColumns: TableColumn<OrgUnit>[] = [
  { header: 'Name', isRowHeader: true, cell: (unit) => unit.name },
  { header: 'Code', cell: (unit) => <code>{unit.code}</code> },
  { header: 'Status', cell: (unit) => <StatusTag unit={unit} /> },
  {
    header: 'Change',
    headerHidden: true,
    cell: (unit) => (
      <Link className="govuk-link" to={paths.orgUnit(unit.id)}>
        Change<span className="govuk-visually-hidden"> {unit.name}</span>
      </Link>
    ),
  },
];

/**
 * Administrators' view of the tree: each region with its PDUs. Units are retired, never
 * deleted, so retired ones stay listed with their history.
 */
export function OrgUnitsPage() {
  const units = useOrgUnits();
  const location = useLocation();
  const notice = (location.state as OrgUnitsPageState | null)?.notice;
  usePageTitle(units.isError ? undefined : pageTitle);
  if (!units.isSuccess) return <QueryState queries={[units]} what="organisation units" />;

  const regions = units.data.filter((unit) => unit.type === 'region').sort(byName);
  const pdusOf = (region: OrgUnit) =>
    units.data.filter((unit) => unit.parentId === region.id).sort(byName);
  const national = units.data.filter(
    (unit) => unit.type === 'hmpps' || unit.type === 'inspectorate',
  );

  return (
    <>
      {notice ? <NotificationBanner heading={notice} type="success" /> : null}
      <h1 className="govuk-heading-l">{pageTitle}</h1>
      <p className="govuk-body">
        Regions sit under {national.find((unit) => unit.type === 'hmpps')?.name ?? 'HMPPS'}, and
        probation delivery units (PDUs) under their region. People, API clients and actions belong
        to a unit, and see what their unit&rsquo;s place in the tree lets them see. A unit is never
        deleted: retire it once nothing is left in it.
      </p>
      <div className="govuk-button-group">
        <Link className="govuk-button" data-module="govuk-button" to={paths.newOrgUnit('region')}>
          Add a region
        </Link>
        <Link
          className="govuk-button govuk-button--secondary"
          data-module="govuk-button"
          to={paths.newOrgUnit('pdu')}
        >
          Add a PDU
        </Link>
        <Link className="govuk-link" to={paths.importOrgUnits}>
          Load units from a spreadsheet
        </Link>
      </div>
      {regions.length === 0 ? <p className="govuk-body">There are no regions yet.</p> : null}
      {regions.map((region) => (
        <section key={region.id} aria-labelledby={`region-${region.id}`}>
          <h2 className="govuk-heading-m" id={`region-${region.id}`}>
            {region.name}{' '}
            {region.retiredAt ? <Tag label={{ text: 'Retired', colour: 'grey' }} /> : null}
          </h2>
          <p className="govuk-body">
            Code <code>{region.code}</code>.{' '}
            <Link className="govuk-link" to={paths.orgUnit(region.id)}>
              Change<span className="govuk-visually-hidden"> {region.name}</span>
            </Link>
            {region.retiredAt ? null : (
              <>
                {' '}
                &middot;{' '}
                <Link className="govuk-link" to={paths.newOrgUnit('pdu', region.id)}>
                  Add a PDU<span className="govuk-visually-hidden"> to {region.name}</span>
                </Link>
              </>
            )}
          </p>
          {pdusOf(region).length === 0 ? (
            <p className="govuk-body">No PDUs yet.</p>
          ) : (
            <Table
              caption={`PDUs in ${region.name}`}
              captionSize="s"
              columns={pduColumns}
              rows={pdusOf(region)}
              rowKey={(unit) => unit.id}
            />
          )}
        </section>
      ))}
      <h2 className="govuk-heading-m">National units</h2>
      <p className="govuk-body">
        {national
          .sort(byName)
          .map((unit) => unit.name)
          .join(' and ')}
        . These are not changed here.
      </p>
    </>
  );
}
