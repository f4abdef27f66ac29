import type { OrgUnit, UpdateOrgUnitRequest } from '@tracker/shared';
import { useState, type FormEvent } from 'react';
import { useNavigate, useParams } from 'react-router';

import { FormButtons, FormPage } from '../../../components/form-page';
import { Radios, Select, TextInput } from '../../../components/form-fields';
import { NotFoundPage } from '../../../components/not-found-page';
import { QueryState } from '../../../components/query-state';
import { apiErrors, type FieldErrors, useFormErrors } from '../../../lib/form-errors';
import { useOrgUnits } from '../../../lib/org-units';
import { paths } from '../../../lib/paths';
import { usePageTitle } from '../../../lib/use-page-title';
import { useUpdateOrgUnit } from '../api';
import type { OrgUnitsPageState } from './org-units-page';

const fieldOrder = [{ name: 'name' }, { name: 'parentId' }, { name: 'retired' }];
const fieldLabels = { name: 'Name', parentId: 'Region', retired: 'Status' };

export function EditOrgUnitPage() {
  const { unitId = '' } = useParams();
  const units = useOrgUnits();
  usePageTitle(units.isPending ? 'Change a unit' : undefined);
  if (!units.isSuccess) return <QueryState queries={[units]} what="organisation units" />;
  const unit = units.data.find((candidate) => candidate.id === unitId);
  if (!unit || (unit.type !== 'region' && unit.type !== 'pdu')) return <NotFoundPage />;
  // A fresh form for each revision: after someone else's change it starts from what is saved.
  return <EditOrgUnitForm key={unit.revision} unit={unit} units={units.data} />;
}

function EditOrgUnitForm({ unit, units }: { unit: OrgUnit; units: OrgUnit[] }) {
  const update = useUpdateOrgUnit(unit);
  const navigate = useNavigate();
  const [name, setName] = useState(unit.name);
  const [parentId, setParentId] = useState(unit.parentId ?? '');
  const [status, setStatus] = useState(unit.retiredAt ? 'retired' : 'in_use');
  const form = useFormErrors(fieldOrder);
  const title = unit.type === 'pdu' ? 'Change a PDU' : 'Change a region';
  usePageTitle(title, form.items.length > 0);
  const regions = units
    .filter(
      (region) => region.type === 'region' && (!region.retiredAt || region.id === unit.parentId),
    )
    .sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));
  const currentRegion = units.find((region) => region.id === unit.parentId);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (update.isPending) return;
    const invalid: FieldErrors = {};
    if (!name.trim()) invalid.name = 'Enter the name of the unit';
    if (Object.keys(invalid).length > 0) {
      form.fail(invalid);
      return;
    }
    // Only what changed is sent.
    const changes: UpdateOrgUnitRequest = {};
    if (name.trim() !== unit.name) changes.name = name.trim();
    if (unit.type === 'pdu' && parentId !== unit.parentId) changes.parentId = parentId;
    if ((status === 'retired') !== Boolean(unit.retiredAt)) changes.retired = status === 'retired';
    try {
      const state: OrgUnitsPageState = { notice: 'Nothing was changed' };
      if (Object.keys(changes).length > 0) {
        const saved = await update.mutateAsync(changes);
        state.notice = `${saved.name} saved`;
      }
      navigate(paths.orgUnits, { state });
    } catch (error) {
      const { fields, other } = apiErrors(error, fieldLabels);
      form.fail(fields, other);
    }
  };

  return (
    <FormPage back={{ to: paths.orgUnits, text: 'Back to organisation units' }} errors={form}>
      <span className="govuk-caption-l">{unit.name}</span>
      <h1 className="govuk-heading-l">{title}</h1>
      <form noValidate onSubmit={(event) => void submit(event)}>
        <TextInput
          id="name"
          label={fieldLabels.name}
          autoComplete="off"
          value={name}
          onChange={setName}
          error={form.fields.name}
        />
        <p className="govuk-body">
          Code <code>{unit.code}</code> (it never changes).
        </p>
        {unit.type === 'pdu' ? (
          <Select
            id="parentId"
            label={fieldLabels.parentId}
            hint={`Moving the PDU changes what its people see at once: they see the new region's plans, not ${currentRegion?.name ?? 'the old region'}'s. Actions it owns in plans already written stay in those plans.`}
            options={regions.map((region) => ({ value: region.id, text: region.name }))}
            value={parentId}
            onChange={setParentId}
            error={form.fields.parentId}
          />
        ) : null}
        <Radios
          name="retired"
          legend={fieldLabels.retired}
          legendSize="m"
          options={[
            { value: 'in_use', text: 'In use' },
            {
              value: 'retired',
              text: 'Retired',
              hint: `It keeps its history but takes no new people, API clients or actions. Move its people and open actions${unit.type === 'region' ? ', and move or retire its PDUs,' : ''} first.`,
            },
          ]}
          value={status}
          onChange={setStatus}
          error={form.fields.retired}
        />
        <FormButtons submit="Save changes" cancelTo={paths.orgUnits} busy={update.isPending} />
      </form>
    </FormPage>
  );
}
