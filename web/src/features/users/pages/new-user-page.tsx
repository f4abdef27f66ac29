import type { PasswordLink } from '@tracker/shared';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';

import { FormPage } from '../../../components/form-page';
import { QueryState } from '../../../components/query-state';
import { Panel } from '../../../components/panel';
import { focusMainSoon } from '../../../lib/focus-main';
import { apiErrors, useFormErrors } from '../../../lib/form-errors';
import { roleNames } from '../../../lib/labels';
import { useOrgUnits } from '../../../lib/org-units';
import { paths } from '../../../lib/paths';
import { usePageTitle } from '../../../lib/use-page-title';
import { useCreateUser } from '../api';
import { PasswordLinkDetails } from '../components/password-link-details';
import {
  UserFields,
  checkUserFields,
  userFieldLabels,
  userFieldOrder,
  type UserFieldValues,
} from '../components/user-fields';

const pageTitle = 'Create a user';
const emptyValues: UserFieldValues = { name: '', email: '', role: '', unitId: '' };

export function NewUserPage() {
  const units = useOrgUnits();
  const createUser = useCreateUser();
  const [values, setValues] = useState<UserFieldValues>(emptyValues);
  const form = useFormErrors(userFieldOrder);
  const [created, setCreated] = useState<PasswordLink | null>(null);

  usePageTitle(
    units.isError ? undefined : created ? 'User created' : pageTitle,
    form.items.length > 0,
  );

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (createUser.isPending) return;
    const invalid = checkUserFields(values, true);
    if (Object.keys(invalid).length > 0 || !values.role) {
      form.fail(invalid);
      return;
    }
    try {
      const link = await createUser.mutateAsync({
        name: values.name.trim(),
        email: values.email.trim(),
        role: values.role,
        unitId: values.unitId,
      });
      setCreated(link);
      form.clear();
      focusMainSoon();
    } catch (error) {
      const { fields, other } = apiErrors(error, userFieldLabels);
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
          <Panel title="User created">
            {created.user.name}
            <br />
            {roleNames[created.user.role]}, {created.user.unit.name}
          </Panel>
          <PasswordLinkDetails link={created} />
          <ul className="govuk-list">
            <li>
              <Link className="govuk-link" to={paths.user(created.user.id)}>
                View {created.user.name}&rsquo;s account
              </Link>
            </li>
            <li>
              <Link
                className="govuk-link"
                to={paths.newUser}
                onClick={() => {
                  setCreated(null);
                  setValues(emptyValues);
                }}
              >
                Create another user
              </Link>
            </li>
            <li>
              <Link className="govuk-link" to={paths.users()}>
                Back to users
              </Link>
            </li>
          </ul>
        </div>
      </div>
    );
  }

  return (
    <FormPage back={{ to: paths.users(), text: 'Back to users' }} errors={form}>
      <h1 className="govuk-heading-l">{pageTitle}</h1>
      <p className="govuk-body">
        You will get a link to send them, so they can set their own password.
      </p>
      <form noValidate onSubmit={(event) => void submit(event)}>
        <UserFields
          values={values}
          onChange={setValues}
          errors={form.fields}
          units={units.data}
          withEmail
        />
        <button type="submit" className="govuk-button" data-module="govuk-button">
          Create user
        </button>
      </form>
    </FormPage>
  );
}
