import type { Recommendation } from '@tracker/shared';
import { useState, type FormEvent } from 'react';
import { useNavigate, useParams } from 'react-router';

import { FormButtons, FormPage } from '../../../components/form-page';
import { Textarea } from '../../../components/form-fields';
import { QueryState } from '../../../components/query-state';
import { apiErrors, useFormErrors } from '../../../lib/form-errors';
import { paths } from '../../../lib/paths';
import { usePageTitle } from '../../../lib/use-page-title';
import { useCloseRecommendation, useOutcomeMeasures, useReopenRecommendation } from '../api';
import { NotLead } from '../components/not-lead';
import { useRecommendation } from '../../../lib/queries/recommendations';
import { recommendationTitle } from '../../../lib/labels';
import { type NoticeState } from '../../../lib/notice';

type Mode = 'close' | 'reopen';

const texts: Record<
  Mode,
  {
    title: string;
    field: string;
    label: string;
    hint: string;
    empty: string;
    button: string;
    done: string;
  }
> = {
  close: {
    title: 'Close the recommendation',
    field: 'closingNote',
    label: 'Closing note',
    hint: 'What was done and how the region knows it worked. The inspectorate reads this.',
    empty: 'Enter a closing note',
    button: 'Close recommendation',
    done: 'Recommendation closed',
  },
  reopen: {
    title: 'Reopen the recommendation',
    field: 'reason',
    label: 'Why is it being reopened?',
    hint: 'For example, a new finding, or an action that did not work as hoped.',
    empty: 'Enter why the recommendation is being reopened',
    button: 'Reopen recommendation',
    done: 'Recommendation reopened',
  },
};

export function CloseRecommendationPage({ mode }: { mode: Mode }) {
  const { recommendationId = '' } = useParams();
  const recommendation = useRecommendation(recommendationId);
  usePageTitle(recommendation.isSuccess ? texts[mode].title : undefined);
  if (!recommendation.isSuccess) {
    return <QueryState queries={[recommendation]} what="recommendation" />;
  }
  if (!recommendation.data.allowed[mode]) {
    return <NotLead recommendation={recommendation.data} what={`${mode} this recommendation`} />;
  }
  return <CloseForm key={mode} mode={mode} recommendation={recommendation.data} />;
}

const unmetLabel = 'Why can it close with outcome measures not met?';

function CloseForm({ mode, recommendation }: { mode: Mode; recommendation: Recommendation }) {
  const text = texts[mode];
  const close = useCloseRecommendation(recommendation.id);
  const reopen = useReopenRecommendation(recommendation.id);
  const measures = useOutcomeMeasures(recommendation.id);
  const mutation = mode === 'close' ? close : reopen;
  const navigate = useNavigate();
  const [value, setValue] = useState('');
  const [unmetReason, setUnmetReason] = useState('');
  // The server checks again, and names the field if a measure has fallen short since.
  const unmet =
    mode === 'close' ? (measures.data?.items ?? []).filter((measure) => !measure.met) : [];
  const form = useFormErrors([{ name: text.field }, { name: 'unmetMeasuresReason' }]);
  usePageTitle(text.title, form.items.length > 0);

  const send = (note: string) =>
    mode === 'close'
      ? close.mutateAsync({
          closingNote: note,
          unmetMeasuresReason: unmetReason.trim() || undefined,
        })
      : reopen.mutateAsync(note);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (mutation.isPending) return;
    const missing: Record<string, string> = {};
    if (!value.trim()) missing[text.field] = text.empty;
    if (unmet.length > 0 && !unmetReason.trim())
      missing.unmetMeasuresReason = 'Enter why it can close with outcome measures not met';
    if (Object.keys(missing).length > 0) {
      form.fail(missing);
      return;
    }
    try {
      await send(value.trim());
      const state: NoticeState = { notice: text.done };
      navigate(paths.recommendation(recommendation.id), { state });
    } catch (error) {
      const { fields, other } = apiErrors(error, {
        [text.field]: text.label,
        unmetMeasuresReason: unmetLabel,
      });
      form.fail(fields, other);
    }
  };

  return (
    <FormPage
      back={{ to: paths.recommendation(recommendation.id), text: 'Back to the recommendation' }}
      errors={form}
    >
      <span className="govuk-caption-l">{recommendationTitle(recommendation)}</span>
      <h1 className="govuk-heading-l">{text.title}</h1>
      <form noValidate onSubmit={(event) => void submit(event)}>
        <Textarea
          id={text.field}
          label={text.label}
          hint={text.hint}
          value={value}
          onChange={setValue}
          error={form.fields[text.field]}
        />
        {unmet.length > 0 || form.fields.unmetMeasuresReason ? (
          <Textarea
            id="unmetMeasuresReason"
            label={unmetLabel}
            hint={`Not met: ${unmet.map((measure) => measure.name).join('; ')}. The reviewer reads this in the next version you send.`}
            value={unmetReason}
            onChange={setUnmetReason}
            error={form.fields.unmetMeasuresReason}
          />
        ) : null}
        <FormButtons submit={text.button} cancelTo={paths.recommendation(recommendation.id)} />
      </form>
    </FormPage>
  );
}
