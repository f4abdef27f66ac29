import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';

import { BackLink } from '../../../components/back-link';
import { ErrorSummary } from '../../../components/error-summary';
import { Textarea } from '../../../components/form-fields';
import { Loading } from '../../../components/loading';
import { ProblemPanel } from '../../../components/problem-panel';
import { ApiError } from '../../../lib/api-client';
import { apiErrors, summaryItems, type FieldErrors } from '../../../lib/form-errors';
import { paths } from '../../../lib/paths';
import { usePageTitle } from '../../../lib/use-page-title';
import type { NoticeState } from '../../recommendations/pages/recommendation-page';
import { useEvidence, useRemoveEvidence } from '../api';
import { useActionContext } from '../components/use-action-context';

const pageTitle = 'Remove evidence';

export function RemoveEvidencePage() {
  const { actionId = '', evidenceId = '' } = useParams();
  const { ready, error } = useActionContext(actionId);
  const evidence = useEvidence(actionId);
  const remove = useRemoveEvidence(actionId);
  const navigate = useNavigate();
  const [reason, setReason] = useState('');
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [otherErrors, setOtherErrors] = useState<string[]>([]);
  const [attempt, setAttempt] = useState(0);
  const items = summaryItems(fieldErrors, [{ name: 'reason' }], otherErrors);
  usePageTitle(ready ? pageTitle : undefined, items.length > 0);

  if (error) return <ProblemPanel error={error} />;
  if (evidence.isError) return <ProblemPanel error={evidence.error} />;
  if (!ready || evidence.isPending) return <Loading what="evidence" />;
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
    const fail = (fields: FieldErrors, other: string[]) => {
      setFieldErrors(fields);
      setOtherErrors(other);
      setAttempt((count) => count + 1);
    };
    if (!reason.trim()) {
      fail({ reason: 'Enter why the evidence is being removed' }, []);
      return;
    }
    try {
      await remove.mutateAsync({ evidenceId, reason: reason.trim() });
      const state: NoticeState = { notice: `Evidence removed: ${item.title}` };
      navigate(paths.action(actionId), { state });
    } catch (caught) {
      const { fields, other } = apiErrors(caught, { reason: 'Reason' });
      fail(fields, other);
    }
  };

  return (
    <>
      <BackLink to={paths.action(actionId)}>Back to the action</BackLink>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          {items.length > 0 ? <ErrorSummary key={attempt} items={items} /> : null}
          <span className="govuk-caption-l">{ready.action.title}</span>
          <h1 className="govuk-heading-l">Remove &lsquo;{item.title}&rsquo;</h1>
          <p className="govuk-body">
            It will no longer count as evidence for this action. The service keeps a record of it,
            of who removed it and why.
          </p>
          <form noValidate onSubmit={(event) => void submit(event)}>
            <Textarea
              id="reason"
              label="Why is it being removed?"
              rows={3}
              value={reason}
              onChange={setReason}
              error={fieldErrors.reason}
            />
            <div className="govuk-button-group">
              <button
                type="submit"
                className="govuk-button govuk-button--warning"
                data-module="govuk-button"
              >
                Remove evidence
              </button>
              <Link className="govuk-link" to={paths.action(actionId)}>
                Cancel
              </Link>
            </div>
          </form>
        </div>
      </div>
    </>
  );
}
