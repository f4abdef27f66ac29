import type { Action, ActionStatus } from '@tracker/shared';
import { actionStatuses } from '@tracker/shared';
import { useState, type FormEvent } from 'react';

import { ErrorSummary } from '../../../components/error-summary';
import { Select, TextInput, Textarea } from '../../../components/form-fields';
import { apiErrors, type FieldErrors, useFormErrors } from '../../../lib/form-errors';
import { actionStatusNames } from '../../../lib/labels';
import { usePostUpdate } from '../api';

const fieldOrder = [
  { name: 'narrative' },
  { name: 'percentComplete' },
  { name: 'status' },
  { name: 'statusReason' },
];
const fieldLabels = {
  narrative: 'Update',
  percentComplete: 'Percent complete',
  status: 'Status',
  statusReason: 'Reason',
};

/** Posting a progress update: what happened, and where the action now stands. */
export function PostUpdate({
  action,
  lead,
  onPosted,
}: {
  action: Action;
  lead: boolean;
  onPosted?: () => void;
}) {
  const post = usePostUpdate(action.id);
  const [narrative, setNarrative] = useState('');
  const [percent, setPercent] = useState('');
  const [status, setStatus] = useState<ActionStatus | ''>('');
  const [statusReason, setStatusReason] = useState('');
  const form = useFormErrors(fieldOrder);
  const [saved, setSaved] = useState('');

  const closed = action.status === 'verified_closed' || action.status === 'cancelled';
  const needsReason =
    status === 'cancelled' || (closed && status !== '' && status !== action.status);
  const options = actionStatuses.filter(
    (value) =>
      value !== action.status &&
      (value !== 'verified_closed' || (lead && action.status === 'complete')),
  );

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (post.isPending) return;
    const fail = (fields: FieldErrors, other: string[] = []) => {
      form.fail(fields, other);
      setSaved('');
    };
    const errors: FieldErrors = {};
    if (!narrative.trim()) errors.narrative = 'Enter what has happened since the last update';
    const percentText = percent.trim().replace(/%$/, '');
    if (percentText && (!/^\d{1,3}$/.test(percentText) || Number(percentText) > 100)) {
      errors.percentComplete = 'Percent complete must be a whole number from 0 to 100';
    }
    if (status === 'complete' && action.evidenceCount === 0) {
      errors.status = 'Add evidence before marking the action complete';
    }
    if (needsReason && !statusReason.trim()) {
      errors.statusReason =
        status === 'cancelled' ? 'Enter why the action is cancelled' : 'Enter why it is reopened';
    }
    if (Object.keys(errors).length > 0) {
      fail(errors);
      return;
    }
    try {
      await post.mutateAsync({
        narrative: narrative.trim(),
        ...(percentText ? { percentComplete: Number(percentText) } : {}),
        ...(status ? { status } : {}),
        ...(needsReason ? { statusReason: statusReason.trim() } : {}),
      });
      setNarrative('');
      setPercent('');
      setStatus('');
      setStatusReason('');
      form.clear();
      setSaved('Update posted');
      onPosted?.();
    } catch (error) {
      const { fields, other } = apiErrors(error, fieldLabels);
      fail(fields, other);
    }
  };

  return (
    <section aria-labelledby="post-update-heading">
      <h3 className="govuk-heading-m" id="post-update-heading">
        Post an update
      </h3>
      <p className="govuk-body" role="status" data-testid="update-status">
        {saved}
      </p>
      {form.items.length > 0 ? <ErrorSummary key={form.attempt} items={form.items} /> : null}
      <form
        noValidate
        onSubmit={(event) => void submit(event)}
        aria-labelledby="post-update-heading"
      >
        <Textarea
          id="narrative"
          label="What has happened?"
          hint="Progress since the last update, and anything holding it up. Updates cannot be changed once posted."
          value={narrative}
          onChange={setNarrative}
          error={form.fields.narrative}
        />
        <TextInput
          id="percentComplete"
          label="Percent complete (optional)"
          hint={`Now ${action.percentComplete}%. A whole number from 0 to 100.`}
          inputMode="numeric"
          width="3"
          suffix="%"
          value={percent}
          onChange={setPercent}
          error={form.fields.percentComplete}
        />
        <Select
          id="status"
          label="Change the status (optional)"
          hint={`Now ${actionStatusNames[action.status].toLowerCase()}. Complete needs at least one piece of evidence.`}
          placeholder={`Keep as ${actionStatusNames[action.status].toLowerCase()}`}
          options={options.map((value) => ({ value, text: actionStatusNames[value] }))}
          value={status}
          onChange={(value) => setStatus(value as ActionStatus | '')}
          error={form.fields.status}
        />
        {needsReason ? (
          <Textarea
            id="statusReason"
            label={status === 'cancelled' ? 'Why is it cancelled?' : 'Why is it reopened?'}
            rows={2}
            value={statusReason}
            onChange={setStatusReason}
            error={form.fields.statusReason}
          />
        ) : null}
        <button type="submit" className="govuk-button" data-module="govuk-button">
          Post update
        </button>
      </form>
    </section>
  );
}
