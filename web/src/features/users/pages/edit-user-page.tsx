import type { UpdateUserRequest, User } from '@tracker/shared';
import { useState, type FormEvent } from 'react';
import { useNavigate, useParams } from 'react-router';

import { FormButtons, FormPage } from '../../../components/form-page';
import { QueryState } from '../../../components/query-state';
import { apiErrors, useFormErrors } from '../../../lib/form-errors';
import { useOrgUnits } from '../../../lib/org-units';
import { paths } from '../../../lib/paths';
import { usePageTitle } from '../../../lib/use-page-title';
import { useUpdateUser, useUser } from '../api';
import {
  UserFields,
  checkUserFields,
  userFieldLabels,
  userFieldOrder,
  type UserFieldValues,
} from '../components/user-fields';
import type { UserPageState } from './user-page';

const pageTitle = 'Change user details';

export function EditUserPage() {
  const { userId = '' } = useParams();
  const user = useUser(userId);
  const units = useOrgUnits();
  usePageTitle(user.isError || units.isError ? undefined : pageTitle);

  if (!user.isSuccess || !units.isSuccess) {
    return <QueryState queries={[user, units]} what="user" />;
  }
  // A fresh form for each user, started from what is saved now.
  return <EditUserForm key={user.data.updatedAt} user={user.data} units={units.data} />;
}

function EditUserForm({
  user,
  units,
}: {
  user: User;
  units: NonNullable<ReturnType<typeof useOrgUnits>['data']>;
}) {
  const update = useUpdateUser(user.id);
  const navigate = useNavigate();
  const [values, setValues] = useState<UserFieldValues>({
    name: user.name,
    email: user.email,
    role: user.role,
    unitId: user.unit.id,
  });
  const form = useFormErrors(userFieldOrder);
  usePageTitle(pageTitle, form.items.length > 0);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (update.isPending) return;
    const invalid = checkUserFields(values, false);
    if (Object.keys(invalid).length > 0 || !values.role) {
      form.fail(invalid);
      return;
    }
    // Only what changed is sent.
    const changes: UpdateUserRequest = {};
    if (values.name.trim() !== user.name) changes.name = values.name.trim();
    if (values.role !== user.role) changes.role = values.role;
    if (values.unitId !== user.unit.id) changes.unitId = values.unitId;
    const state: UserPageState = { notice: 'Nothing was changed' };
    try {
      if (Object.keys(changes).length > 0) {
        await update.mutateAsync(changes);
        state.notice = 'Changes saved';
      }
      navigate(paths.user(user.id), { state });
    } catch (error) {
      const { fields, other } = apiErrors(error, userFieldLabels);
      form.fail(fields, other);
    }
  };

  return (
    <FormPage back={{ to: paths.user(user.id), text: `Back to ${user.name}` }} errors={form}>
      <span className="govuk-caption-l">{user.name}</span>
      <h1 className="govuk-heading-l">{pageTitle}</h1>
      <p className="govuk-body">
        A new role or unit signs {user.name} out, so that they start again with what the new one
        lets them see and do. Their email address cannot be changed.
      </p>
      <form noValidate onSubmit={(event) => void submit(event)}>
        <UserFields
          values={values}
          onChange={setValues}
          errors={form.fields}
          units={units}
          withEmail={false}
        />
        <FormButtons submit="Save changes" cancelTo={paths.user(user.id)} />
      </form>
    </FormPage>
  );
}
