import type { ActionStatus, Rag } from '@tracker/shared';

/**
 * The RAG rules (docs/decisions/004-rag.md), reckoned in calendar days in Europe/London:
 * - finished (complete, verified closed, cancelled): no rating;
 * - a lead's override, while it stands;
 * - blocked, or past its due date: red;
 * - due within the amber window (RAG_DUE_SOON_DAYS) with progress behind the time elapsed
 *   since it started: amber;
 * - otherwise green.
 */
export const finishedStatuses: readonly ActionStatus[] = [
  'complete',
  'verified_closed',
  'cancelled',
];

export interface RagInput {
  status: ActionStatus;
  startDate: string | null;
  /** When no start date is given, the action counts as started when it was created. */
  createdOn: string;
  dueDate: string | null;
  percentComplete: number;
  ragOverride: Rag | null;
}

const londonDate = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar date in Europe/London at a moment, as YYYY-MM-DD. */
export function londonDateOf(moment: Date): string {
  return londonDate.format(moment);
}

/** Whole days from one calendar date to another (dates carry no time, so no clock changes). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export function deriveRag(action: RagInput, today: string, dueSoonDays: number): Rag | null {
  if (finishedStatuses.includes(action.status)) return null;
  if (action.ragOverride) return action.ragOverride;
  if (action.status === 'blocked') return 'red';
  if (!action.dueDate) return 'green';
  const daysLeft = daysBetween(today, action.dueDate);
  if (daysLeft < 0) return 'red';
  if (daysLeft <= dueSoonDays && action.percentComplete < expectedPercent(action, today))
    return 'amber';
  return 'green';
}

/** The share of the time from start to due date that has passed, as a percentage. */
function expectedPercent(action: RagInput, today: string): number {
  const start = action.startDate ?? action.createdOn;
  const span = daysBetween(start, action.dueDate!);
  if (span <= 0) return 100;
  const elapsed = Math.min(Math.max(daysBetween(start, today), 0), span);
  return (elapsed / span) * 100;
}
