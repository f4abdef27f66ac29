import type { OrgUnit } from '@tracker/shared';
import { useState, type FormEvent } from 'react';
import { useNavigate, useSearchParams } from 'react-router';

import { FormButtons, FormPage } from '../../../components/form-page';
import { Radios, Select, TextInput } from '../../../components/form-fields';
import { QueryState } from '../../../components/query-state';
import { apiErrors, type FieldErrors, useFormErrors } from '../../../lib/form-errors';
import { useOrgUnits } from '../../../lib/org-units';
import { paths } from '../../../lib/paths';
import { usePageTitle } from '../../../lib/use-page-title';
import { useCreateOrgUnit } from '../api';
import { codeFrom } from '../code-from';
import type { OrgUnitsPageState } from './org-units-page';

const fieldOrder = [{ name: 'type' }, { name: 'name' }, { name: 'code' }, { name: 'parentId' }];
const fieldLabels = {
  type: 'Kind of unit',
  name: 'Name',
  code: 'Code',
  parentId: 'Region it belongs to',
};

export function NewOrgUnitPage() {
  const units = useOrgUnits();
  usePageTitle(units.isPending ? 'Add an organisation unit' : undefined);
  if (!units.isSuccess) return <QueryState queries={[units]} what="organisation units" />;
  const regions = units.data
    .filter((unit) => unit.type === 'region' && !unit.retiredAt)
    .sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));
  return <NewOrgUnitForm regions={regions} />;
}

function NewOrgUnitForm({ regions }: { regions: OrgUnit[] }) {
  const [search] = useSearchParams();
  const create = useCreateOrgUnit();
  const navigate = useNavigate();
  const [type, setType] = useState<'region' | 'pdu' | ''>(() => {
    const asked = search.get('type');
    return asked === 'region' || asked === 'pdu' ? asked : '';
  });
  const [name, setName] = useState('');
  // The code follows the name until the administrator types one of their own.
  const [code, setCode] = useState<string | null>(null);
  const [parentId, setParentId] = useState(search.get('parentId') ?? '');
  const form = useFormErrors(fieldOrder);
  const title = type === 'pdu' ? 'Add a PDU' : type === 'region' ? 'Add a region' : 'Add a unit';
  usePageTitle(title, form.items.length > 0);
  const shownCode = code ?? codeFrom(name);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (create.isPending) return;
    const invalid: FieldErrors = {};
    if (!type) invalid.type = 'Select whether it is a region or a PDU';
    if (!name.trim()) invalid.name = 'Enter the name of the unit';
    if (!shownCode) invalid.code = 'Enter a code';
    if (type === 'pdu' && !parentId) invalid.parentId = 'Choose the region the PDU belongs to';
    if (Object.keys(invalid).length > 0 || !type) {
      form.fail(invalid);
      return;
    }
    try {
      const created = await create.mutateAsync({
        type,
        name: name.trim(),
        code: shownCode,
        ...(type === 'pdu' ? { parentId } : {}),
      });
      const state: OrgUnitsPageState = { notice: `${created.name} added` };
      navigate(paths.orgUnits, { state });
    } catch (error) {
      const { fields, other } = apiErrors(error, fieldLabels);
      form.fail(fields, other);
    }
  };

  return (
    <FormPage back={{ to: paths.orgUnits, text: 'Back to organisation units' }} errors={form}>
      <h1 className="govuk-heading-l">{title}</h1>
      <form noValidate onSubmit={(event) => void submit(event)}>
        <Radios
          name="type"
          legend={fieldLabels.type}
          legendSize="m"
          options={[
            { value: 'region', text: 'Region', hint: 'One of the probation regions, under HMPPS.' },
            {
              value: 'pdu',
              text: 'Probation delivery unit (PDU)',
              hint: 'Part of a region.',
              conditional: (
                <Select
                  id="parentId"
                  label={fieldLabels.parentId}
                  placeholder="Choose a region"
                  options={regions.map((region) => ({ value: region.id, text: region.name }))}
                  value={parentId}
                  onChange={setParentId}
                  error={form.fields.parentId}
                />
              ),
            },
          ]}
          value={type}
          onChange={(value) => setType(value as 'region' | 'pdu')}
          error={form.fields.type}
        />
        <TextInput
          id="name"
          label={fieldLabels.name}
          autoComplete="off"
          value={name}
          onChange={setName}
          error={form.fields.name}
        />
        <TextInput
          id="code"
          label={fieldLabels.code}
          hint='A short key that never changes, used by imports and other systems: lower-case letters and digits joined by hyphens, like "manchester-north".'
          autoComplete="off"
          spellCheck={false}
          value={shownCode}
          onChange={setCode}
          error={form.fields.code}
        />
        <FormButtons submit={title} cancelTo={paths.orgUnits} busy={create.isPending} />
      </form>
    </FormPage>
  );
}
