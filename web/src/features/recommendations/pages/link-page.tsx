import type { Inspection, LinkRelation, Recommendation } from '@tracker/shared';
import { useState, type FormEvent } from 'react';
import { useNavigate, useParams } from 'react-router';

import { FormButtons, FormPage } from '../../../components/form-page';
import { Radios, Select, Textarea } from '../../../components/form-fields';
import { QueryState } from '../../../components/query-state';
import { apiErrors, type FieldErrors, useFormErrors } from '../../../lib/form-errors';
import { recommendationTitle } from '../../../lib/labels';
import { type NoticeState } from '../../../lib/notice';
import { paths } from '../../../lib/paths';
import { useRecommendation } from '../../../lib/queries/recommendations';
import { usePageTitle } from '../../../lib/use-page-title';
import { useCreateLink, useLinkableRecommendations } from '../api';
import { NotLead } from '../components/not-lead';

const pageTitle = 'Link to another recommendation';

const fieldOrder = [{ name: 'toRecommendationId' }, { name: 'relation' }, { name: 'note' }];
const fieldLabels = {
  toRecommendationId: 'Recommendation',
  relation: 'How they relate',
  note: 'Note',
};

export function LinkRecommendationPage() {
  const { recommendationId = '' } = useParams();
  const recommendation = useRecommendation(recommendationId);
  const linkable = useLinkableRecommendations();
  usePageTitle(recommendation.isSuccess && linkable.isSuccess ? pageTitle : undefined);
  if (!recommendation.isSuccess || !linkable.isSuccess) {
    return <QueryState queries={[recommendation, linkable]} what="recommendations" />;
  }
  if (!recommendation.data.allowed.link) {
    return <NotLead recommendation={recommendation.data} what="link this recommendation" />;
  }
  return (
    <LinkForm
      recommendation={recommendation.data}
      recommendations={linkable.data.recommendations}
      inspections={linkable.data.inspections}
    />
  );
}

/** The other recommendations, grouped under their letters: "Wigan 8" within its inspection. */
function choicesFor(
  recommendation: Recommendation,
  recommendations: Recommendation[],
  inspections: Inspection[],
) {
  return inspections
    .map((inspection) => ({
      label: `${inspection.title} (${inspection.region.name})`,
      options: recommendations
        .filter((other) => other.inspectionId === inspection.id && other.id !== recommendation.id)
        .map((other) => ({
          value: other.id,
          text: `${other.sourcePdu.name} ${other.number}: ${truncated(other.text)}`,
        })),
    }))
    .filter((group) => group.options.length > 0);
}

const truncated = (text: string) => (text.length > 70 ? `${text.slice(0, 67)}...` : text);

function LinkForm({
  recommendation,
  recommendations,
  inspections,
}: {
  recommendation: Recommendation;
  recommendations: Recommendation[];
  inspections: Inspection[];
}) {
  const create = useCreateLink(recommendation.id);
  const navigate = useNavigate();
  const [toId, setToId] = useState('');
  const [relation, setRelation] = useState<LinkRelation | ''>('');
  const [note, setNote] = useState('');
  const form = useFormErrors(fieldOrder);
  usePageTitle(pageTitle, form.items.length > 0);
  const back = paths.recommendation(recommendation.id);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (create.isPending) return;
    const errors: FieldErrors = {};
    if (!toId) errors.toRecommendationId = 'Select the recommendation to link to';
    if (!relation) errors.relation = 'Select how the two recommendations relate';
    if (Object.keys(errors).length > 0 || !relation) {
      form.fail(errors);
      return;
    }
    try {
      const link = await create.mutateAsync({
        toRecommendationId: toId,
        relation,
        ...(note.trim() ? { note: note.trim() } : {}),
      });
      const other = link.other.hidden ? 'the recommendation' : link.other.label;
      const state: NoticeState = { notice: `Linked to ${other}` };
      navigate(back, { state });
    } catch (error) {
      const { fields, other } = apiErrors(error, fieldLabels);
      form.fail(fields, other);
    }
  };

  const title = recommendationTitle(recommendation);
  return (
    <FormPage back={{ to: back, text: 'Back to the recommendation' }} errors={form}>
      <span className="govuk-caption-l">{title}</span>
      <h1 className="govuk-heading-l">{pageTitle}</h1>
      <form noValidate onSubmit={(event) => void submit(event)}>
        <Select
          id="toRecommendationId"
          label="Which recommendation?"
          hint="Recommendations of the letters you can see, in each letter's order."
          placeholder="Choose a recommendation"
          value={toId}
          onChange={setToId}
          groups={choicesFor(recommendation, recommendations, inspections)}
          error={form.fields.toRecommendationId}
        />
        <Radios
          name="relation"
          legend={`How does ${title} relate to it?`}
          value={relation}
          onChange={(value) => setRelation(value as LinkRelation)}
          error={form.fields.relation}
          options={[
            {
              value: 'repeats',
              text: 'It repeats it',
              hint: 'The other is the earlier recommendation, from this letter or another.',
            },
            {
              value: 'overlaps',
              text: 'They overlap',
              hint: 'They cover common ground; each shows the other.',
            },
            {
              value: 'addressed_by',
              text: 'It is addressed by it',
              hint: 'The actions of the other answer this one, which can then be answered "addressed by".',
            },
          ]}
        />
        <Textarea
          id="note"
          label="Note (optional)"
          value={note}
          onChange={setNote}
          error={form.fields.note}
          rows={3}
        />
        <FormButtons submit="Link recommendations" cancelTo={back} busy={create.isPending} />
      </form>
    </FormPage>
  );
}
