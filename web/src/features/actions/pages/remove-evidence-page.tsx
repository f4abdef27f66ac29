import { useState, type FormEvent } from 'react';
import { useNavigate, useParams } from 'react-router';

import { FormButtons, FormPage } from '../../../components/form-page';
import { Textarea } from '../../../components/form-fields';
import { QueryState } from '../../../components/query-state';
import { ProblemPanel } from '../../../components/problem-panel';
import { ApiError } from '../../../lib/api-client';
import { apiErrors, useFormErrors } from '../../../lib/form-errors';
import { paths } from '../../../lib/paths';
import { usePageTitle } from '../../../lib/use-page-title';
import { useEvidence, useRemoveEvidence } from '../api';
import { useActionContext } from '../components/use-action-context';
import { type NoticeState } from '../../../lib/notice';

const pageTitle = 'Remove evidence';

export function RemoveEvidencePage() {
  const { actionId = '', evidenceId = '' } = useParams();
  const { ready, queries } = useActionContext(actionId);
  const evidence = useEvidence(actionId);
  const remove = useRemoveEvidence(actionId);
  const navigate = useNavigate();
  const [reason, setReason] = useState('');
  const form = useFormErrors([{ name: 'reason' }]);
  usePageTitle(ready ? pageTitle : undefined, form.items.length > 0);

  if (!ready || !evidence.isSuccess) {
    return <QueryState queries={[...queries, evidence]} what="evidence" />;
  }
  const item = evidence.data.items.find((candidate) => candidate.id === evidenceId);
  if (!item) {
    const notFound = new ApiError({
      type: 'about:blank',
      title: 'Not found',
      status: 404,
      detail: '',
    });
    return <ProblemPanel error={notFound} />;
  }

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (remove.isPending) return;
    if (!reason.trim()) {
      form.fail({ reason: 'Enter why the evidence is being removed' });
      return;
    }
    try {
      await remove.mutateAsync({ evidenceId, reason: reason.trim() });
      const state: NoticeState = { notice: `Evidence removed: ${item.title}` };
      navigate(paths.action(actionId), { state });
    } catch (caught) {
      const { fields, other } = apiErrors(caught, { reason: 'Reason' });
      form.fail(fields, other);
    }
  };

  return (
    <FormPage back={{ to: paths.action(actionId), text: 'Back to the action' }} errors={form}>
      <span className="govuk-caption-l">{ready.action.title}</span>
      <h1 className="govuk-heading-l">Remove &lsquo;{item.title}&rsquo;</h1>
      <p className="govuk-body">
        It will no longer count as evidence for this action. The service keeps a record of it, of
        who removed it and why.
      </p>
      <form noValidate onSubmit={(event) => void submit(event)}>
        <Textarea
          id="reason"
          label="Why is it being removed?"
          rows={3}
          value={reason}
          onChange={setReason}
          error={form.fields.reason}
        />
        <FormButtons submit="Remove evidence" cancelTo={paths.action(actionId)} warning />
      </form>
    </FormPage>
  );
}
