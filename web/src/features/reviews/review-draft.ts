import type { ReviewSubjectKind, ReviewVerdict, VerdictRequest } from '@tracker/shared';
import { useCallback, useEffect, useState } from 'react';

/** One subject's verdict as the inspector is writing it; '' is "no verdict yet". */
export interface DraftVerdict {
  subjectKind: ReviewSubjectKind;
  verdict: ReviewVerdict | '';
  comment: string;
}

/** Draft verdicts by subject id. */
export type ReviewDraft = Partial<Record<string, DraftVerdict>>;

/** A subject the inspector may give a verdict on, in the order of the letter. */
export interface ReviewSubject {
  kind: ReviewSubjectKind;
  id: string;
  label: string;
}

const draftKey = (planId: string, number: number) => `review-draft:${planId}:${number}`;

function readDraft(key: string): ReviewDraft {
  try {
    const stored = window.sessionStorage.getItem(key);
    const parsed: unknown = stored ? JSON.parse(stored) : {};
    return typeof parsed === 'object' && parsed !== null ? (parsed as ReviewDraft) : {};
  } catch {
    // Storage refused (private mode) or a damaged value: start afresh rather than fail.
    return {};
  }
}

function writeDraft(key: string, draft: ReviewDraft) {
  try {
    if (Object.keys(draft).length === 0) window.sessionStorage.removeItem(key);
    else window.sessionStorage.setItem(key, JSON.stringify(draft));
  } catch {
    // Without storage the draft lives as long as the page does; nothing more can be done.
  }
}

/**
 * The inspector's verdicts on a version, kept in sessionStorage (per plan and version) until
 * the review is sent, so moving between the version and the decision page loses nothing.
 */
export function useReviewDraft(planId: string, number: number) {
  const key = draftKey(planId, number);
  const [draft, setDraft] = useState<ReviewDraft>(() => readDraft(key));

  useEffect(() => writeDraft(key, draft), [key, draft]);

  const update = useCallback(
    (subject: Pick<ReviewSubject, 'id' | 'kind'>, change: Partial<DraftVerdict>) =>
      setDraft((current) => {
        const before = current[subject.id] ?? {
          subjectKind: subject.kind,
          verdict: '',
          comment: '',
        };
        return { ...current, [subject.id]: { ...before, ...change } };
      }),
    [],
  );

  const clear = useCallback(() => {
    try {
      window.sessionStorage.removeItem(key);
    } catch {
      // Nothing stored: nothing to remove.
    }
  }, [key]);

  return { draft, update, clear };
}

/** The verdicts given, in the order of the subjects, as the review request takes them. */
export function verdictsFrom(draft: ReviewDraft, subjects: ReviewSubject[]): VerdictRequest[] {
  return subjects.flatMap((subject) => {
    const entry = draft[subject.id];
    if (!entry?.verdict) return [];
    const comment = entry.comment.trim();
    return [
      {
        subjectKind: subject.kind,
        subjectId: subject.id,
        verdict: entry.verdict,
        ...(comment ? { comment } : {}),
      },
    ];
  });
}

/** Comment errors by subject id: a challenge or a request for evidence must say what. */
export function missingComments(draft: ReviewDraft, subjects: ReviewSubject[]) {
  const errors: Partial<Record<string, string>> = {};
  for (const subject of subjects) {
    const entry = draft[subject.id];
    if (!entry?.verdict || entry.verdict === 'accepted' || entry.comment.trim()) continue;
    errors[subject.id] =
      entry.verdict === 'challenged'
        ? `Say what is challenged about ${subject.label}`
        : `Say what evidence is needed for ${subject.label}`;
  }
  return errors;
}
