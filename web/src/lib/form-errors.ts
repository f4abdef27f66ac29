import { useCallback, useState } from 'react';

import { isApiError } from './api-client';

/** One line of a GOV.UK error summary; `href` points at the field at fault, when there is one. */
export interface ErrorItem {
  text: string;
  href?: string;
}

/** Messages keyed by field name (the name the API uses as the error's `path`). */
export type FieldErrors = Partial<Record<string, string>>;

/**
 * The error summary's lines, in the order the fields appear on the page (GOV.UK asks for
 * that), each linking to its field; then any errors that belong to no one field.
 */
export function summaryItems(
  fieldErrors: FieldErrors,
  fieldOrder: { name: string; href?: string }[],
  otherErrors: string[] = [],
): ErrorItem[] {
  const items: ErrorItem[] = [];
  for (const field of fieldOrder) {
    const text = fieldErrors[field.name];
    if (text) items.push({ text, href: field.href ?? `#${field.name}` });
  }
  return [...items, ...otherErrors.map((text) => ({ text }))];
}

/** A form's errors: what its fields show, the summary's lines and how many times it failed. */
export interface FormErrors {
  /** Each field's inline message, by field name. */
  fields: FieldErrors;
  /** The error summary's lines (see `summaryItems`). */
  items: ErrorItem[];
  /** Counts failed attempts: the summary's `key`, so each failure takes focus again. */
  attempt: number;
  /** Shows these errors in place of the last ones, as a new failed attempt. */
  fail: (fields: FieldErrors, other?: (string | ErrorItem)[]) => void;
  /** Takes the errors away (not a failed attempt). */
  clear: () => void;
}

/** The state of a form's errors, its fields listed in page order for the summary. */
export function useFormErrors(fieldOrder: { name: string; href?: string }[]): FormErrors {
  const [fields, setFields] = useState<FieldErrors>({});
  const [other, setOther] = useState<ErrorItem[]>([]);
  const [attempt, setAttempt] = useState(0);
  const fail = useCallback((nextFields: FieldErrors, nextOther: (string | ErrorItem)[] = []) => {
    setFields(nextFields);
    setOther(nextOther.map((item) => (typeof item === 'string' ? { text: item } : item)));
    setAttempt((count) => count + 1);
  }, []);
  const clear = useCallback(() => {
    setFields({});
    setOther([]);
  }, []);
  return { fields, items: [...summaryItems(fields, fieldOrder), ...other], attempt, fail, clear };
}

/**
 * Turns an API message into a sentence a person can act on. A bare predicate from the
 * server ("must be at least 12 characters") gets the field's name in front of it.
 */
export function fieldMessage(label: string, message: string): string {
  const trimmed = message.trim().replace(/\.$/, '');
  if (!trimmed) return `Check ${label.toLowerCase()}`;
  const first = trimmed.charAt(0);
  if (first === first.toLowerCase() && first !== first.toUpperCase()) {
    return `${label} ${trimmed}`;
  }
  return trimmed;
}

/**
 * Splits an API error into messages for the form's own fields and messages for the summary
 * alone. `labels` names the form's fields (by API path) as the person sees them.
 */
export function apiErrors(
  error: unknown,
  labels: Record<string, string>,
): { fields: FieldErrors; other: string[] } {
  if (!isApiError(error)) {
    return { fields: {}, other: ['Sorry, there is a problem with the service. Try again later.'] };
  }
  const fields: FieldErrors = {};
  const other: string[] = [];
  for (const fieldError of error.errors) {
    const label = labels[fieldError.path];
    if (label !== undefined) {
      fields[fieldError.path] ??= fieldMessage(label, fieldError.message);
    } else {
      other.push(fieldMessage(fieldError.path || 'This', fieldError.message));
    }
  }
  if (error.errors.length === 0) {
    other.push(
      error.status >= 500
        ? 'Sorry, there is a problem with the service. Try again later.'
        : error.detail || error.title,
    );
  }
  return { fields, other };
}
