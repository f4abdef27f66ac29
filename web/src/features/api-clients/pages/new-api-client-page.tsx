import {
  apiClientDefaultLifetimeDays,
  apiClientMaxLifetimeDays,
  apiPermissions,
  type ApiPermission,
  type CreatedApiClient,
} from '@tracker/shared';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';

import { CopyButton } from '../../../components/copy-button';
import { FormPage } from '../../../components/form-page';
import {
  DateInput,
  Radios,
  Select,
  TextInput,
  datePartsFrom,
  isoDateFrom,
} from '../../../components/form-fields';
import { QueryState } from '../../../components/query-state';
import { Panel } from '../../../components/panel';
import { WarningText } from '../../../components/warning-text';
import { addDays, formatDateTime, startOfLondonDay, todayInLondon } from '../../../lib/dates';
import { focusMainSoon } from '../../../lib/focus-main';
import { apiErrors, type FieldErrors, useFormErrors } from '../../../lib/form-errors';
import { apiPermissionNames, unitTypeNames } from '../../../lib/labels';
import { groupUnits, unitsInUse, useOrgUnits } from '../../../lib/org-units';
import { paths } from '../../../lib/paths';
import { usePageTitle } from '../../../lib/use-page-title';
import { useCreateApiClient } from '../api';

const pageTitle = 'Create an API client';
const fieldOrder = [
  { name: 'name' },
  { name: 'unitId' },
  { name: 'permission' },
  { name: 'expiresAt', href: '#expiresAt-day' },
];
const fieldLabels = {
  name: 'Name',
  unitId: 'Unit',
  permission: 'Permission',
  expiresAt: 'Expires on',
};

const permissionHints: Record<ApiPermission, string> = {
  read: 'Reads inspections, plans, actions and evidence in its unit.',
  read_write: 'Also changes them, as a person in that unit could.',
};

export function NewApiClientPage() {
  const units = useOrgUnits();
  const create = useCreateApiClient();
  const [name, setName] = useState('');
  const [unitId, setUnitId] = useState('');
  const [permission, setPermission] = useState<ApiPermission | ''>('');
  const today = todayInLondon();
  const [expiresOn, setExpiresOn] = useState(() =>
    datePartsFrom(addDays(today, apiClientDefaultLifetimeDays)),
  );
  const form = useFormErrors(fieldOrder);
  const [created, setCreated] = useState<CreatedApiClient | null>(null);

  usePageTitle(
    units.isError ? undefined : created ? 'API client created' : pageTitle,
    form.items.length > 0,
  );

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (create.isPending) return;
    const invalid: FieldErrors = {};
    if (!name.trim()) invalid.name = 'Enter a name for the API client';
    if (!unitId) invalid.unitId = 'Choose the unit whose data it may use';
    if (!permission) invalid.permission = 'Select what it may do';
    const expiryDate = isoDateFrom(expiresOn);
    if (!expiryDate) invalid.expiresAt = 'Enter the date the token stops working, as a real date';
    else if (expiryDate <= today) invalid.expiresAt = 'The expiry date must be after today';
    else if (expiryDate > addDays(today, apiClientMaxLifetimeDays))
      invalid.expiresAt = `The expiry date must be at most ${apiClientMaxLifetimeDays} days from today`;
    if (Object.keys(invalid).length > 0 || !permission || !expiryDate) {
      form.fail(invalid);
      return;
    }
    try {
      setCreated(
        await create.mutateAsync({
          name: name.trim(),
          unitId,
          permission,
          expiresAt: startOfLondonDay(expiryDate),
        }),
      );
      focusMainSoon();
    } catch (error) {
      const { fields, other } = apiErrors(error, fieldLabels);
      form.fail(fields, other);
    }
  };

  if (!units.isSuccess) {
    return <QueryState queries={[units]} what="organisation units" />;
  }

  if (created) {
    return (
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <Panel title="API client created">
            {created.client.name}
            <br />
            {apiPermissionNames[created.client.permission]}, {created.client.unit.name}
            <br />
            Expires {formatDateTime(created.client.expiresAt)}
          </Panel>
          <h2 className="govuk-heading-m">Token</h2>
          <WarningText>
            This is the only time the token will be shown. Copy it now and keep it somewhere safe,
            such as a secrets store. If it is lost, revoke this client and create another.
          </WarningText>
          <div className="govuk-inset-text">
            <p className="app-secret" data-testid="api-token">
              {created.token}
            </p>
          </div>
          <CopyButton text={created.token} label="Copy token" />
          <p className="govuk-body">
            The system using it sends it with every request, in the header{' '}
            <code>Authorization: Bearer</code> followed by the token. Never put it in a web address.
          </p>
          <p className="govuk-body">
            <Link className="govuk-link" to={paths.apiClients}>
              Back to API clients
            </Link>
          </p>
        </div>
      </div>
    );
  }

  return (
    <FormPage back={{ to: paths.apiClients, text: 'Back to API clients' }} errors={form}>
      <h1 className="govuk-heading-l">{pageTitle}</h1>
      <form noValidate onSubmit={(event) => void submit(event)}>
        <TextInput
          id="name"
          label={fieldLabels.name}
          hint="Say which system uses it, for example Greater Manchester performance dashboard."
          autoComplete="off"
          value={name}
          onChange={setName}
          error={form.fields.name}
        />
        <Select
          id="unitId"
          label={fieldLabels.unitId}
          hint="It sees and changes only what a person in this unit could."
          placeholder="Choose a unit"
          groups={groupUnits(unitsInUse(units.data)).map((group) => ({
            label: unitTypeNames[group.type],
            options: group.units.map((unit) => ({ value: unit.id, text: unit.name })),
          }))}
          value={unitId}
          onChange={setUnitId}
          error={form.fields.unitId}
        />
        <Radios
          name="permission"
          legend={fieldLabels.permission}
          options={apiPermissions.map((value) => ({
            value,
            text: apiPermissionNames[value],
            hint: permissionHints[value],
          }))}
          value={permission}
          onChange={(value) => setPermission(value as ApiPermission)}
          error={form.fields.permission}
        />
        <DateInput
          id="expiresAt"
          legend={fieldLabels.expiresAt}
          hint={`The token stops working at the start of this day (UK time). At most ${apiClientMaxLifetimeDays / 365} years ahead; before then, create a replacement and revoke this one.`}
          value={expiresOn}
          onChange={setExpiresOn}
          error={form.fields.expiresAt}
        />
        <button type="submit" className="govuk-button" data-module="govuk-button">
          Create API client
        </button>
      </form>
    </FormPage>
  );
}
