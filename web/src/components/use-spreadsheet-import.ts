import type { ImportReport } from '@tracker/shared';
import { useEffect, useRef, useState, type FormEvent } from 'react';

import { summaryItems, type ErrorItem } from '../lib/form-errors';
import { checkFile, refusal } from '../lib/spreadsheet-file';
import { reportErrorItems } from './import-report';

export type ImportMode = 'dry-run' | 'apply';

/**
 * The steps every spreadsheet import shares: choose a file, check it (a dry run), read the
 * report, then apply it, all or nothing. `upload` sends the file; the page draws the rest.
 */
export function useSpreadsheetImport(
  upload: (file: File, mode: ImportMode) => Promise<ImportReport>,
) {
  const [file, setFile] = useState<File | null>(null);
  const [resetKey, setResetKey] = useState(0);
  const [fileError, setFileError] = useState<string | undefined>();
  const [otherErrors, setOtherErrors] = useState<string[]>([]);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [sending, setSending] = useState(false);
  const reportHeading = useRef<HTMLHeadingElement>(null);
  const items: ErrorItem[] = [
    ...summaryItems({ file: fileError }, [{ name: 'file' }], otherErrors),
    ...(report ? reportErrorItems(report) : []),
  ];

  // A clean report is announced by moving focus to it; errors take focus in their summary.
  useEffect(() => {
    if (report && report.errors.length === 0) reportHeading.current?.focus();
  }, [report]);

  const send = async (mode: ImportMode) => {
    if (sending) return;
    const invalid = checkFile(file);
    setAttempt((count) => count + 1);
    setReport(null);
    setFileError(invalid ?? undefined);
    setOtherErrors([]);
    if (invalid || !file) return;
    setSending(true);
    try {
      const answer = await upload(file, mode);
      setReport(answer);
      if (answer.applied) {
        setFile(null);
        setResetKey((key) => key + 1);
      }
    } catch (error) {
      const { file: message, other } = refusal(error);
      setFileError(message);
      setOtherErrors(other);
    } finally {
      setSending(false);
    }
  };

  return {
    report,
    /** The error summary's items (the file's and every row's), and its key for each attempt. */
    errors: { items, attempt },
    reportHeading,
    /** Props for the file field. */
    fileField: {
      onChange: (chosen: File | null) => {
        setFile(chosen);
        setReport(null);
      },
      resetKey,
      error: fileError,
    },
    check: (event: FormEvent<HTMLFormElement>) => {
      event.preventDefault();
      void send('dry-run');
    },
    apply: () => send('apply'),
  };
}
