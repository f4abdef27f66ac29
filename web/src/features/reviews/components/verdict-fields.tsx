import type { ReviewVerdict } from '@tracker/shared';

import { Radios, Textarea } from '../../../components/form-fields';
import type { DraftVerdict, ReviewSubject } from '../review-draft';
import { verdictTags } from '../labels';

/** The id of a subject's first verdict radio: where "Change" links and errors lead. */
export const verdictFieldId = (subjectId: string) => `verdict-${subjectId}`;
export const commentFieldId = (subjectId: string) => `comment-${subjectId}`;

const commentLabels: Record<ReviewVerdict, string> = {
  accepted: 'Comment (optional)',
  challenged: 'What is challenged?',
  evidence_requested: 'What evidence is needed?',
};

/** The inspector's verdict on one subject: a choice, and a comment revealed under it. */
export function VerdictFields({
  subject,
  value,
  error,
  onChange,
}: {
  subject: ReviewSubject;
  value: DraftVerdict | undefined;
  error: string | undefined;
  onChange: (change: Partial<DraftVerdict>) => void;
}) {
  const comment = (verdict: ReviewVerdict) => (
    <Textarea
      id={commentFieldId(subject.id)}
      label={commentLabels[verdict]}
      value={value?.comment ?? ''}
      onChange={(text) => onChange({ comment: text })}
      error={error}
      rows={3}
    />
  );
  const option = (verdict: ReviewVerdict) => ({
    value: verdict,
    text: verdictTags[verdict].text,
    conditional: comment(verdict),
  });
  return (
    <div className="app-verdict" data-testid="verdict-fields">
      <Radios
        name={verdictFieldId(subject.id)}
        legend={`Your verdict on ${subject.kind === 'action' ? `the action “${subject.label}”` : subject.label}`}
        legendSize="s"
        value={value?.verdict ?? ''}
        onChange={(verdict) => onChange({ verdict: verdict as ReviewVerdict | '' })}
        options={[
          { value: '', text: 'No verdict' },
          option('accepted'),
          option('challenged'),
          option('evidence_requested'),
        ]}
      />
    </div>
  );
}
